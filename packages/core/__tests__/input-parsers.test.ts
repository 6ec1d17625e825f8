import { describe, expect, it } from '@jest/globals';
import { formatDuration } from '../src/duration.js';
import { ConfigurationError, quoteValue } from '../src/errors.js';
import {
  MAX_DURATION_MS,
  parseBoolean,
  parseDuration,
  parseEnum,
  parseInteger,
  parseLines,
  parseList,
} from '../src/input-parsers.js';

/** The ConfigurationError thrown by `parse`, so its message can be compared whole. */
function rejection(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigurationError, but the value was accepted');
}

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['1m30s', 90_000],
    ['1h2m3s500ms', 3_723_500],
    ['0s', 0],
    ['2h500ms', 7_200_500],
    ['168h', MAX_DURATION_MS],
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseDuration(text, 'timeout')).toBe(ms);
  });

  it.each([
    '5 minutes',
    '-1s',
    '1e9h',
    '',
    '30',
    '1.5s',
    '30s5m',
    '1m1m',
    '5M',
    '1d',
    ' 5s',
    '1m 30s',
    'ms',
    'Infinity',
  ])('rejects %j, naming the input, the value and the accepted form', (text) => {
    expect(rejection(() => parseDuration(text, 'timeout'))).toBe(
      `timeout: '${text}' is not a duration; use a number with a unit such as 500ms, 30s, 5m, 1h or 1m30s`,
    );
  });

  it('rejects durations over 7 days by default, even when the number is too long to be exact', () => {
    expect(rejection(() => parseDuration('169h', 'timeout'))).toBe(
      "timeout: '169h' is more than the maximum of 168h; use a duration from 0ms to 168h",
    );
    expect(rejection(() => parseDuration('99999999999999999999999h', 'timeout'))).toMatch(/is more than the maximum/);
  });

  it('applies the bounds it is given', () => {
    const bounds = { min: 1_000, max: 60_000 };
    expect(parseDuration('1m', 'wait', bounds)).toBe(60_000);
    expect(rejection(() => parseDuration('500ms', 'wait', bounds))).toBe(
      "wait: '500ms' is less than the minimum of 1s; use a duration from 1s to 1m",
    );
    expect(rejection(() => parseDuration('61s', 'wait', bounds))).toBe(
      "wait: '61s' is more than the maximum of 1m; use a duration from 1s to 1m",
    );
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0ms'],
    [500, '500ms'],
    [90_000, '1m30s'],
    [3_723_500, '1h2m3s500ms'],
    [MAX_DURATION_MS, '168h'],
  ])('writes %d ms as %s, a form parseDuration reads back', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
    expect(parseDuration(text, 'x')).toBe(ms);
  });
});

describe('parseBoolean', () => {
  it.each([
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['false', false],
    ['False', false],
    ['FALSE', false],
  ])('reads %s', (text, value) => {
    expect(parseBoolean(text, 'dry-run')).toBe(value);
  });

  it.each(['yes', 'on', '1', 'no', 'off', '0', 'tRUE', 'y', ''])('rejects %j (YAML 1.1 and shell habits)', (text) => {
    expect(rejection(() => parseBoolean(text, 'dry-run'))).toBe(
      `dry-run: '${text}' is not a boolean; use true or false (YAML 1.2 core schema: true, True, TRUE, false, False, FALSE)`,
    );
  });
});

