import { describe, expect, it } from '@jest/globals';
import { SEVERITIES } from '../src/model.js';
import {
  cvssSeverity,
  levelSeverity,
  SECURITY_SEVERITY_SCORE,
  securitySeverity,
  severityLevel,
} from '../src/severity.js';

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
});
