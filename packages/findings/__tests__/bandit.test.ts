import { describe, expect, it } from '@jest/globals';
import { banditReader, banditSeverity, maskQuotedPassword } from '../src/bandit.js';
import { fingerprintRecords } from '../src/fingerprint.js';
import { dedupe } from '../src/dedupe.js';
import { readReportBytes } from '../src/read-report-file.js';
import { sarifReader } from '../src/sarif-reader.js';
import { buildSarif, serializeSarif } from '../src/sarif-writer.js';
import {
  banditReport,
  banditResult,
  read,
  readBothWays,
  sarifLog,
  sarifResult,
  sarifRun,
} from './support/documents.js';

describe('Bandit JSON', () => {
  it('reads 1.7.3+ fields: 0-based columns become 1-based, issue_cwe becomes a CWE id, ./ is dropped', () => {
    const result = readBothWays(banditReport([banditResult()]));
    expect(result.format).toBe('Bandit JSON (1.7.3 or later)');
    expect(result.records[0]).toMatchObject({
      tool: 'bandit',
      ruleId: 'B101',
      title: 'Use of assert detected.',
      severity: 'low',
      category: 'code',
      location: { path: 'app/check.py', startLine: 5, endLine: 5, startColumn: 5, endColumn: 17 },
      identity: { kind: 'content', rule: 'B101', path: 'app/check.py', snippet: '    assert x > 0', line: 5 },
      cwes: ['CWE-703'],
      helpUri: 'https://bandit.readthedocs.io/en/1.9.4/plugins/b101_assert_used.html',
    });
  });

  it('reads reports from before 1.7.3 (no issue_cwe, col_offset, skipped_tests) and Windows paths', () => {
    const old = banditResult({
      filename: 'dojo\\views.py',
      issue_cwe: undefined,
      col_offset: undefined,
      end_col_offset: undefined,
    });
    const doc = {
      errors: [],
      generated_at: '2020-12-30T10:03:39Z',
      metrics: { _totals: { loc: 3, nosec: 0 } },
      results: [old],
    };
    const result = readBothWays(doc);
    expect(result.format).toBe('Bandit JSON (before 1.7.3)');
    expect(result.records[0]!.location).toEqual({ path: 'dojo/views.py', startLine: 5, endLine: 5 });
    expect(result.records[0]!.cwes).toBeUndefined();
  });

  it('maps issue_severity HIGH/MEDIUM/LOW/UNDEFINED to high/medium/low/info', () => {
    const doc = banditReport(
      ['HIGH', 'MEDIUM', 'LOW', 'UNDEFINED'].map((issue_severity, i) =>
        banditResult({ issue_severity, line_number: i + 1 }),
      ),
    );
    expect(read(banditReader, doc).records.map((r) => r.severity)).toEqual(['high', 'medium', 'low', 'info']);
  });

  it('reports files Bandit could not scan as notes', () => {
    const doc = {
      ...banditReport([]),
      errors: [{ filename: './broken.py', reason: 'syntax error while parsing AST from file' }],
    };
    expect(read(banditReader, doc).notes).toEqual([
      'Bandit could not scan ./broken.py: syntax error while parsing AST from file',
    ]);
  });

  it('keeps the exact duplicates Bandit emits as one finding with two sources', () => {
    const findings = dedupe(read(banditReader, banditReport([banditResult(), banditResult()])).records);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.sources.map((s) => s.record)).toEqual(['/results/0', '/results/1']);
  });
});

describe('Bandit JSON and Bandit SARIF of the same scan', () => {
  // The SARIF Bandit's formatter writes for these results: level from issue_severity (other → warning), the uri
  // without "./", startColumn = col_offset + 1, and properties.issue_severity / issue_confidence on each result.
  const LEVEL: Record<string, string> = { HIGH: 'error', MEDIUM: 'warning', LOW: 'note' };
  const words = ['HIGH', 'MEDIUM', 'LOW', 'UNDEFINED'];
  const json = banditReport(
    words.map((issue_severity, i) => banditResult({ issue_severity, line_number: i + 1, code: `${i + 1} x = ${i}\n` })),
  );
  const sarif = sarifLog([
    sarifRun(
      {
        name: 'Bandit',
        rules: [
          {
            id: 'B101',
            name: 'assert_used',
            properties: { tags: ['security', 'external/cwe/cwe-703'], precision: 'high' },
          },
        ],
      },
      words.map((word, i) =>
        sarifResult({
          ruleId: 'B101',
          ruleIndex: 0,
          level: LEVEL[word] ?? 'warning',
          message: { text: 'Use of assert detected.' },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: 'app/check.py' },
                region: { startLine: i + 1, startColumn: 5, snippet: { text: `x = ${i}` } },
              },
            },
          ],
          properties: { issue_confidence: 'HIGH', issue_severity: word },
        }),
      ),
    ),
  ]);

  it('gives the same severities', () => {
    const fromJson = read(banditReader, json).records.map((r) => r.severity);
    const fromSarif = read(sarifReader, sarif).records.map((r) => r.severity);
    expect(fromSarif).toEqual(fromJson);
    expect(fromJson).toEqual(['high', 'medium', 'low', 'info']);
  });

  it('gives the same fingerprints, so reading both yields each finding once', () => {
    const records = [
      ...read(banditReader, json, 'bandit.json').records,
      ...read(sarifReader, sarif, 'bandit.sarif').records,
    ];
    const findings = dedupe(records);
    expect(findings).toHaveLength(4);
    expect(findings.every((f) => f.sources.length === 2 && f.tools.join() === 'bandit')).toBe(true);
  });
});

