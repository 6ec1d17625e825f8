import { describe, expect, it } from '@jest/globals';
import { CheckError } from '../src/check-error.js';
import { formatFinding, formatFindings, parseActionlintJson } from '../src/workflow-lint.js';

describe('parseActionlintJson', () => {
  it("reads actionlint's JSON errors into findings", () => {
    const text = JSON.stringify([
      {
        message: '"github.event.pull_request.title" is potentially untrusted',
        filepath: '.github/workflows/ci.yml',
        line: 7,
        column: 24,
        kind: 'expression',
        snippet: 'ignored',
        end_column: 54,
      },
    ]);
    expect(parseActionlintJson(text)).toEqual([
      {
        file: '.github/workflows/ci.yml',
        line: 7,
        column: 24,
        message: '"github.event.pull_request.title" is potentially untrusted',
        kind: 'expression',
      },
    ]);
  });

  it('reads no output as no findings', () => {
    expect(parseActionlintJson('')).toEqual([]);
    expect(parseActionlintJson('[]\n')).toEqual([]);
  });

  it.each([
    ['not JSON', 'panic: runtime error', /actionlint printed something other than JSON: "panic: runtime error"/],
    ['not a list', '{"message":"m"}', /not a list of errors/],
    ['an error without a line', '[{"message":"m","filepath":"w.yml"}]', /without filepath, line or message/],
  ])('refuses %s with a CheckError naming what was printed', (_case, text, message) => {
    expect(() => parseActionlintJson(text)).toThrow(CheckError);
    expect(() => parseActionlintJson(text)).toThrow(message);
  });
});

describe('formatting', () => {
  it('orders findings by file, then line and column', () => {
    const finding = (file: string, line: number, column: number, message: string) => ({
      file,
      line,
      column,
      message,
      kind: 'k',
    });
    expect(
      formatFindings([
        finding('b.yml', 1, 1, 'other file'),
        finding('a.yml', 9, 1, 'late'),
        finding('a.yml', 2, 5, 'early'),
      ]),
    ).toEqual(['a.yml:2:5: early [k]', 'a.yml:9:1: late [k]', 'b.yml:1:1: other file [k]']);
    expect(formatFinding({ file: 'a.yml', line: 1, column: 2, message: 'm', kind: 'syntax-check' })).toBe(
      'a.yml:1:2: m [syntax-check]',
    );
  });
});
