import { describe, expect, it } from '@jest/globals';
import {
  buildSarif,
  dedupe,
  gitleaksReader,
  sarifReader,
  serializeSarif,
  trivyReader,
  banditReader,
  type Finding,
  type SarifLog,
} from '@actions-kit/findings';
import { banditReport, banditResult, gitleaksV8, read, trivyReport, trivyVulnerability } from './documents.js';

function sample(): Finding[] {
  return dedupe([
    ...read(
      trivyReader,
      trivyReport([
        {
          Target: 'alpine:3.19 (alpine 3.19.1)',
          Class: 'os-pkgs',
          Vulnerabilities: [trivyVulnerability(), trivyVulnerability({ PkgName: 'libssl', Severity: 'LOW' })],
        },
      ]),
      'trivy.json',
    ).records,
    ...read(banditReader, banditReport([banditResult()]), 'bandit.json').records,
    ...read(gitleaksReader, [gitleaksV8()], 'gitleaks.json').records,
  ]);
}

describe('buildSarif', () => {
  it('writes one run per tool, each with its own category, including tools that found nothing', () => {
    const { log } = buildSarif(sample(), { tools: ['bandit', 'gitleaks', 'trivy', 'semgrep oss'] });
    expect(log.version).toBe('2.1.0');
    expect(log.runs.map((r) => [r.tool.driver.name, r.automationDetails.id, r.results.length])).toEqual([
      ['trivy', 'security-scan/trivy/', 2],
      ['bandit', 'security-scan/bandit/', 1],
      ['gitleaks', 'security-scan/gitleaks/', 1],
      ['semgrep oss', 'security-scan/semgrep-oss/', 0],
    ]);
  });

  it('de-duplicates rules, gives them the highest security-severity and each result its own level', () => {
    const { log } = buildSarif(sample());
    const trivy = log.runs.find((r) => r.tool.driver.name === 'trivy')!;
    expect(trivy.tool.driver.rules).toHaveLength(1);
    expect(trivy.tool.driver.rules[0]).toMatchObject({
      id: 'CVE-2024-0001',
      defaultConfiguration: { level: 'error' },
      properties: { 'security-severity': '8.0' },
    });
    expect(trivy.results.map((r) => [r.ruleIndex, r.level, r.properties])).toEqual([
      [0, 'error', undefined],
      [0, 'note', { 'security-severity': '2.0' }],
    ]);
  });

  it('gives every result a location (a package finding points at its target) and a primaryLocationLineHash', () => {
    const { log } = buildSarif(sample());
    const results = log.runs.flatMap((r) => r.results);
    expect(results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri)).toEqual([
      'alpine',
      'alpine',
      'app/check.py',
      'deploy/env.sh',
    ]);
    expect(results.map((r) => r.locations[0]!.physicalLocation.region.startLine)).toEqual([1, 1, 5, 3]);
    expect(results.every((r) => /^[0-9a-f]{32}$/.test(r.partialFingerprints.primaryLocationLineHash))).toBe(true);
  });

  it('points a result without a path at the report that produced it', () => {
    const [finding] = sample();
    const { log } = buildSarif([{ ...finding!, location: { path: '' } }]);
    expect(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('trivy.json');
  });

  it('keeps at most the per-run limit, dropping suppressed then least severe results first, and says so', () => {
    const findings = dedupe(
      read(
        trivyReader,
        trivyReport([
          {
            Target: 'go.mod',
            Vulnerabilities: ['LOW', 'CRITICAL', 'MEDIUM', 'HIGH', 'LOW'].map((Severity, i) =>
              trivyVulnerability({ VulnerabilityID: `CVE-${i}`, Severity }),
            ),
          },
        ]),
      ).records,
    );
    findings.find((f) => f.severity === 'critical')!.status = 'suppressed';
    const { log, dropped } = buildSarif(findings, { maxResultsPerRun: 2 });
    expect(log.runs[0]!.results.map((r) => r.level)).toEqual(['error', 'warning']);
    expect(dropped).toEqual([{ tool: 'trivy', count: 3, bySeverity: { low: 2, critical: 1 } }]);
    expect(log.runs[0]!.tool.driver.rules.map((r) => r.id)).toEqual(['CVE-3', 'CVE-2']);
  });

  it('writes suppressed findings with an external suppression and its reason', () => {
    const findings = sample();
    findings[0]!.status = 'suppressed';
    findings[0]!.suppression = { entry: 1, reason: 'not reachable' };
    const { log } = buildSarif(findings);
    expect(log.runs[0]!.results[0]!.suppressions).toEqual([{ kind: 'external', justification: 'not reachable' }]);
  });

  it('stays within 20 runs, putting the least busy tools together in the last run', () => {
    const [base] = sample();
    const findings = Array.from({ length: 25 }, (_, i) => ({
      ...base!,
      tool: `tool-${String(i).padStart(2, '0')}`,
      fingerprint: `f${i}`,
    }));
    const { log, combinedTools } = buildSarif(findings);
    expect(log.runs).toHaveLength(20);
    expect(combinedTools).toHaveLength(6);
    expect(log.runs[19]!.tool.driver.name).toBe('security-scan (other tools)');
    expect(log.runs[19]!.results.map((r) => r.ruleId)).toEqual(combinedTools.map((t) => `${t}/CVE-2024-0001`));
  });

  it('reads back through the SARIF reader with the same severities', () => {
    const findings = sample();
    const text = [...serializeSarif(buildSarif(findings).log)].join('');
    const again = read(sarifReader, JSON.parse(text) as SarifLog);
    const key = (x: { tool: string; ruleId: string; severity: string }) => `${x.tool} ${x.ruleId} ${x.severity}`;
    expect(again.records.map(key).sort()).toEqual(findings.map(key).sort());
  });
});

describe('serializeSarif', () => {
  it('produces the same JSON as the log object, piece by piece', () => {
    const { log } = buildSarif(sample(), { tools: ['empty-tool'] });
    expect(JSON.parse([...serializeSarif(log)].join(''))).toEqual(JSON.parse(JSON.stringify(log)));
  });
});
