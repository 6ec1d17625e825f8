// The one-line reason a failed policy gives as the step's error: how many findings, at or above what, in which scope.
import { countOf, groupDigits } from '@actions-kit/core';
import { SEVERITIES, type Policy, type PolicyResult } from '@actions-kit/findings';

export function policyFailureMessage(
  result: PolicyResult,
  policy: Policy,
  options: { hasBaseline: boolean; reportFile: string },
): string {
  const count = result.failing.length;
  const bySeverity = SEVERITIES.map(
    (severity) => [severity, result.failing.filter((f) => f.severity === severity).length] as const,
  )
    .filter(([, n]) => n > 0)
    .map(([severity, n]) => `${groupDigits(n)} ${severity}`)
    .join(', ');
  const scope =
    policy.scope === 'all'
      ? 'fail-on-scope: all'
      : options.hasBaseline
        ? 'fail-on-scope: new, i.e. not in the baseline'
        : 'fail-on-scope: new; without a baseline every open finding is new';
  return (
    `${countOf(count, 'open finding')} at or above fail-on: ${policy.failOn} (${bySeverity}; ${scope}). ` +
    `They are listed in the job summary and in ${options.reportFile}; fix them, or suppress an accepted one in ignore-file with a reason.`
  );
}
