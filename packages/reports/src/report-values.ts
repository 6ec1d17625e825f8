// Careful readers of untrusted report values: every field may be missing, null, the wrong type or huge.
import { InputError } from './input-error.js';

/** Longest text kept from a report field; longer values are cut with an ellipsis so one field cannot swamp outputs. */
const MAX_TEXT_LENGTH = 2000;

/** Returns a report string trimmed and bounded in length, or undefined when it is not a non-empty string. */
export function text(value: unknown, max = MAX_TEXT_LENGTH): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.length > max * 2 ? value.slice(0, max * 2).trim() : value.trim();
  if (trimmed === '') return undefined;
  return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed;
}

/**
 * A positive integer from a report field, else undefined (lines and columns). Safe integers only: 1e999 parses as
 * Infinity, and neither it nor 1e300 is a line a SARIF file (or GitHub) can take.
 */
export function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

/** A 0-based position from a report field as the 1-based one the model keeps, else undefined (see positiveInteger). */
export function oneBased(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value + 1 : undefined;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The elements of a list field; null/absent/non-list fields (Trivy's omitempty and legacy nulls) are empty. */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A JSON value's type in words, for messages: 'an array', 'a string', 'null', … */
export function jsonType(value: unknown): string {
  if (value instanceof NotAnObject) return value.type;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'boolean' ? 'true or false' : `a ${typeof value}`;
}

/**
 * What a streamed read keeps of a list element that is not an object, in place of the element: the list is refused
 * when it is read (see listOfObjects), and a list of millions of such elements costs a pointer each.
 */
export class NotAnObject {
  constructor(readonly type: string) {}
}

const NOT_AN_OBJECT = new Map<string, NotAnObject>();

/** The one NotAnObject for the type of `value`. */
export function notAnObject(value: unknown): NotAnObject {
  const type = jsonType(value);
  let marker = NOT_AN_OBJECT.get(type);
  if (marker === undefined) NOT_AN_OBJECT.set(type, (marker = new NotAnObject(type)));
  return marker;
}

/** Said after what is wrong with the structure of a report a reader recognised. */
const DAMAGED = 'The report looks damaged: check that it is the JSON the scanner wrote, unchanged.';

/**
 * The elements of a list a reader reads its records from (`pointer` in `file`): null or absent is an empty list (as
 * tools write "nothing found"), anything else that is not a list is an InputError saying what it is. The elements
 * are checked by `objectAt` as they are read: a list that is not a list of objects is never read as "no findings".
 */
export function listOfObjects(value: unknown, file: string, pointer: string, what: string): unknown[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value;
  throw new InputError(file, `${pointer} is ${jsonType(value)}, where a list of ${what}s was expected. ${DAMAGED}`);
}

/** An element of a list read by listOfObjects: the object, or an InputError saying what it is instead. */
export function objectAt(element: unknown, file: string, pointer: string, what: string): Record<string, unknown> {
  if (isObject(element) && !(element instanceof NotAnObject)) return element;
  const article = /^[aeiou]/i.test(what) ? 'an' : 'a';
  throw new InputError(
    file,
    `${pointer} is ${jsonType(element)}, where ${article} ${what} (a JSON object) was expected. ${DAMAGED}`,
  );
}
