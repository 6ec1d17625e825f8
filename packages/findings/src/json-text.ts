// JSON text written by hand for the report and SARIF writers: the same characters JSON.stringify gives, without
// building an object per finding to stringify, and gathered into large chunks for the file writer.

/** Characters JSON.stringify escapes: quote, backslash, control characters, and surrogates (lone ones are escaped). */
// eslint-disable-next-line no-control-regex -- the control characters are exactly what is looked for
const NEEDS_ESCAPING = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * Chunks handed to the file writer hold about this many characters: few writes, yet each chunk stays an ordinary
 * heap object when flattened (V8 puts strings beyond 128 KiB in large-object space, which costs several times more).
 */
export const CHUNK_CHARS = 32 * 1024;

/** A string as JSON.stringify writes it (most strings need no escaping, which is checked first). */
export function jsonString(value: string): string {
  return NEEDS_ESCAPING.test(value) ? JSON.stringify(value) : `"${value}"`;
}

/** Any value as JSON.stringify writes it; undefined for what it leaves out (undefined, functions, symbols). */
export function jsonValue(value: unknown): string | undefined {
  if (typeof value === 'string') return jsonString(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (Array.isArray(value) && typeof (value as { toJSON?: unknown }).toJSON !== 'function') return jsonArray(value);
  return JSON.stringify(value) as string | undefined;
}

/** `,"name":value`, or '' when JSON.stringify would leave the member out. `name` must need no escaping. */
export function jsonMember(name: string, value: unknown): string {
  if (value === undefined) return '';
  const text = jsonValue(value);
  return text === undefined ? '' : `,"${name}":${text}`;
}

/** An object from its members as jsonMember writes them. */
export function jsonObject(members: string): string {
  return members === '' ? '{}' : `{${members.slice(1)}}`;
}

/** A list as JSON.stringify writes it (what it leaves out of objects is null in a list). */
export function jsonArray(values: readonly unknown[]): string {
  if (values.length === 1) return `[${jsonValue(values[0]) ?? 'null'}]`;
  let text = '[';
  for (let i = 0; i < values.length; i++) text += `${i > 0 ? ',' : ''}${jsonValue(values[i]) ?? 'null'}`;
  return `${text}]`;
}
