// Careful readers of untrusted report values: every field may be missing, null, the wrong type or huge.

/** Longest text kept from a report field; longer values are cut with an ellipsis so one field cannot swamp outputs. */
const MAX_TEXT_LENGTH = 2000;

/** Returns a report string trimmed and bounded in length, or undefined when it is not a non-empty string. */
export function text(value: unknown, max = MAX_TEXT_LENGTH): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.length > max * 2 ? value.slice(0, max * 2).trim() : value.trim();
  if (trimmed === '') return undefined;
  return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed;
}

/** A positive integer from a report field, else undefined (lines and columns). */
export function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The elements of a list field; null/absent/non-list fields (Trivy's omitempty and legacy nulls) are empty. */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
