// The `expected-status` input: which HTTP status codes count as healthy, read once and matched against every response.
import { ConfigurationError, quoteValue } from '@actions-kit/core';

export const DEFAULT_EXPECTED_STATUS = '200-399';

/** Codes from `from` to `to`, both included; a single code is a range of one. */
export interface StatusRange {
  from: number;
  to: number;
}

export interface ExpectedStatus {
  /** As the user wrote it, without surrounding blanks: what messages and the report show. */
  text: string;
  ranges: readonly StatusRange[];
}

const ACCEPTED_FORMS =
  'use a code (200), a range (200-299) or codes and ranges separated by commas (200,204,301), ' +
  'with codes from 100 to 599';
const LOWEST = 100;
const HIGHEST = 599;
const ITEM = /^(\d{3})(?:\s*-\s*(\d{3}))?$/;

/** '200-299,304' → two ranges. Throws a ConfigurationError naming the input, the value and the accepted forms. */
export function parseExpectedStatus(text: string, inputName = 'expected-status'): ExpectedStatus {
  const trimmed = text.trim();
  const fail = (problem: string): ConfigurationError =>
    new ConfigurationError(`${inputName}: ${quoteValue(trimmed)} ${problem}; ${ACCEPTED_FORMS}`);
  if (trimmed === '') throw fail('is empty');
  const ranges = trimmed.split(',').map((rawItem): StatusRange => {
    const item = rawItem.trim();
    const match = ITEM.exec(item);
    if (match === null) {
      const which = item === trimmed ? '' : ` (${quoteValue(item)} is not understood)`;
      throw fail(`is not a status code, a range or a list${which}`);
    }
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    for (const code of [from, to]) {
      if (code < LOWEST || code > HIGHEST) throw fail(`holds ${code}, which is not an HTTP status code`);
    }
    if (from > to) throw fail(`holds the range ${item}, which starts after it ends (write ${to}-${from})`);
    return { from, to };
  });
  return { text: trimmed, ranges };
}

export function statusMatches(expected: ExpectedStatus, status: number): boolean {
  return expected.ranges.some((range) => status >= range.from && status <= range.to);
}
