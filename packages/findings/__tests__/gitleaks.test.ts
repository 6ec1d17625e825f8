import { describe, expect, it } from '@jest/globals';
import { chooseReader } from '../src/choose-reader.js';
import { dedupe } from '../src/dedupe.js';
import { gitleaksReader, maskSecret } from '../src/gitleaks.js';
import { gitleaksV8, read, readBothWays } from './support/documents.js';

describe('Gitleaks v8', () => {
  it('is detected by RuleID even when Description is empty', () => {
    const doc = [gitleaksV8({ Description: '' })];
    expect(chooseReader(doc, 'leaks.json')?.name).toBe('gitleaks');
    expect(read(gitleaksReader, doc).records[0]!.title).toBe('github-pat');
  });

  it('maps a leak to a high secret finding without the secret in any field', () => {
    const result = readBothWays([gitleaksV8({ Tags: ['key', 'GitHub'] })]);
    expect(result.format).toBe('Gitleaks JSON v8');
    const record = result.records[0]!;
    expect(record).toMatchObject({
      tool: 'gitleaks',
      ruleId: 'github-pat',
      title: 'GitHub Personal Access Token',
      severity: 'high',
      category: 'secret',
      location: { path: 'deploy/env.sh', startLine: 3, endLine: 3, startColumn: 12, endColumn: 51 },
      description: 'Committed in a1b2c3d4e5f6 on 2026-01-02T03:04:05Z',
      identity: {
        kind: 'content',
        snippet: `GITHUB_PAT=${'*'.repeat(40)}`,
        scope: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
      },
      tags: ['key', 'GitHub'],
    });
    expect(JSON.stringify(record)).not.toContain('ghp_0123456789');
  });

  it('merges the same leak found in several commits (history scans), even where the line moved', () => {
    const records = read(gitleaksReader, [
      gitleaksV8({ Commit: 'c1' }),
      gitleaksV8({ Commit: 'c2', StartLine: 7, EndLine: 7 }),
      gitleaksV8({ Commit: 'c2', File: 'other.sh' }),
    ]).records;
    const findings = dedupe(records);
    expect(findings.map((f) => [f.location.path, f.sources.length])).toEqual([
      ['deploy/env.sh', 2],
      ['other.sh', 1],
    ]);
  });

  it('reads v8.0.0 reports, which had Context instead of Match', () => {
    const leak = gitleaksV8({ Match: undefined, Context: 'token = ghp_0123456789abcdefghijklmnopqrstuvwxyz' });
    expect(read(gitleaksReader, [leak]).records[0]!.identity).toMatchObject({ snippet: `token = ${'*'.repeat(40)}` });
  });
});

describe('Gitleaks v7 and earlier', () => {
  const v7 = {
    line: '  aws_key = "AKIAIOSFODNN7EXAMPLE"',
    lineNumber: 13,
    offender: 'AKIAIOSFODNN7EXAMPLE',
    offenderEntropy: 3.7,
    commit: '6d127980966808f7413935678e079dcd7fedf9c2',
    repo: '.',
    repoURL: '',
    leakURL: '',
    rule: 'AWS Access Key',
    commitMessage: 'add config',
    author: 'A. Developer',
    email: 'dev@example.com',
    file: 'config/settings.py',
    date: '2021-07-15T22:00:32+07:00',
    tags: 'key, AWS',
  };

  it('reads lower-case keys, the comma-joined tags and the masked line', () => {
    const result = readBothWays([v7]);
    expect(result.format).toBe('Gitleaks JSON v7 or earlier');
    expect(result.records[0]).toMatchObject({
      ruleId: 'AWS Access Key',
      severity: 'high',
      category: 'secret',
      location: { path: 'config/settings.py', startLine: 13, endLine: 13 },
      identity: { snippet: `aws_key = "${'*'.repeat(20)}"` },
      tags: ['key', 'AWS'],
    });
  });

  it('reads v4 leaks, which have no lineNumber', () => {
    const { lineNumber: _lineNumber, ...v4 } = v7;
    expect(read(gitleaksReader, [v4]).records[0]!.location).toEqual({ path: 'config/settings.py' });
  });
});

describe('maskSecret', () => {
  it('masks every occurrence with stars of the same length, and cuts only after masking', () => {
    expect(maskSecret('a=s3cr3t b=s3cr3t', 's3cr3t')).toBe('a=****** b=******');
    const long = `${'x'.repeat(4990)}SECRETVALUE`;
    expect(maskSecret(long, 'SECRETVALUE')).not.toContain('SECRET');
    expect(maskSecret('password=REDACTED', 'REDACTED')).toBe('password=REDACTED');
    expect(maskSecret(undefined, 'x')).toBeUndefined();
  });
});
