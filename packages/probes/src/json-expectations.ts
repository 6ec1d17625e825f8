// The `expect-json` input: lines such as `$.checks[*].healthy == true`, read once, then checked against each JSON body.
//
// The path language is a deliberately small part of JSONPath (members, indexes and [*]), read by hand rather than by a
// JSONPath library: a library returns the list of values a path matches, which silently drops the elements that lack
// the field, while here `[*]` means every element must have it and satisfy the comparison, and a missing field or an
// empty array fails naming the place. Filters, slices and recursive descent are left out on purpose.
import { ConfigurationError, quoteValue } from '@actions-kit/core';
import {
  compareNumbers,
  ORDERING_OPERATORS,
  OPERATOR_LIST,
  readOperator,
  type ComparisonOperator,
} from './comparison.js';

export type JsonLiteral = string | number | boolean | null;

export type PathSegment =
  | { kind: 'member'; name: string }
  | { kind: 'index'; index: number }
  /** `[*]`: every element of an array, which must have at least one. */
  | { kind: 'every' };

export interface JsonExpectation {
  /** 1-based line of the input it was read from. */
  line: number;
  /** The line as written, without surrounding blanks. */
  text: string;
  path: readonly PathSegment[];
  operator: ComparisonOperator;
  expected: JsonLiteral;
}

export interface JsonExpectationFailure {
  expectation: JsonExpectation;
  /** The place that failed, with indexes filled in for [*]: `$.checks[2].healthy`. */
  path: string;
  /** Why, in one line safe to print: text from the body only ever appears shortened by quoteValue. */
  problem: string;
  /** The value found there as shortened JSON (undefined when nothing was there). */
  seen?: string;
}

const EXAMPLE = 'e.g. $.status == "ok", $.checks[*].healthy == true or $.queue.depth < 100';
const NAME = /^[A-Za-z_][A-Za-z0-9_-]*/;
const INDEX = /^\[(\d+)\]/;
const EVERY = /^\[\*\]/;
const QUOTED = /^\[(?:'([^'\\]*)'|("(?:[^"\\]|\\.)*"))\]/;

/**
 * Reads every non-blank line that does not start with `#`. Throws a ConfigurationError naming the input, the line and
 * how to write it.
 */
export function parseJsonExpectations(text: string, inputName = 'expect-json'): JsonExpectation[] {
  const expectations: JsonExpectation[] = [];
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) return;
    expectations.push(parseLine(line, index + 1, inputName));
  });
  return expectations;
}

function parseLine(text: string, line: number, inputName: string): JsonExpectation {
  const fail = (problem: string): ConfigurationError =>
    new ConfigurationError(`${inputName}: line ${line} ${quoteValue(text)}: ${problem}`);
  if (!text.startsWith('$')) throw fail(`start with the path, which begins with $ (${EXAMPLE})`);
  const path: PathSegment[] = [];
  let rest = text.slice(1);
  for (;;) {
    const read = readSegment(rest);
    if (read === undefined) break;
    path.push(read.segment);
    rest = read.rest;
  }
  const pathText = formatPath(path);
  const comparison = readOperator(rest);
  if (comparison === undefined) {
    const unread = rest.trim();
    throw fail(
      unread.startsWith('.') || unread.startsWith('[')
        ? `cannot read the path at ${quoteValue(unread)}; write members as .name or ['name'], elements as [0] or [*]`
        : `put one of ${OPERATOR_LIST} after the path ${pathText} (${EXAMPLE})`,
    );
  }
  const { operator } = comparison;
  const valueText = comparison.rest.trim();
  let expected: unknown;
  try {
    expected = JSON.parse(valueText);
  } catch {
    throw fail(
      `${quoteValue(valueText)} is not a JSON value; write a string in double quotes ("ok"), a number (100), ` +
        'true, false or null',
    );
  }
  if (expected !== null && typeof expected === 'object') {
    throw fail('compare with one value (a string, a number, true, false or null), not an object or a list');
  }
  if (ORDERING_OPERATORS.includes(operator) && typeof expected !== 'number') {
    throw fail(`${operator} compares numbers: put a number after it (${pathText} ${operator} 100)`);
  }
  return { line, text, path, operator, expected: expected as JsonLiteral };
}

