// One run of the domain, data in and data out: read reports → de-duplicate → suppress → compare → decide.
import { compareWithBaseline, type Baseline, type BaselineFinding } from './baseline.js';
import { dedupe } from './dedupe.js';
import type { Finding } from './model.js';
import { countFindings, evaluatePolicy, type Counts, type Policy, type PolicyResult } from './policy.js';
import type { ReportFile } from './read-report-file.js';
import { applySuppressions, type ExpiredSuppression, type Suppression } from './suppressions.js';

export interface AnalyseOptions {
  policy: Policy;
  suppressions?: readonly Suppression[];
  baseline?: Baseline;
  /** The day suppressions expire against (passed in, so results do not depend on the clock). */
  today: Date;
}

export interface Analysis {
  findings: Finding[];
  counts: Counts;
  result: PolicyResult;
  fixed: BaselineFinding[];
  expired: ExpiredSuppression[];
  unused: Suppression[];
  /** Every tool whose reports were read (SARIF runs included), for one SARIF run each. */
  tools: string[];
}

export function analyse(files: readonly ReportFile[], options: AnalyseOptions): Analysis {
  const findings = dedupe(files.flatMap((f) => f.records));
  const { expired, unused } = applySuppressions(findings, options.suppressions ?? [], options.today);
  const fixed = compareWithBaseline(findings, options.baseline);
  const counts = countFindings(findings, fixed.length);
  const result = evaluatePolicy(findings, options.policy);
  const tools = [...new Set(files.flatMap((f) => f.tools))].sort();
  return { findings, counts, result, fixed, expired, unused, tools };
}
