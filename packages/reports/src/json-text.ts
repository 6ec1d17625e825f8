// JSON text written by hand for large outputs (a SARIF file's results): the same characters JSON.stringify gives,
// without building an object per result to stringify, and gathered into large chunks for the file writer.

/** Characters JSON.stringify escapes: quote, backslash, control characters, and surrogates (lone ones are escaped). */
// eslint-disable-next-line no-control-regex -- the control characters are exactly what is looked for
const NEEDS_ESCAPING = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * Chunks handed to the file writer hold about this many characters: few writes, yet each chunk stays an ordinary
 * heap object when flattened (V8 puts strings beyond 128 KiB in large-object space, which costs several times more).
 */
export const CHUNK_CHARS = 32 * 1024;

/**
 * Whether any character of `text` would be escaped by JSON.stringify. Several strings may be tested joined, in one
 * pass: no character the test looks for spans two of them.
 */
export function needsEscaping(text: string): boolean {
  return NEEDS_ESCAPING.test(text);
}

/**
 * The parts as one flat string, for text a record keeps. A template literal or `+` makes a tree of cons strings, a
 * 32-byte node per part once the text is 13 characters long, and V8 keeps the tree for as long as the text lives
 * (Trivy's record pointers were three nodes each: 300,000 for 100,000 records); joining makes one string.
 */
export function joined(...parts: (string | number)[]): string {
  return parts.join('');
}

/** A string as JSON.stringify writes it (most strings need no escaping, which is checked first). */
export function jsonString(value: string): string {
  return needsEscaping(value) ? JSON.stringify(value) : `"${value}"`;
}
