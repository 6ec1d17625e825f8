import { describe, expect, it } from '@jest/globals';
import { DEFAULT_EXPECTED_STATUS, parseExpectedStatus, statusMatches } from '../src/expected-status.js';
import { configurationError } from './support/configuration-error.js';

const FORMS =
  'use a code (200), a range (200-299) or codes and ranges separated by commas (200,204,301), with codes from 100 to 599';

describe('parseExpectedStatus', () => {
  it.each([
    ['200', [{ from: 200, to: 200 }]],
    ['200-299', [{ from: 200, to: 299 }]],
    [
      '200,204,301',
      [
        { from: 200, to: 200 },
        { from: 204, to: 204 },
        { from: 301, to: 301 },
      ],
    ],
    [
      ' 200 - 299 , 304 ',
      [
        { from: 200, to: 299 },
        { from: 304, to: 304 },
      ],
    ],
    [DEFAULT_EXPECTED_STATUS, [{ from: 200, to: 399 }]],
  ])('reads %j', (text, ranges) => {
    expect(parseExpectedStatus(text)).toEqual({ text: text.trim(), ranges });
  });

  it.each([
    ['2xx', `expected-status: '2xx' is not a status code, a range or a list; ${FORMS}`],
    ['', `expected-status: '' is empty; ${FORMS}`],
    [
      '200,,204',
      `expected-status: '200,,204' is not a status code, a range or a list ('' is not understood); ${FORMS}`,
    ],
    ['200-', `expected-status: '200-' is not a status code, a range or a list; ${FORMS}`],
    [
      '200,2xx',
      `expected-status: '200,2xx' is not a status code, a range or a list ('2xx' is not understood); ${FORMS}`,
    ],
    ['700', `expected-status: '700' holds 700, which is not an HTTP status code; ${FORMS}`],
    ['200-600', `expected-status: '200-600' holds 600, which is not an HTTP status code; ${FORMS}`],
    [
      '299-200',
      `expected-status: '299-200' holds the range 299-200, which starts after it ends (write 200-299); ${FORMS}`,
    ],
  ])('refuses %j, naming the input, the value and the accepted forms', (text, message) => {
    expect(configurationError(() => parseExpectedStatus(text))).toBe(message);
  });

  it('names the input it is given', () => {
    expect(configurationError(() => parseExpectedStatus('ok', 'rollback-expected-status'))).toMatch(
      /^rollback-expected-status: 'ok' /,
    );
  });

  it('shortens a pasted value in the message', () => {
    const message = configurationError(() => parseExpectedStatus('9'.repeat(5_000)));
    expect(message.length).toBeLessThan(600);
  });
});

describe('statusMatches', () => {
  const expected = parseExpectedStatus('200-299,304');

  it.each([
    [200, true],
    [250, true],
    [299, true],
    [304, true],
    [199, false],
    [300, false],
    [503, false],
  ])('%d → %s', (status, matches) => {
    expect(statusMatches(expected, status)).toBe(matches);
  });

  it('accepts redirects by default and refuses server errors', () => {
    const fallback = parseExpectedStatus(DEFAULT_EXPECTED_STATUS);
    expect([200, 301, 399, 400, 500].map((status) => statusMatches(fallback, status))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});
