// Which findings become annotations, at which level and where: a pure function of the analysis.
import { describe, expect, it } from '@jest/globals';
import { AnnotationBudget, type Annotation } from '@actions-kit/core';
import type { Finding } from '@actions-kit/findings';
import { annotateFindings, isRepositoryPath } from '../src/annotations.js';
import { analyseReports, banditReport, gitleaksReport, trivyReport } from './sample-reports.js';

/** GitHub's limits per step. */
const ROOM = { error: 10, warning: 10, notice: 10 };
const NONE_OMITTED = { error: 0, warning: 0, notice: 0 };

/** What annotateFindings prints through a budget with `room`, and what that budget counts as left out. */
function annotate(findings: readonly Finding[], failing: ReadonlySet<Finding>, room: typeof ROOM, withBaseline = true) {
  const shown: Annotation[] = [];
  const budget = new AnnotationBudget(room, (annotation) => shown.push(annotation));
  annotateFindings(findings, failing, budget, withBaseline);
  return { shown, omitted: budget.omitted() };
}

function annotationsFor(reports: Record<string, string>, failOn: 'high' | 'none' = 'high') {
  const analysis = analyseReports(reports, { policy: { failOn, scope: 'new' } });
  const selection = annotate(analysis.findings, new Set(analysis.result.failing), ROOM);
  expect(selection.omitted).toEqual(NONE_OMITTED);
  return selection.shown;
}

describe('annotateFindings', () => {
  it('says new or existing in a message only with a baseline, where it tells something', () => {
    const analysis = analyseReports({
      'bandit.json': banditReport([{ id: 'B307', severity: 'MEDIUM', text: 'eval', file: 'a.py', line: 1 }]),
    });
    const message = (withBaseline: boolean) =>
      annotate(analysis.findings, new Set(), ROOM, withBaseline).shown.map((a) => a.message);
    expect(message(true)).toEqual(['eval (medium, new, reported by bandit)']);
    expect(message(false)).toEqual(['eval (medium, reported by bandit)']);
  });

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
    expect(annotate(analysis.findings, new Set(), ROOM)).toEqual({ shown: [], omitted: NONE_OMITTED });
  });

  it('keeps the first findings of each level within its room, in order, and counts the rest per level', () => {
    const analysis = analyseReports({
      'bandit.json': banditReport([
        { id: 'B602', severity: 'HIGH', text: 'shell 1', file: 'a.py', line: 1 },
        { id: 'B307', severity: 'MEDIUM', text: 'eval 1', file: 'b.py', line: 2 },
        { id: 'B602', severity: 'HIGH', text: 'shell 2', file: 'c.py', line: 3 },
        { id: 'B307', severity: 'MEDIUM', text: 'eval 2', file: 'd.py', line: 4 },
        { id: 'B311', severity: 'LOW', text: 'random 1', file: 'e.py', line: 5 },
        { id: 'B307', severity: 'MEDIUM', text: 'eval 3', file: 'f.py', line: 6 },
        { id: 'B311', severity: 'LOW', text: 'random 2', file: 'g.py', line: 7 },
        { id: 'B602', severity: 'HIGH', text: 'shell 3', file: 'h.py', line: 8 },
      ]),
      'trivy.json': trivyReport('package-lock.json', [
        { id: 'CVE-2024-0001', pkg: 'lodash', version: '4.17.0', severity: 'CRITICAL', title: 'not annotated' },
      ]),
    });
    const selection = annotate(analysis.findings, new Set(analysis.result.failing), {
      error: 2,
      warning: 1,
      notice: 0,
    });

    expect(selection.shown.map((a) => [a.level, a.properties.file, a.message])).toEqual([
      ['error', 'a.py', 'shell 1 (high, new, reported by bandit)'],
      ['error', 'c.py', 'shell 2 (high, new, reported by bandit)'],
      ['warning', 'b.py', 'eval 1 (medium, new, reported by bandit)'],
    ]);
    expect(selection.omitted).toEqual({ error: 1, warning: 2, notice: 2 });
  });
});

describe('isRepositoryPath', () => {
  it.each(['app/run.py', 'Dockerfile', 'deploy/k8s/app.yaml', '.github/x.yml', 'a/...', 'a../b', 'x/..y'])(
    'accepts %s',
    (path) => {
      expect(isRepositoryPath(path)).toBe(true);
    },
  );

  it.each([
    '',
    '/etc/passwd',
    '../outside.py',
    'a/./b.py',
    'https://example.com/x',
    'C:/src/x.py',
    'a//b',
    'a/',
    'a/b/..',
    './a',
    '.',
  ])('refuses %j', (path) => {
    expect(isRepositoryPath(path)).toBe(false);
  });
});