function readSegment(text: string): { segment: PathSegment; rest: string } | undefined {
  if (text.startsWith('.')) {
    const name = NAME.exec(text.slice(1))?.[0];
    return name === undefined ? undefined : { segment: { kind: 'member', name }, rest: text.slice(1 + name.length) };
  }
  const every = EVERY.exec(text);
  if (every !== null) return { segment: { kind: 'every' }, rest: text.slice(every[0].length) };
  const index = INDEX.exec(text);
  if (index !== null) {
    return { segment: { kind: 'index', index: Number(index[1]) }, rest: text.slice(index[0].length) };
  }
  const quoted = QUOTED.exec(text);
  const name = quoted === null ? undefined : (quoted[1] ?? jsonString(quoted[2] ?? ''));
  return quoted === null || name === undefined
    ? undefined
    : { segment: { kind: 'member', name }, rest: text.slice(quoted[0].length) };
}

/** A double-quoted name's value, or undefined when its escapes are not JSON's (`"\x"`). */
function jsonString(text: string): string | undefined {
  try {
    return JSON.parse(text) as string;
  } catch {
    return undefined;
  }
}

/** `$.checks[*].healthy`; a member that is not a plain name is written `['my key']`. */
export function formatPath(path: readonly PathSegment[]): string {
  return `$${path.map(formatSegment).join('')}`;
}

function formatSegment(segment: PathSegment): string {
  if (segment.kind === 'every') return '[*]';
  if (segment.kind === 'index') return `[${segment.index}]`;
  const plain = NAME.exec(segment.name)?.[0] === segment.name;
  return plain ? `.${segment.name}` : `[${JSON.stringify(segment.name)}]`;
}

/** The first expectation `document` (a parsed JSON body) does not meet, or undefined when it meets them all. */
export function findFailedJsonExpectation(
  expectations: readonly JsonExpectation[],
  document: unknown,
): JsonExpectationFailure | undefined {
  for (const expectation of expectations) {
    const failure = checkAt(expectation, document, 0, '$');
    if (failure !== undefined) return { expectation, ...failure };
  }
  return undefined;
}

type Found = Omit<JsonExpectationFailure, 'expectation'>;

function checkAt(expectation: JsonExpectation, value: unknown, depth: number, at: string): Found | undefined {
  const segment = expectation.path[depth];
  if (segment === undefined) return compareValue(expectation, value, at);
  const wrongKind = (wanted: string): Found => ({
    path: at,
    problem: `${at} is ${describeValue(value)}, not ${wanted}`,
    seen: shortJson(value),
  });
  if (segment.kind === 'member') {
    const next = `${at}${formatSegment(segment)}`;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return wrongKind('an object');
    if (!Object.hasOwn(value, segment.name)) return { path: next, problem: `${next} is missing` };
    return checkAt(expectation, (value as Record<string, unknown>)[segment.name], depth + 1, next);
  }
  if (!Array.isArray(value)) return wrongKind('an array');
  if (segment.kind === 'index') {
    const next = `${at}[${segment.index}]`;
    if (segment.index >= value.length) {
      return { path: next, problem: `${next} is missing (the array has ${value.length} elements)` };
    }
    return checkAt(expectation, value[segment.index], depth + 1, next);
  }
  if (value.length === 0) return { path: at, problem: `${at} is an empty array, so [*] has nothing to check` };
  for (const [index, element] of value.entries()) {
    const failure = checkAt(expectation, element, depth + 1, `${at}[${index}]`);
    if (failure !== undefined) return failure;
  }
  return undefined;
}

function compareValue(expectation: JsonExpectation, actual: unknown, at: string): Found | undefined {
  const { operator, expected } = expectation;
  const wanted = `${operator} ${JSON.stringify(expected)}`;
  if (ORDERING_OPERATORS.includes(operator) && typeof actual !== 'number') {
    return {
      path: at,
      problem: `${at} is ${describeValue(actual)}, not a number (expected ${wanted})`,
      seen: shortJson(actual),
    };
  }
  const holds =
    typeof actual === 'number' && typeof expected === 'number'
      ? compareNumbers(actual, operator, expected)
      : (actual === expected) === (operator === '==');
  if (holds) return undefined;
  return { path: at, problem: `${at} is ${describeValue(actual)} (expected ${wanted})`, seen: shortJson(actual) };
}

/** A value from the body, described in a few safe words: `the string 'degraded'`, `false`, `an array of 3 elements`. */
function describeValue(value: unknown): string {
  if (typeof value === 'string') return `the string ${quoteValue(value)}`;
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : `an array of ${value.length} elements`;
  if (value !== null && typeof value === 'object') return `an object ${shortJson(value)}`;
  return String(value);
}

function shortJson(value: unknown): string {
  return quoteValue(JSON.stringify(value));
}
