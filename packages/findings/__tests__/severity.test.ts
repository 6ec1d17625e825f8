import { describe, expect, it } from '@jest/globals';
import {
  banditSeverity,
  cvssSeverity,
  levelSeverity,
  securitySeverity,
  severityLevel,
  SECURITY_SEVERITY_SCORE,
  SEVERITIES,
  trivyVulnerabilitySeverity,
} from '@actions-kit/findings';

describe('severity mapping (the README table)', () => {
  it('bands CVSS v3/v4 with a critical band and v2 without one', () => {
    expect([9.0, 7.0, 6.9, 4.0, 3.9, 0.1, 0].map((s) => cvssSeverity(s, 3))).toEqual([
      'critical',
      'high',
      'medium',
      'medium',
      'low',
      'low',
      undefined,
    ]);
    expect(cvssSeverity(10, 4)).toBe('critical');
    expect(cvssSeverity(10, 2)).toBe('high');
  });

  it('bands security-severity as GitHub does and ignores what is not a positive number', () => {
    expect(['10', '9.0', '7', '4.0', '0.1', 9.5].map(securitySeverity)).toEqual([
      'critical',
      'critical',
      'high',
      'medium',
      'low',
      'critical',
    ]);
    expect(['0', '', 'high', -1, null].map(securitySeverity)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('maps SARIF levels and back', () => {
    expect((['error', 'warning', 'note', 'none'] as const).map(levelSeverity)).toEqual([
      'high',
      'medium',
      'low',
      'info',
    ]);
    expect(SEVERITIES.map(severityLevel)).toEqual(['error', 'error', 'warning', 'note', 'none']);
  });

  it('writes security-severity scores that read back as the same severity', () => {
    for (const [severity, score] of Object.entries(SECURITY_SEVERITY_SCORE))
      expect(securitySeverity(score)).toBe(severity);
  });

  it('maps Bandit words case-insensitively', () => {
    expect(['high', 'Medium', 'LOW', 'UNDEFINED', undefined].map(banditSeverity)).toEqual([
      'high',
      'medium',
      'low',
      'info',
      'info',
    ]);
  });

  it('prefers the SeveritySource CVSS entry, then nvd, ghsa, redhat, bitnami, then any other source', () => {
    const cvss = { bitnami: { V3Score: 9.1 }, redhat: { V3Score: 7.2 }, zzz: { V3Score: 1.0 } };
    expect(trivyVulnerabilitySeverity({ Severity: 'UNKNOWN', CVSS: cvss })).toBe('high');
    expect(trivyVulnerabilitySeverity({ Severity: 'UNKNOWN', SeveritySource: 'zzz', CVSS: cvss })).toBe('low');
    expect(trivyVulnerabilitySeverity({ Severity: 'UNKNOWN', CVSS: { only: { V2Score: 5 } } })).toBe('medium');
  });
});