describe('parseInteger', () => {
  it.each([
    ['0', 0],
    ['42', 42],
    ['-7', -7],
    ['007', 7],
    ['-0', 0],
    ['9007199254740991', Number.MAX_SAFE_INTEGER],
  ])('reads %s', (text, value) => {
    expect(Object.is(parseInteger(text, 'retries'), value)).toBe(true);
  });

  it.each(['0x10', '1e3', '1.5', '12abc', '+5', '', ' 5', '1_000', '1,000', 'NaN', '--1'])('rejects %j', (text) => {
    expect(rejection(() => parseInteger(text, 'retries'))).toBe(
      `retries: '${text}' is not an integer; use decimal digits with an optional leading -, such as 10 or -1`,
    );
  });

  it('rejects values out of bounds, saying the range', () => {
    expect(rejection(() => parseInteger('0', 'retries', { min: 1, max: 10 }))).toBe(
      "retries: '0' is less than the minimum of 1; use an integer from 1 to 10",
    );
    expect(rejection(() => parseInteger('11', 'retries', { min: 1, max: 10 }))).toBe(
      "retries: '11' is more than the maximum of 10; use an integer from 1 to 10",
    );
    expect(rejection(() => parseInteger('-1', 'workers', { min: 0 }))).toBe(
      "workers: '-1' is less than the minimum of 0; use an integer of at least 0",
    );
    expect(parseInteger('10', 'retries', { min: 1, max: 10 })).toBe(10);
  });

  it('rejects integers too large to be exact', () => {
    expect(rejection(() => parseInteger('9007199254740993', 'size'))).toBe(
      "size: '9007199254740993' is too large to be exact; use an integer between -9007199254740991 and 9007199254740991",
    );
  });
});

describe('parseEnum', () => {
  const levels = ['error', 'warning', 'notice'] as const;

  it('returns an accepted value', () => {
    expect(parseEnum('warning', 'level', levels)).toBe('warning');
  });

  it.each(['verbose', 'Error', ''])('rejects %j, listing the accepted values', (text) => {
    expect(rejection(() => parseEnum(text, 'level', levels))).toBe(
      `level: '${text}' is not an accepted value; use one of 'error', 'warning', 'notice'`,
    );
  });
});

describe('parseList', () => {
  it('splits on newlines and commas, trims, and drops blanks and comments', () => {
    const text = ['# reports to read', 'a.json, b.json', '', '  c.json  # the third', 'd#e.json', ' , ', '#'].join(
      '\n',
    );
    expect(parseList(text)).toEqual(['a.json', 'b.json', 'c.json', 'd#e.json']);
  });

  it('does not split at a comma inside braces or brackets, or after a backslash', () => {
    expect(parseList('out/{trivy,grype}.json, reports/*.sarif')).toEqual(['out/{trivy,grype}.json', 'reports/*.sarif']);
    expect(parseList('a{b,{c,d}},e')).toEqual(['a{b,{c,d}}', 'e']);
    expect(parseList('file[,;]x, y')).toEqual(['file[,;]x', 'y']);
    expect(parseList('out/a\\,b.json, c.json')).toEqual(['out/a\\,b.json', 'c.json']);
    // An unclosed brace keeps the rest of the line: the glob then matches nothing and the error names it whole.
    expect(parseList('out/{a,b.json, c.json')).toEqual(['out/{a,b.json, c.json']);
    expect(parseList('a}, b')).toEqual(['a}', 'b']);
  });

  it('reads CRLF text and returns [] for nothing', () => {
    expect(parseList('a\r\nb\r\n')).toEqual(['a', 'b']);
    expect(parseList('')).toEqual([]);
    expect(parseList('# only a comment\n\n')).toEqual([]);
  });
});

describe('parseLines', () => {
  it('keeps commas inside a line', () => {
    expect(parseLines('out/a,b.json\n# comment\n!out/skip.json # why\n')).toEqual(['out/a,b.json', '!out/skip.json']);
  });
});

describe('quoteValue', () => {
  it('shows control characters and cuts long values at 100 characters without splitting an emoji', () => {
    expect(quoteValue('a\nb\tc')).toBe("'a\\nb\\tc'");
    const long = '😀'.repeat(150);
    expect(quoteValue(long)).toBe(`'${'😀'.repeat(100)}…'`);
  });

  it('shows every other invisible character as an escape: NUL, escape sequences, separators, bidi, lone surrogates', () => {
    expect(quoteValue('a\u0000b\u001b[31m\u007f\u0085')).toBe("'a\\x00b\\x1b[31m\\x7f\\x85'");
    expect(quoteValue('x\u2028y\u202ez\u2066')).toBe("'x\\u2028y\\u202ez\\u2066'");
    expect(quoteValue('\ud800 \udfff 😀')).toBe("'\\ud800 \\udfff 😀'");
  });
});