describe('Bandit severity', () => {
  it('maps Bandit words case-insensitively', () => {
    expect(['high', 'Medium', 'LOW', 'UNDEFINED', undefined].map(banditSeverity)).toEqual([
      'high',
      'medium',
      'low',
      'info',
      'info',
    ]);
  });
});

describe('Bandit numbers that are not lines or columns (found by the fuzz tier)', () => {
  it('drops columns and lines of 1e999 (Infinity) or 1e300, so the SARIF file stays JSON', () => {
    const result = JSON.stringify(banditResult())
      .replace('"col_offset":4', '"col_offset":1e999')
      .replace('"end_col_offset":16', '"end_col_offset":1e300')
      .replace('"line_range":[5]', '"line_range":[5,1e999]');
    const text = `{"generated_at":"2026-01-01T00:00:00Z","results":[${result}]}`;
    const [record] = readReportBytes(Buffer.from(text), 'b.json').records;
    expect(record!.location).toEqual({ path: 'app/check.py', startLine: 5, endLine: 5 });
    const findings = dedupe([record!]);
    expect(() => JSON.parse([...serializeSarif(buildSarif(findings).plan)].join(''))).not.toThrow();
  });

  it('reads a line_range of 200,000 lines without overflowing the stack', () => {
    const range = Array.from({ length: 200_000 }, (_, i) => i + 5);
    const [record] = read(banditReader, banditReport([banditResult({ line_range: range })])).records;
    expect(record!.location.endLine).toBe(200_004);
  });
});

describe('hardcoded passwords (B105, B106, B107)', () => {
  const password = (id: string, issueText: string): Record<string, unknown> =>
    banditResult({
      test_id: id,
      test_name: 'hardcoded_password_string',
      issue_text: issueText,
      issue_severity: 'LOW',
      code: "7 db_password = 'hunter2'\n",
      line_number: 7,
      line_range: [7],
    });

  it('masks the quoted password in the title and description, from Bandit JSON and Bandit SARIF alike', () => {
    const json = readBothWays(banditReport([password('B105', "Possible hardcoded password: 'hunter2'")]));
    const sarif = readReportBytes(
      Buffer.from(
        JSON.stringify(
          sarifLog([
            sarifRun({ name: 'Bandit' }, [
              sarifResult({ ruleId: 'B106', message: { text: 'Possible hardcoded password: "hunter2"' } }),
            ]),
          ]),
        ),
      ),
      'bandit.sarif',
    );
    expect(json.records[0]).toMatchObject({
      title: "Possible hardcoded password: '•••••••'",
      description: "Possible hardcoded password: '•••••••' (confidence: high)",
    });
    expect(sarif.records[0]!.title).toBe('Possible hardcoded password: "•••••••"');
    for (const record of [...json.records, ...sarif.records]) {
      expect(JSON.stringify({ ...record, identity: undefined })).not.toContain('hunter2');
    }
    // What is shown is masked; what is hashed is what was hashed before, so fingerprints do not change.
    const [unmasked] = fingerprintRecords([{ ...json.records[0]!, title: "Possible hardcoded password: 'hunter2'" }]);
    expect(fingerprintRecords(json.records)).toEqual([unmasked]);
    expect(json.records[0]!.identity).toMatchObject({ detail: "Possible hardcoded password: 'hunter2'" });
  });

  it.each([
    ['B105', "Possible hardcoded password: 'it\\'s'", "Possible hardcoded password: '•••••'"],
    ['B107', "Possible hardcoded password: ''", "Possible hardcoded password: ''"],
    ['B106', 'Possible hardcoded password: unquoted', 'Possible hardcoded password: ••••••••'],
    ['B101', "Possible hardcoded password: 'x'", "Possible hardcoded password: 'x'"],
    ['B105', 'Use of assert detected.', 'Use of assert detected.'],
  ])('%s %j is shown as %j', (ruleId, message, shown) => {
    expect(maskQuotedPassword(ruleId, message)).toBe(shown);
  });
});
