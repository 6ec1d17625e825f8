// Compares this run's findings with a previous JSON report (e.g. from the default branch): new, existing or fixed.
import { InputError, isObject, list } from '@actions-kit/reports';
import type { Category, Finding, Location, Severity } from './model.js';
import { isSeverity } from './severity.js';

/** What is kept of a finding from the baseline report. */
export interface BaselineFinding {
  fingerprint: string;
  aliases: string[];
  tool: string;
  ruleId: string;
  title: string;
  severity: Severity;
  category: Category;
  location: Location;
}

export interface Baseline {
  file: string;
  findings: BaselineFinding[];
}

/** Reads a previous JSON report written by report.ts; anything else is an InputError saying what was expected. */
export function parseBaseline(doc: unknown, file: string): Baseline {
  if (!isObject(doc) || !Array.isArray(doc['findings'])) {
    throw new InputError(
      file,
      'not a security-scan JSON report (expected an object with a "findings" list, as written to report-output). Point baseline at the JSON report of a previous run.',
    );
  }
  const findings: BaselineFinding[] = [];
  list(doc['findings']).forEach((raw, i) => {
    if (!isObject(raw) || typeof raw['fingerprint'] !== 'string') {
      throw new InputError(file, `findings[${i}] has no "fingerprint"; the file is not a security-scan JSON report.`);
    }
    const location =
      isObject(raw['location']) && typeof raw['location']['path'] === 'string'
        ? (raw['location'] as unknown as Location)
        : { path: '' };
    findings.push({
      fingerprint: raw['fingerprint'],
      aliases: list(raw['aliases']).filter((a): a is string => typeof a === 'string'),
      tool: typeof raw['tool'] === 'string' ? raw['tool'] : 'unknown',
      ruleId: typeof raw['ruleId'] === 'string' ? raw['ruleId'] : 'unknown',
      title: typeof raw['title'] === 'string' ? raw['title'] : '',
      severity: isSeverity(raw['severity']) ? raw['severity'] : 'info',
      category: typeof raw['category'] === 'string' ? (raw['category'] as Category) : 'code',
      location,
    });
  });
  return { file, findings };
}

/**
 * Sets open findings to 'existing' when the baseline has them (by fingerprint or alias) and 'new' otherwise;
 * suppressed findings stay suppressed. Returns the baseline findings no current finding matches: the fixed ones.
 * Without a baseline every open finding is new.
 */
export function compareWithBaseline(findings: Finding[], baseline: Baseline | undefined): BaselineFinding[] {
  if (!baseline) {
    for (const finding of findings) if (finding.status !== 'suppressed') finding.status = 'new';
    return [];
  }
  const before = new Set(baseline.findings.flatMap((f) => [f.fingerprint, ...f.aliases]));
  const now = new Set<string>();
  for (const finding of findings) {
    const ids = [finding.fingerprint, ...finding.aliases];
    ids.forEach((id) => now.add(id));
    if (finding.status !== 'suppressed') finding.status = ids.some((id) => before.has(id)) ? 'existing' : 'new';
  }
  return baseline.findings.filter((f) => ![f.fingerprint, ...f.aliases].some((id) => now.has(id)));
}
