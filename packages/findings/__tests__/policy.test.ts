import { describe, expect, it } from '@jest/globals';
import { InputError } from '@actions-kit/reports';
import { compareWithBaseline, parseBaseline } from '../src/baseline.js';
import { dedupe } from '../src/dedupe.js';
import type { Finding } from '../src/model.js';
import { countFindings, evaluatePolicy, isFailOn } from '../src/policy.js';
import { trivyReader } from '../src/trivy.js';
import { read, trivyReport, trivyVulnerability } from './support/documents.js';

function findings(ids: [string, string][]): Finding[] {
  return dedupe(
    read(
      trivyReader,
      trivyReport([
        {
          Target: 'go.mod',
          Vulnerabilities: ids.map(([id, severity]) => trivyVulnerability({ VulnerabilityID: id, Severity: severity })),
        },
      ]),
    ).records,
  );
}

describe('baseline comparison', () => {
  it('marks findings new or existing and lists the fixed ones', () => {
    const previous = findings([
      ['CVE-1', 'HIGH'],
      ['CVE-2', 'LOW'],
    ]);
    const baseline = parseBaseline({ schemaVersion: 1, findings: JSON.parse(JSON.stringify(previous)) }, 'main.json');
    const current = findings([
      ['CVE-1', 'HIGH'],
      ['CVE-3', 'CRITICAL'],
    ]);
    const fixed = compareWithBaseline(current, baseline);
    expect(current.map((f) => [f.ruleId, f.status])).toEqual([
      ['CVE-3', 'new'],
      ['CVE-1', 'existing'],
    ]);
    expect(fixed.map((f) => [f.ruleId, f.severity])).toEqual([['CVE-2', 'low']]);
  });

  it('matches by aliases too, and leaves suppressed findings suppressed', () => {
    const [finding] = findings([['CVE-1', 'HIGH']]);
    const baseline = parseBaseline({ findings: [{ fingerprint: 'old', aliases: [finding!.fingerprint] }] }, 'b.json');
    expect(compareWithBaseline([finding!], baseline)).toEqual([]);
    expect(finding!.status).toBe('existing');
    finding!.status = 'suppressed';
    compareWithBaseline([finding!], undefined);
    expect(finding!.status).toBe('suppressed');
  });

  it('rejects a file that is not a report of this action', () => {
    expect(() => parseBaseline({ runs: [] }, 'x.sarif')).toThrow(InputError);
    expect(() => parseBaseline({ runs: [] }, 'x.sarif')).toThrow(/^x\.sarif: not a security-scan JSON report/);
    expect(() => parseBaseline({ findings: [{}] }, 'r.json')).toThrow('findings[0] has no "fingerprint"');
  });
});

describe('policy', () => {
  it('fails when an open finding at or above fail-on remains', () => {
    const all = findings([
      ['CVE-1', 'MEDIUM'],
      ['CVE-2', 'HIGH'],
    ]);
    expect(evaluatePolicy(all, { failOn: 'critical', scope: 'all' })).toMatchObject({
      passed: true,
      summary: 'passed: no open finding at or above critical (2 below it)',
    });
    const result = evaluatePolicy(all, { failOn: 'high', scope: 'all' });
    expect(result).toMatchObject({ passed: false, summary: 'failed: 1 open finding at or above high (1 high)' });
    expect(result.failing.map((f) => f.ruleId)).toEqual(['CVE-2']);
    expect(evaluatePolicy(all, { failOn: 'none', scope: 'all' }).passed).toBe(true);
    expect(evaluatePolicy(all, { failOn: 'info', scope: 'all' }).failing).toHaveLength(2);
  });

  it('ignores suppressed findings, and existing ones when the scope is new', () => {
    const all = findings([
      ['CVE-1', 'CRITICAL'],
      ['CVE-2', 'HIGH'],
    ]);
    all[0]!.status = 'existing';
    all[1]!.status = 'suppressed';
    expect(evaluatePolicy(all, { failOn: 'low', scope: 'new' }).passed).toBe(true);
    expect(evaluatePolicy(all, { failOn: 'low', scope: 'all' }).passed).toBe(false);
    expect(countFindings(all, 4)).toEqual({
      total: 1,
      critical: 1,
      high: 0,
      medium: 0,
      low: 0,
      info: 0,
      new: 0,
      existing: 1,
      suppressed: 1,
      fixed: 4,
    });
  });

  it('knows the fail-on values', () => {
    expect(['critical', 'high', 'medium', 'low', 'info', 'none'].every(isFailOn)).toBe(true);
    expect(isFailOn('hihg')).toBe(false);
  });
});
