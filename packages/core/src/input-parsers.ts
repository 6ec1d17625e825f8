// Pure parsers behind the typed inputs: text in, value out, or a ConfigurationError that names the input, quotes
// the value received and says what is accepted.
import { formatDuration, MS_PER_UNIT } from './duration.js';
import { ConfigurationError, quoteValue } from './errors.js';

export interface Bounds {
  min?: number;
  max?: number;
}

/** The accepted form of each kind of input, as the error messages (and the README) state it. */
export const ACCEPTED = {
  duration: 'use a number with a unit such as 500ms, 30s, 5m, 1h or 1m30s',
  boolean: 'use true or false (YAML 1.2 core schema: true, True, TRUE, false, False, FALSE)',
  integer: 'use decimal digits with an optional leading -, such as 10 or -1',
  list: 'give one or more values, one per line or separated by commas',
} as const;

/** Durations above this are a typo (or an attempt to hang the job), not a wait anyone means. */
export const MAX_DURATION_MS = 7 * 24 * MS_PER_UNIT.h;

// Units in decreasing order, each at most once; `m(?!s)` keeps `5ms` from reading as 5 minutes and a stray `s`.
const DURATION = /^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)s)?(?:(\d+)ms)?$/;

/** '1m30s' → 90000 (milliseconds). Bounds are in milliseconds; the maximum defaults to 7 days. */
export function parseDuration(text: string, inputName: string, bounds: Bounds = {}): number {
  const match = DURATION.exec(text);
  if (text === '' || match === null) {
    throw new ConfigurationError(`${inputName}: ${quoteValue(text)} is not a duration; ${ACCEPTED.duration}`);
  }
  const [, hours, minutes, seconds, millis] = match;
  const ms =
    Number(hours ?? 0) * MS_PER_UNIT.h +
    Number(minutes ?? 0) * MS_PER_UNIT.m +
    Number(seconds ?? 0) * MS_PER_UNIT.s +
    Number(millis ?? 0);
  const min = bounds.min ?? 0;
  const max = bounds.max ?? MAX_DURATION_MS;
  const range = `use a duration from ${formatDuration(min)} to ${formatDuration(max)}`;
  // `ms > max` is also what rejects a digit string so long it is not a safe integer.
  if (!(ms <= max)) {
    throw new ConfigurationError(
      `${inputName}: ${quoteValue(text)} is more than the maximum of ${formatDuration(max)}; ${range}`,
    );
  }
  if (ms < min) {
    throw new ConfigurationError(
      `${inputName}: ${quoteValue(text)} is less than the minimum of ${formatDuration(min)}; ${range}`,
    );
  }
  return ms;
}

// YAML 1.2 core schema, exactly what @actions/core's getBooleanInput accepts. `yes`, `on`, `1` are YAML 1.1 or
// shell habits; accepting them here would make `with: {flag: on}` mean something different in this action than in
// every action built on @actions/core.
const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];

export function parseBoolean(text: string, inputName: string): boolean {
  if (TRUE.includes(text)) return true;
  if (FALSE.includes(text)) return false;
  throw new ConfigurationError(`${inputName}: ${quoteValue(text)} is not a boolean; ${ACCEPTED.boolean}`);
}

// Only an optional `-` and decimal digits: Number() would also take `0x10`, `1e3`, ` 12 ` and '' (as 0).
const INTEGER = /^-?\d+$/;
const SAFE_RANGE = `between ${Number.MIN_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}`;

export function parseInteger(text: string, inputName: string, bounds: Bounds = {}): number {
  if (!INTEGER.test(text)) {
    throw new ConfigurationError(`${inputName}: ${quoteValue(text)} is not an integer; ${ACCEPTED.integer}`);
  }
  const value = Number(text) + 0; // + 0 turns -0 into 0
  if (!Number.isSafeInteger(value)) {
    throw new ConfigurationError(
      `${inputName}: ${quoteValue(text)} is too large to be exact; ${rangeHint('an integer', bounds, SAFE_RANGE)}`,
    );
  }
  checkBounds(text, value, inputName, bounds, 'an integer');
  return value;
}

export function parseEnum<T extends string>(text: string, inputName: string, allowed: readonly T[]): T {
  const found = allowed.find((value) => value === text);
  if (found !== undefined) return found;
  const choices = allowed.map((value) => `'${value}'`).join(', ');
  throw new ConfigurationError(`${inputName}: ${quoteValue(text)} is not an accepted value; use one of ${choices}`);
}

/**
 * One value per line; blank lines, `#` comment lines and trailing ` # comments` dropped; each value trimmed. Only
 * for an input whose values may hold a comma anywhere (a URL's query); every other list input is a parseList.
 */
export function parseLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
    .filter((line) => line !== '');
}

/**
 * The one rule for a list input: values one per line or separated by commas (`a.sarif, b.json` and two lines are
 * the same list), trimmed, blanks and `#` comments dropped (as parseLines). A comma inside braces or brackets
 * does not separate (`out/{trivy,grype}.json` is one glob, `file[,;]x` one class), nor does `\,`, which keeps a
 * comma in a file name.
 */
export function parseList(text: string): string[] {
  return parseLines(text)
    .flatMap(splitAtCommas)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** The line split at each comma that is outside `{…}` and `[…]` and not escaped with a backslash. */
function splitAtCommas(line: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (char === '\\') i++;
    else if (char === '{' || char === '[') depth++;
    else if ((char === '}' || char === ']') && depth > 0) depth--;
    else if (char === ',' && depth === 0) {
      items.push(line.slice(start, i));
      start = i + 1;
    }
  }
  items.push(line.slice(start));
  return items;
}

function checkBounds(text: string, value: number, inputName: string, bounds: Bounds, kind: string): void {
  if (bounds.min !== undefined && value < bounds.min) {
    throw new ConfigurationError(
      `${inputName}: ${quoteValue(text)} is less than the minimum of ${bounds.min}; ${rangeHint(kind, bounds)}`,
    );
  }
  if (bounds.max !== undefined && value > bounds.max) {
    throw new ConfigurationError(
      `${inputName}: ${quoteValue(text)} is more than the maximum of ${bounds.max}; ${rangeHint(kind, bounds)}`,
    );
  }
}

function rangeHint(kind: string, { min, max }: Bounds, unbounded = ''): string {
  if (min !== undefined && max !== undefined) return `use ${kind} from ${min} to ${max}`;
  if (min !== undefined) return `use ${kind} of at least ${min}`;
  if (max !== undefined) return `use ${kind} of at most ${max}`;
  return `use ${kind} ${unbounded}`;
}
