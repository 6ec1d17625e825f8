import { describe, expect, it } from '@jest/globals';
import { InputError } from '@actions-kit/reports';
import { dedupe } from '../src/dedupe.js';
import { readReportBytes } from '../src/read-report-file.js';
import { trufflehog3Reader } from '../src/trufflehog3.js';
import { read, trufflehogResult } from './support/documents.js';

const lines = (...values: unknown[]) => Buffer.from(values.map((v) => JSON.stringify(v)).join('\n'));

describe('TruffleHog v3 JSON Lines', () => {
  it('reads one result per line (no final newline), skipping its log lines; verified is high, unverified medium', () => {
    const log = { level: 'info-0', ts: '2026-01-01T00:00:00Z', logger: 'trufflehog', msg: 'running source' };
    const file = readReportBytes(
      lines(
        log,
        trufflehogResult({ Verified: true }),
        trufflehogResult({ SourceMetadata: { Data: { Filesystem: { file: 'b.env', line: 9 } } } }),
        trufflehogResult({
          SourceMetadata: { Data: { Git: { file: 'c.env', commit: 'c0ffee12' } } },
          VerificationError: 'no network',
        }),
      ),
      'th.json',
    );
    expect(file.reader).toBe('trufflehog');
    expect(file.records.map((r) => [r.location.path, r.location.startLine, r.severity, r.tags])).toEqual([
      ['deploy/env.sh', 3, 'high', ['verified', 'filesystem']],
      ['b.env', 9, 'medium', ['unverified', 'filesystem']],
      ['c.env', undefined, 'medium', ['verification-failed', 'git']],
    ]);
    expect(file.records[0]!.title).toBe('Github secret (verified)');
    expect(file.notes).toEqual(['TruffleHog: 1 of 3 secrets verified live']);
    // The secret is never kept: only its digest.
    expect(JSON.stringify(file)).not.toContain('ghp_0123456789');
  });

  it('reads a one-result report (a single JSON object) too', () => {
    expect(readReportBytes(lines(trufflehogResult()), 'th.json').records).toHaveLength(1);
  });

  it('names the line that is not JSON', () => {
    const bytes = Buffer.from(`${JSON.stringify(trufflehogResult())}\n${JSON.stringify(trufflehogResult())}\n{"Source`);
    const error = (() => {
      try {
        readReportBytes(bytes, 'th.json');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(
      /^th\.json: line 3 is not valid JSON: .* at column \d+\. The file is read as JSON Lines/,
    );
  });

  it('is one finding with Gitleaks at the same spot, and with the same secret where TruffleHog has no line', () => {
    const gitleaks = Buffer.from(
      JSON.stringify([
        {
          RuleID: 'github-pat',
          File: 'deploy/env.sh',
          StartLine: 3,
          Match: 'T=ghp_0123456789abcdefghijklmnopqrstuvwxyz',
          Secret: 'ghp_0123456789abcdefghijklmnopqrstuvwxyz',
        },
        { RuleID: 'aws', File: 'x.env', StartLine: 7, Match: 'K=AKIAABCDEFGHIJKLMNOP', Secret: 'AKIAABCDEFGHIJKLMNOP' },
      ]),
    );
    const trufflehog = lines(
      trufflehogResult(),
      trufflehogResult({
        DetectorName: 'AWS',
        SourceMetadata: { Data: { S3: { file: 'x.env' } } },
        Raw: 'AKIAABCDEFGHIJKLMNOP',
      }),
    );
    const records = [
      ...readReportBytes(gitleaks, 'gitleaks.json').records,
      ...readReportBytes(trufflehog, 'trufflehog.json').records,
    ];
    const findings = dedupe(records);
    const byPath = [...findings].sort((a, b) => a.location.path.localeCompare(b.location.path));
    expect(byPath.map((f) => [f.location.path, [...f.tools].sort(), f.sources.length, f.severity])).toEqual([
      ['deploy/env.sh', ['gitleaks', 'trufflehog'], 2, 'high'],
      ['x.env', ['gitleaks', 'trufflehog'], 2, 'high'],
    ]);
    expect(findings.every((f) => f.aliases.length === 1)).toBe(true);
  });
});

describe('trufflehog3 JSON', () => {
  const record = (overrides: Record<string, unknown> = {}) => ({
    rule: { id: 'high-entropy', message: 'High Entropy', severity: 'MEDIUM' },
    path: 'docker/Dockerfile',
    line: '2',
    secret: '964a1afa20dd4a3723002560124dd96f',
    context: { '2': 'FROM python@sha256:964a1afa20dd4a3723002560124dd96f' },
    id: '1b7180bf-c482-3110-a089-bdba2816b600',
    commit: '999e1ae4',
    ...overrides,
  });

  it('reads 3.x records with their severity and the line given as a string; one id in two commits is one finding', () => {
    const result = read(trufflehog3Reader, [
      record(),
      record({ commit: '0896d0ce' }),
      record({ rule: { id: 'x', severity: 'LOW' }, line: '10', id: 'other', commit: null }),
    ]);
    expect(result.format).toBe('trufflehog3 JSON (3.x)');
    expect(result.records.map((r) => [r.ruleId, r.severity, r.location.startLine])).toEqual([
      ['high-entropy', 'medium', 2],
      ['high-entropy', 'medium', 2],
      ['x', 'low', 10],
    ]);
    expect(dedupe(result.records)).toHaveLength(2);
    expect(JSON.stringify(result.records)).not.toContain('964a1afa20dd4a3723002560124dd96f');
  });

  it('reads 2.x rows (no lines) as high secrets, one per distinct diff', () => {
    const row = {
      path: 'a.json',
      reason: 'High entropy',
      stringsFound: ['+"p": "abc"'],
      commitHash: 'c1',
      date: '2018-05-28',
    };
    const result = read(trufflehog3Reader, [
      row,
      { ...row, commitHash: 'c2' },
      { ...row, stringsFound: ['+"q": "x"'] },
    ]);
    expect(result.format).toBe('trufflehog3 JSON (2.x)');
    expect(result.records.every((r) => r.severity === 'high' && r.location.startLine === undefined)).toBe(true);
    expect(dedupe(result.records)).toHaveLength(2);
  });
});
