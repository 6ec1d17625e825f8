// Maps every tool's severity vocabulary onto one scale; README.md holds the same table for users.
import { SEVERITIES, type Severity } from './model.js';
import { isObject } from './report-values.js';

const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

/** Positive when `a` is more severe than `b`. */
export function compareSeverity(a: Severity, b: Severity): number {
  return RANK[a] - RANK[b];
}

export function atLeast(severity: Severity, threshold: Severity): boolean {
  return RANK[severity] >= RANK[threshold];
}

export function maxSeverity(a: Severity, b: Severity): Severity {
  return RANK[a] >= RANK[b] ? a : b;
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/** Trivy's CRITICAL/HIGH/MEDIUM/LOW words; UNKNOWN and anything else give undefined. */
export function trivyWord(value: unknown): Severity | undefined {
  if (typeof value !== 'string') return undefined;
  switch (value.toUpperCase()) {
    case 'CRITICAL':
      return 'critical';
    case 'HIGH':
      return 'high';
    case 'MEDIUM':
      return 'medium';
    case 'LOW':
      return 'low';
    default:
      return undefined;
  }
}

/** trivy-db VendorSeverity integers: 1 low, 2 medium, 3 high, 4 critical (0 = unknown). */
function vendorLevel(value: unknown): Severity | undefined {
  return value === 4 ? 'critical' : value === 3 ? 'high' : value === 2 ? 'medium' : value === 1 ? 'low' : undefined;
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

/** CVSS sources tried when the SeveritySource has no score, in this order, then any other source. */
const CVSS_SOURCE_ORDER = ['nvd', 'ghsa', 'redhat', 'bitnami'];

/** The CVSS score Trivy's data gives for a vulnerability: SeveritySource first, newest CVSS version first. */
export function trivyCvss(
  vulnerability: Record<string, unknown>,
): { score: number; version: 2 | 3 | 4; source: string } | undefined {
  const cvss = vulnerability['CVSS'];
  if (!isObject(cvss)) return undefined;
  const preferred = typeof vulnerability['SeveritySource'] === 'string' ? [vulnerability['SeveritySource']] : [];
  const sources = [...new Set([...preferred, ...CVSS_SOURCE_ORDER, ...Object.keys(cvss).sort()])];
  for (const source of sources) {
    const entry = cvss[source];
    if (!isObject(entry)) continue;
    for (const [key, version] of [
      ['V40Score', 4],
      ['V3Score', 3],
      ['V2Score', 2],
    ] as const) {
      const score = entry[key];
      if (typeof score === 'number' && score > 0) return { score, version, source };
    }
  }
  return undefined;
}

/**
 * Trivy vulnerability: its Severity wins; when it is UNKNOWN or missing, the VendorSeverity of its
 * SeveritySource, then the CVSS score bands, then info.
 */
export function trivyVulnerabilitySeverity(vulnerability: Record<string, unknown>): Severity {
  const stated = trivyWord(vulnerability['Severity']);
  if (stated) return stated;
  const vendor = vulnerability['VendorSeverity'];
  const source = vulnerability['SeveritySource'];
  if (isObject(vendor) && typeof source === 'string') {
    const fromVendor = vendorLevel(vendor[source]);
    if (fromVendor) return fromVendor;
  }
  const cvss = trivyCvss(vulnerability);
  return (cvss && cvssSeverity(cvss.score, cvss.version)) ?? 'info';
}

/** Trivy misconfiguration, secret and licence: Severity, UNKNOWN or missing → info. */
export function trivySeverity(value: unknown): Severity {
  return trivyWord(value) ?? 'info';
}

/**
 * Bandit issue_severity: HIGH → high, MEDIUM → medium, LOW → low, UNDEFINED → info. Used for Bandit JSON and for
 * Bandit SARIF (its results carry properties.issue_severity), so one scan gives the same severities either way.
 */
export function banditSeverity(value: unknown): Severity {
  if (typeof value !== 'string') return 'info';
  switch (value.toUpperCase()) {
    case 'HIGH':
      return 'high';
    case 'MEDIUM':
      return 'medium';
    case 'LOW':
      return 'low';
    default:
      return 'info';
  }
}

/** Gitleaks has no severity: every leaked secret is high. */
export const GITLEAKS_SEVERITY: Severity = 'high';

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
