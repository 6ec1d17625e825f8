// The one severity scale, and the tool-neutral scales mapped onto it: the common words, CVSS bands, SARIF levels and
// security-severity. What each tool means by them is in its reader's file (trivy.ts, bandit.ts, gitleaks.ts);
// README.md has the whole table.
import { SEVERITIES, type Severity } from './model.js';

const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

export function atLeast(severity: Severity, threshold: Severity): boolean {
  return RANK[severity] >= RANK[threshold];
}

export function maxSeverity(a: Severity, b: Severity): Severity {
  return RANK[a] >= RANK[b] ? a : b;
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

const WORDS = new Map<string, Severity>([
  ['CRITICAL', 'critical'],
  ['HIGH', 'high'],
  ['MEDIUM', 'medium'],
  ['LOW', 'low'],
]);

/**
 * The words most tools write, CRITICAL, HIGH, MEDIUM and LOW, in any case. Anything else (UNKNOWN, UNDEFINED, …)
 * gives undefined, for the tool's reader to decide.
 */
export function severityWord(value: unknown): Severity | undefined {
  return typeof value === 'string' ? WORDS.get(value.toUpperCase()) : undefined;
}

/**
 * CVSS base score bands. v3 and v4: ≥9.0 critical, ≥7.0 high, ≥4.0 medium, >0 low. v2 has no critical band
 * (NVD: ≥7.0 high). A score of 0 (or none) gives undefined.
 */
export function cvssSeverity(score: unknown, version: 2 | 3 | 4): Severity | undefined {
  if (typeof score !== 'number' || !Number.isFinite(score) || score <= 0) return undefined;
  if (score >= 9 && version !== 2) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  return 'low';
}

/**
 * SARIF security-severity (a string or number, 0.1–10) in the bands GitHub code scanning uses:
 * ≥9.0 critical, ≥7.0 high, ≥4.0 medium, >0 low. 0, negative or unparseable gives undefined.
 */
export function securitySeverity(value: unknown): Severity | undefined {
  const score =
    typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(score) || score <= 0) return undefined;
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  return 'low';
}

export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

export function isSarifLevel(value: unknown): value is SarifLevel {
  return value === 'error' || value === 'warning' || value === 'note' || value === 'none';
}

/** SARIF level: error → high, warning → medium, note → low, none → info. */
export function levelSeverity(level: SarifLevel): Severity {
  return level === 'error' ? 'high' : level === 'warning' ? 'medium' : level === 'note' ? 'low' : 'info';
}

/** The SARIF level written for a severity (inverse of levelSeverity; critical is an error too). */
export function severityLevel(severity: Severity): SarifLevel {
  return severity === 'critical' || severity === 'high'
    ? 'error'
    : severity === 'medium'
      ? 'warning'
      : severity === 'low'
        ? 'note'
        : 'none';
}

/** The security-severity score written for a severity: inside its GitHub band, read back to the same severity. */
export const SECURITY_SEVERITY_SCORE: Record<Exclude<Severity, 'info'>, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '2.0',
};
