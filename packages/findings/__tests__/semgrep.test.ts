import { describe, expect, it } from '@jest/globals';
import { chooseReader } from '../src/choose-reader.js';
import { dedupe } from '../src/dedupe.js';
import { semgrepReader, semgrepSeverity } from '../src/semgrep.js';
import { banditReport, read, readBothWays, semgrepReport, semgrepResult } from './support/documents.js';

describe('Semgrep JSON', () => {
  it('is detected from its results, and an empty scan from results and errors (not Bandit, which has metrics)', () => {
    expect(chooseReader(semgrepReport([semgrepResult()]), 's.json')?.name).toBe('semgrep');
    expect(chooseReader({ errors: [], results: [] }, 's.json')?.name).toBe('semgrep');
    expect(chooseReader(banditReport([]), 'b.json')?.name).toBe('bandit');
  });

  it('maps a result: rule, path, 1-based lines and columns, CWE numbers from a list, severity', () => {
    const result = readBothWays(semgrepReport([semgrepResult()]));
    expect(result.format).toBe('Semgrep JSON (1.185.0)');
    expect(result.records[0]).toMatchObject({
      tool: 'semgrep',
      ruleId: 'python.lang.security.audit.eval-detected',
      title: 'Detected the use of eval(). This can be dangerous.',
      severity: 'medium',
      category: 'code',
      location: { path: 'app/views.py', startLine: 12, endLine: 12, startColumn: 5, endColumn: 19 },
      cwes: ['CWE-95'],
      helpUri: 'https://semgrep.dev/r/eval',
      tags: ['security'],
    });
  });

  it("uses Semgrep's own words: INFO is info (not low), the 1.72 words, INVENTORY and unknown words are info", () => {
    expect(
      ['CRITICAL', 'ERROR', 'HIGH', 'WARNING', 'MEDIUM', 'LOW', 'INFO', 'INVENTORY', 'EXPERIMENT', 7].map(
        semgrepSeverity,
      ),
    ).toEqual(['critical', 'high', 'high', 'medium', 'medium', 'low', 'info', 'info', 'info', 'info']);
  });

  it('takes a CWE written as one string', () => {
    const doc = semgrepReport([
      semgrepResult({ extra: { severity: 'ERROR', metadata: { cwe: 'CWE-696: Incorrect Behavior Order' } } }),
    ]);
    expect(read(semgrepReader, doc).records[0]!.cwes).toEqual(['CWE-696']);
  });

  it('never takes "requires login" as an identity: two results with it on different lines stay two', () => {
    const doc = semgrepReport([
      semgrepResult({
        extra: { message: 'a', severity: 'ERROR', fingerprint: 'requires login', lines: 'requires login' },
      }),
      semgrepResult({
        path: 'other.py',
        extra: { message: 'b', severity: 'ERROR', fingerprint: 'requires login', lines: 'requires login' },
      }),
    ]);
    const records = read(semgrepReader, doc).records;
    expect(records.map((r) => r.identity)).toEqual([
      expect.objectContaining({ snippet: undefined, toolFingerprint: undefined }),
      expect.objectContaining({ snippet: undefined, toolFingerprint: undefined }),
    ]);
    expect(dedupe(records)).toHaveLength(2);
  });

  it('reports --disable-nosem matches (is_ignored) as suppressed, and errors as a note', () => {
    const doc = semgrepReport(
      [semgrepResult(), semgrepResult({ start: { line: 30 }, extra: { severity: 'INFO', is_ignored: true } })],
      [{ type: 'Syntax error', message: 'could not parse app/broken.py' }],
    );
    const result = read(semgrepReader, doc);
    expect(result.records).toHaveLength(1);
    expect(result.suppressed).toHaveLength(1);
    expect(result.notes).toEqual([
      'Semgrep reported 1 error (parts of the code were not scanned), the first: could not parse app/broken.py',
    ]);
  });

  it('refuses a results list that is not a list, naming the file', () => {
    expect(() => read(semgrepReader, { results: [semgrepResult(), 'x'], errors: [] })).toThrow(
      'reports/test.json: /results/1 is a string, where a Semgrep result (a JSON object) was expected',
    );
  });
});
