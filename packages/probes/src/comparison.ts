// The comparison operators that expect-json lines and metric conditions share, read from text and applied to values.

/** Longest first, so that `<=` is never read as `<` followed by `=`. */
export const COMPARISON_OPERATORS = ['==', '!=', '<=', '>=', '<', '>'] as const;

export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

/** The operators that order numbers, which only a number may follow. */
export const ORDERING_OPERATORS: readonly ComparisonOperator[] = ['<', '<=', '>', '>='];

/** The operators, as a message lists them. */
export const OPERATOR_LIST = COMPARISON_OPERATORS.join(' ');

/** The operator `text` starts with (after leading blanks), and the text after it; undefined when there is none. */
export function readOperator(text: string): { operator: ComparisonOperator; rest: string } | undefined {
  const trimmed = text.trimStart();
  const operator = COMPARISON_OPERATORS.find((candidate) => trimmed.startsWith(candidate));
  return operator === undefined ? undefined : { operator, rest: trimmed.slice(operator.length) };
}

/**
 * `actual operator expected` for two numbers. NaN satisfies no operator, not even `!=`: a NaN from Prometheus or a
 * body means "no value", and a health check must never pass on no value.
 */
export function compareNumbers(actual: number, operator: ComparisonOperator, expected: number): boolean {
  if (Number.isNaN(actual) || Number.isNaN(expected)) return false;
  switch (operator) {
    case '==':
      return actual === expected;
    case '!=':
      return actual !== expected;
    case '<':
      return actual < expected;
    case '<=':
      return actual <= expected;
    case '>':
      return actual > expected;
    case '>=':
      return actual >= expected;
  }
}
