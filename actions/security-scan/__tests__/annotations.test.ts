// Which findings become annotations, at which level and where: a pure function of the analysis.
import { describe, expect, it } from '@jest/globals';
import { findingAnnotations, isRepositoryPath } from '../src/annotations.js';
import { analyseReports, banditReport, gitleaksReport, trivyReport } from './sample-reports.js';

function annotationsFor(reports: Record<string, string>, failOn: 'high' | 'none' = 'high') {
  const analysis = analyseReports(reports, { policy: { failOn, scope: 'new' } });
  return findingAnnotations(analysis.findings, new Set(analysis.result.failing));
}

describe('findingAnnotations', () => {
  it('annotates code and secret findings on their file and line, most severe first, and skips packages', () => {
    const annotations = annotationsFor({
      'bandit.json': banditReport([
        { id: 'B311', severity: 'LOW', text: 'random is not for security', file: 'app/tokens.py', line: 3 },
        { id: 'B307', severity: 'MEDIUM', text: 'eval', file: 'app/calc.py', line: 9 },
      ]),
      'gitleaks.json': gitleaksReport([
        { rule: 'aws-access-token', file: 'conf/settings.py', line: 2, match: 'AKIAFAKE' },
      ]),
      'trivy.json': trivyReport('package-lock.json', [
        { id: 'CVE-2024-0001', pkg: 'lodash', version: '4.17.0', severity: 'CRITICAL', title: 'prototype pollution' },
      ]),
    });

    expect(annotations.map((a) => [a.level, a.properties.file, a.properties.startLine, a.properties.title])).toEqual([
      ['error', 'conf/settings.py', 2, 'high aws-access-token'],
      ['warning', 'app/calc.py', 9, 'medium B307'],
      ['notice', 'app/tokens.py', 3, 'low B311'],
    ]);
    expect(annotations[1]!.message).toBe('eval (medium, new, reported by bandit)');
  });

  it('makes errors only of findings that fail the policy', () => {
    const reports = {
      'bandit.json': banditReport([{ id: 'B602', severity: 'HIGH', text: 'shell=True', file: 'a.py', line: 1 }]),
    };
    expect(annotationsFor(reports, 'high').map((a) => a.level)).toEqual(['error']);
    expect(annotationsFor(reports, 'none').map((a) => a.level)).toEqual(['warning']);
  });

  it('gives columns only for a finding on one line', () => {
    const [annotation] = annotationsFor({
      'bandit.json': banditReport([{ id: 'B602', severity: 'HIGH', text: 'shell=True', file: 'a.py', line: 4 }]),
    });
    expect(annotation!.properties).toEqual({
      title: 'high B602',
      file: 'a.py',
      startLine: 4,
      endLine: 4,
      startColumn: 5,
      endColumn: 21,
    });
  });

  it('leaves out suppressed findings', () => {
    const analysis = analyseReports(
      { 'bandit.json': banditReport([{ id: 'B602', severity: 'HIGH', text: 'shell', file: 'a.py', line: 1 }]) },
      { suppressions: [{ entry: 1, rule: 'B602', reason: 'fixture' }] },
    );
    expect(findingAnnotations(analysis.findings, new Set())).toEqual([]);
  });
});

describe('isRepositoryPath', () => {
  it.each(['app/run.py', 'Dockerfile', 'deploy/k8s/app.yaml'])('accepts %s', (path) => {
    expect(isRepositoryPath(path)).toBe(true);
  });

  it.each(['', '/etc/passwd', '../outside.py', 'a/./b.py', 'https://example.com/x', 'C:/src/x.py', 'a//b'])(
    'refuses %j',
    (path) => {
      expect(isRepositoryPath(path)).toBe(false);
    },
  );
});
