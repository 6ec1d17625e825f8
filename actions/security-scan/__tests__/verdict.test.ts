// The step's error when the policy fails: how many findings, at or above which severity, in which scope.
import { describe, expect, it } from '@jest/globals';
import { policyFailureMessage } from '../src/verdict.js';
import { analyseReports, banditReport } from './sample-reports.js';

const reports = {
  'bandit.json': banditReport([
    { id: 'B602', severity: 'HIGH', text: 'shell', file: 'a.py', line: 1 },
    { id: 'B307', severity: 'MEDIUM', text: 'eval', file: 'a.py', line: 2 },
    { id: 'B311', severity: 'LOW', text: 'random', file: 'a.py', line: 3 },
  ]),
};

describe('policyFailureMessage', () => {
  it('names the count, the threshold, the severities and the scope without a baseline', () => {
    const policy = { failOn: 'medium', scope: 'new' } as const;
    const { result } = analyseReports(reports, { policy });
    expect(policyFailureMessage(result, policy, { hasBaseline: false, reportFile: 'security-scan.json' })).toBe(
      '2 open findings at or above fail-on: medium (1 high, 1 medium; fail-on-scope: new; without a baseline every ' +
        'open finding is new). They are listed in the job summary and in security-scan.json; fix them, or suppress ' +
        'an accepted one in ignore-file with a reason.',
    );
  });

  it('says which scope applied', () => {
    const all = { failOn: 'high', scope: 'all' } as const;
    const withBaseline = { failOn: 'high', scope: 'new' } as const;
    const options = { reportFile: 'out/scan.json' };
    expect(
      policyFailureMessage(analyseReports(reports, { policy: all }).result, all, { ...options, hasBaseline: true }),
    ).toMatch(/^1 open finding at or above fail-on: high \(1 high; fail-on-scope: all\)\./);
    expect(
      policyFailureMessage(analyseReports(reports, { policy: withBaseline }).result, withBaseline, {
        ...options,
        hasBaseline: true,
      }),
    ).toContain('(1 high; fail-on-scope: new, i.e. not in the baseline)');
  });
});
