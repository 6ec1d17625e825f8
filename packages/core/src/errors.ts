// The two kinds of failure a user is meant to read, and how a received value is quoted in their messages.

/** A mistake in the action's inputs or configuration: the message names the input, the value and the fix. */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

/** A declared, expected failure (e.g. "gate failed: coverage 71% < 80%"): reported without a stack trace. */
export class UserError extends Error {
  override name = 'UserError';
}

const QUOTE_LIMIT = 100;

/**
 * Quotes a received value for an error message: single quotes, control characters made visible, cut to about
 * 100 characters so a pasted file cannot flood the log.
 */
export function quoteValue(value: string): string {
  const visible = value.replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
  const chars = Array.from(visible); // by code point, so an emoji is never cut in half
  const shown = chars.length > QUOTE_LIMIT ? `${chars.slice(0, QUOTE_LIMIT).join('')}…` : visible;
  return `'${shown}'`;
}
