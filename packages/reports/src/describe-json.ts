// Says what a JSON document is in a few words, for messages about a document no reader recognises.
import { isObject } from './report-values.js';

/** A short description of a document for error messages; never echoes large values. */
export function describeJson(doc: unknown): string {
  if (doc === undefined) return 'not recognisable from its first bytes';
  if (typeof doc === 'string') return `a JSON string of ${doc.length} characters`;
  if (typeof doc !== 'object' || doc === null) return `the JSON value ${String(doc).slice(0, 40)}`;
  if (Array.isArray(doc)) {
    const first: unknown = doc[0];
    if (first === undefined) return 'an empty JSON array';
    const kind = isObject(first)
      ? `an object with ${keyList(first)}`
      : Array.isArray(first)
        ? 'an array'
        : `a ${first === null ? 'null' : typeof first}`;
    return `a JSON array whose first element is ${kind}`;
  }
  return `a JSON object with ${keyList(doc as Record<string, unknown>)}`;
}

function keyList(object: Record<string, unknown>): string {
  const keys = Object.keys(object);
  if (keys.length === 0) return 'no keys';
  const shown = keys.slice(0, 6).map((k) => JSON.stringify(k.length > 40 ? `${k.slice(0, 40)}…` : k));
  return `keys ${shown.join(', ')}${keys.length > 6 ? ` and ${keys.length - 6} more` : ''}`;
}
