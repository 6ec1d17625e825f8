// Typed inputs: the only code that reads INPUT_*. Each getter reads one input as @actions/core's getInput does
// (trimmed, '' when unset), applies the default for an empty value, and parses the rest strictly.
import { ConfigurationError, quoteValue } from './errors.js';
import { ACCEPTED, parseBoolean, parseDuration, parseEnum, parseInteger, parseList } from './input-parsers.js';
import { getInput } from './runner.js';

interface Required {
  required?: boolean;
}

/** A string input; '' when empty and neither required nor defaulted. */
export function getString(name: string, options: Required & { default?: string } = {}): string {
  const text = getInput(name);
  if (text !== '') return text;
  if (options.default !== undefined) return options.default;
  if (options.required) throw missing(name, `set ${name} in the step's with:`);
  return '';
}

// The typed getters below cannot return "nothing": an empty input without a default fails whether or not
// `required` is set, with the same message.

export function getEnum<T extends string>(
  name: string,
  allowed: readonly T[],
  options: Required & { default?: T } = {},
): T {
  const text = getInput(name);
  if (text === '' && options.default !== undefined) return options.default;
  if (text === '') throw missing(name, `use one of ${allowed.map((value) => `'${value}'`).join(', ')}`);
  return parseEnum(text, name, allowed);
}

export function getInteger(
  name: string,
  options: Required & { default?: number; min?: number; max?: number } = {},
): number {
  const text = getInput(name);
  if (text === '' && options.default !== undefined) return options.default;
  if (text === '') throw missing(name, ACCEPTED.integer);
  return parseInteger(text, name, options);
}

export function getBoolean(name: string, options: Required & { default?: boolean } = {}): boolean {
  const text = getInput(name);
  if (text === '' && options.default !== undefined) return options.default;
  if (text === '') throw missing(name, ACCEPTED.boolean);
  return parseBoolean(text, name);
}

/** Milliseconds. The default, min and max are written like the input ('30s'); max defaults to 7 days. */
export function getDuration(
  name: string,
  options: Required & { default?: string; min?: string; max?: string } = {},
): number {
  const bounds = {
    min: options.min === undefined ? undefined : ownDuration(options.min, name, 'min'),
    max: options.max === undefined ? undefined : ownDuration(options.max, name, 'max'),
  };
  const text = getInput(name);
  if (text === '' && options.default !== undefined) return ownDuration(options.default, name, 'default');
  if (text === '') throw missing(name, ACCEPTED.duration);
  return parseDuration(text, name, bounds);
}

/** Values one per line or comma separated; blanks and # comments dropped. [] when empty and not required. */
export function getList(name: string, options: Required = {}): string[] {
  const text = getInput(name);
  const items = parseList(text);
  if (items.length === 0 && options.required) throw missing(name, ACCEPTED.list, text);
  return items;
}

/**
 * The getters as one object, in the shape a domain package's input reader takes (the traffic package's InputSource
 * for the provider inputs), so the package reads the inputs it owns with these getters' checks and messages while
 * core imports no domain package. Every action that reads such inputs passes this same object.
 */
export const actionInputs = {
  text: (name: string): string => getString(name),
  list: (name: string): string[] => getList(name),
  duration: (name: string, bounds: { default: string; min?: string; max?: string }): number =>
    getDuration(name, bounds),
  choice: <T extends string>(name: string, values: readonly T[], fallback?: T): T =>
    getEnum(name, values, fallback === undefined ? { required: true } : { default: fallback }),
  quote: quoteValue,
};

function missing(name: string, accepted: string, received = ''): ConfigurationError {
  return new ConfigurationError(`${name}: a value is required, got ${quoteValue(received)}; ${accepted}`);
}

// Defaults and bounds are written by the action's author, so a bad one is a bug in the action, not the user's.
function ownDuration(text: string, name: string, role: string): number {
  try {
    return parseDuration(text, name, { max: Number.MAX_SAFE_INTEGER });
  } catch (error) {
    throw new Error(`getDuration('${name}'): the ${role} ${quoteValue(text)} is not a duration`, { cause: error });
  }
}
