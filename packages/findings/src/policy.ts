// The pass/fail decision: does an open finding at or above the fail-on severity remain (in scope new or all)?
// Only core's counting: the report readers (and their worker threads) must not load the runner's machinery.
import { countOf, groupDigits } from '@actions-kit/core/counting';
import { SEVERITIES, type Finding, type Severity } from './model.js';
import { atLeast } from './severity.js';

export const FAIL_ON_VALUES = [...SEVERITIES, 'none'] as const;
export type FailOn = (typeof FAIL_ON_VALUES)[number];
export type FailOnScope = 'new' | 'all';

export function isFailOn(value: string): value is FailOn {
  return (FAIL_ON_VALUES as readonly string[]).includes(value);
}

export interface Policy {
  failOn: FailOn;
  /** 'new' considers only findings the baseline does not have; without a baseline every open finding is new. */
  scope: FailOnScope;
}

/** Open (de-duplicated, not suppressed) findings per severity, plus the baseline and suppression tallies. */
export interface Counts {
  total: number;
  critical: number;
  high: number;
  medium: number;
  low: number;
  info: number;
  new: number;
  existing: number;
  suppressed: number;
  fixed: number;
}

export interface PolicyResult {
  passed: boolean;
  /** Open findings in scope at or above fail-on, most severe first. */
  failing: Finding[];
  /** One sentence for logs and the summary. */
  summary: string;
}

export function countFindings(findings: readonly Finding[], fixed = 0): Counts {
  const counts: Counts = {
    total: 0,
    critical: 0,
    high: 0,
    medium: 0,
    low: 0,
    info: 0,
    new: 0,
    existing: 0,
    suppressed: 0,
    fixed,
  };
  for (const finding of findings) {
    if (finding.status === 'suppressed') {
      counts.suppressed++;
      continue;
    }
    counts.total++;
    counts[finding.severity]++;
    counts[finding.status]++;
  }
  return counts;
}

export function evaluatePolicy(findings: readonly Finding[], policy: Policy): PolicyResult {
  const failOn = policy.failOn;
  const failing: Finding[] = [];
  const failingBySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  let open = 0;
  for (const f of findings) {
    if (f.status === 'suppressed' || (policy.scope !== 'all' && f.status !== 'new')) continue;
    open++;
    if (failOn !== 'none' && atLeast(f.severity, failOn)) {
      failing.push(f);
      failingBySeverity[f.severity]++;
    }
  }
  const scope = policy.scope === 'new' ? 'new ' : '';
  const openFindings = (count: number): string => countOf(count, `open ${scope}finding`);
  if (failOn === 'none')
    return {
      passed: true,
      failing,
      summary: `passed: fail-on is none (${openFindings(open)} reported only)`,
    };
  if (failing.length === 0) {
    return {
      passed: true,
      failing,
      summary: `passed: no open ${scope}finding at or above ${failOn} (${groupDigits(open)} below it)`,
    };
  }
  const bySeverity = SEVERITIES.filter((s) => failingBySeverity[s] > 0)
    .map((s) => `${groupDigits(failingBySeverity[s])} ${s}`)
    .join(', ');
  return {
    passed: false,
    failing,
    summary: `failed: ${openFindings(failing.length)} at or above ${failOn} (${bySeverity})`,
  };
}
