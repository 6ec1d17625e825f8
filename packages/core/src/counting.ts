// How every action writes a count for people: digits grouped in threes and a real plural, decided once here so logs,
// summaries and JSON report messages agree ("1 finding", "159,973 findings", "1 entry has", "2 entries have").

/**
 * A whole or decimal number with its integer digits grouped by commas: 159973 → "159,973", -1234.5 → "-1,234.5".
 * Written by hand because Number.prototype.toLocaleString loads ICU data on first use (~16 ms of start-up).
 */
export function groupDigits(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const [whole, fraction] = String(Math.abs(value)).split('.');
  // String() of a number of 1e21 or more is exponential: nothing to group.
  if (whole!.includes('e')) return String(value);
  const grouped = whole!.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${value < 0 ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** The count and the noun that agrees with it: countOf(1, 'finding') → "1 finding"; countOf(2, 'entry', 'entries'). */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${groupDigits(count)} ${count === 1 ? singular : plural}`;
}

/** The word that agrees with a count, for verbs and nouns away from the number: agree(1, 'has', 'have') → "has". */
export function agree(count: number, one: string, other: string): string {
  return count === 1 ? one : other;
}
