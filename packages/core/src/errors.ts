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

// C0 and C1 controls, DEL, the Unicode line and paragraph separators, bidirectional overrides and isolates (they
// reorder what a reader sees) and lone surrogates (no character at all): each shown as an escape, never as itself.
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const NAMED_ESCAPES: Record<string, string> = { '\r': '\\r', '\n': '\\n', '\t': '\\t' };

function codeEscape(char: string): string {
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Quotes a received value for an error message: single quotes, control characters made visible, cut to about
 * 100 characters so a pasted file cannot flood the log.
 */
export function quoteValue(value: string): string {
  const visible = value.replace(INVISIBLE, (char) => NAMED_ESCAPES[char] ?? codeEscape(char));
  const chars = Array.from(visible); // by code point, so an emoji is never cut in half
  const shown = chars.length > QUOTE_LIMIT ? `${chars.slice(0, QUOTE_LIMIT).join('')}…` : visible;
  return `'${shown}'`;
}
