import { describe, expect, it } from '@jest/globals';
import { banditReader } from '../src/bandit.js';
import { dedupe } from '../src/dedupe.js';
import { gitleaksReader } from '../src/gitleaks.js';
import type { Finding } from '../src/model.js';
import { sarifReader } from '../src/sarif-reader.js';
import { buildSarif, type SarifLog, type SarifWriteOptions, serializeSarif } from '../src/sarif-writer.js';
import { trivyReader } from '../src/trivy.js';
import { banditReport, banditResult, gitleaksV8, read, trivyReport, trivyVulnerability } from './support/documents.js';

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

/** The SARIF file as written for these findings, read back, with what buildSarif said it left out. */
function written(findings: readonly Finding[], options?: SarifWriteOptions) {
  const { plan, dropped, combinedTools } = buildSarif(findings, options);
  return { log: JSON.parse([...serializeSarif(plan)].join('')) as SarifLog, dropped, combinedTools };
}

describe('buildSarif', () => {
  it('writes one run per tool, each with its own category, including tools that found nothing', () => {
    const { log } = written(sample(), { tools: ['bandit', 'gitleaks', 'trivy', 'semgrep oss'] });
    expect(log.version).toBe('2.1.0');
    expect(log.runs.map((r) => [r.tool.driver.name, r.automationDetails.id, r.results.length])).toEqual([
      ['trivy', 'security-scan/trivy/', 2],
      ['bandit', 'security-scan/bandit/', 1],
      ['gitleaks', 'security-scan/gitleaks/', 1],
      ['semgrep oss', 'security-scan/semgrep-oss/', 0],
    ]);
  });

  it('writes the help as the description and the link, escaped as JSON, cut to 4000 characters', () => {
    const [finding] = sample();
    const rule = (description: string) =>
      written([{ ...finding!, description, helpUri: 'https://example.com/a?b=1' }]).log.runs[0]!.tool.driver.rules[0]!;
    const tricky = 'say "hi"\\\nnext line\ttab \ud83d\ude80 lone \ud800';
    expect(rule(tricky).fullDescription.text).toBe(tricky);
    expect(rule(tricky).help.text).toBe(`${tricky}\n\nMore information: https://example.com/a?b=1`);
    const long = 'x'.repeat(3990);
    expect(rule(long).fullDescription.text).toBe(long);
    expect(rule(long).help.text).toBe(`${long}\n\nMore in…`);
    expect(rule(long).help.text).toHaveLength(4000);
  });

  it("tags a rule with 'security', its category, its CWEs and the tool's tags, each once, at most 20", () => {
    const [finding] = sample();
    const tagged = (cwes: string[], tags: string[]) =>
      written([{ ...finding!, cwes, tags }]).log.runs[0]!.tool.driver.rules[0]!.properties.tags;
    expect(tagged(['CWE-79', 'cwe-79', 'CWE-89'], ['security', 'web', 'web'])).toEqual([
      'security',
      'vulnerability',
      'external/cwe/cwe-79',
      'external/cwe/cwe-89',
      'web',
    ]);
    const many = Array.from({ length: 30 }, (_, i) => `tag-${i}`);
    expect(tagged(['CWE-1'], many)).toEqual(['security', 'vulnerability', 'external/cwe/cwe-1', ...many.slice(0, 17)]);
  });

  it('de-duplicates rules, gives them the highest security-severity and each result its own level', () => {
    const { log } = written(sample());
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
    const { log } = written(sample());
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
    const { log } = written([{ ...finding!, location: { path: '' } }]);
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
    const { log, dropped } = written(findings, { maxResultsPerRun: 2 });
    expect(log.runs[0]!.results.map((r) => r.level)).toEqual(['error', 'warning']);
    expect(dropped).toEqual([{ tool: 'trivy', count: 3, bySeverity: { low: 2, critical: 1 } }]);
    expect(log.runs[0]!.tool.driver.rules.map((r) => r.id)).toEqual(['CVE-3', 'CVE-2']);
  });

  it('writes suppressed findings with an external suppression and its reason', () => {
    const findings = sample();
    findings[0]!.status = 'suppressed';
    findings[0]!.suppression = { entry: 1, reason: 'not reachable' };
    const { log } = written(findings);
    expect(log.runs[0]!.results[0]!.suppressions).toEqual([{ kind: 'external', justification: 'not reachable' }]);
  });

  it('stays within 20 runs, putting the least busy tools together in the last run', () => {
    const [base] = sample();
    const findings = Array.from({ length: 25 }, (_, i) => ({
      ...base!,
      tool: `tool-${String(i).padStart(2, '0')}`,
      fingerprint: `f${i}`,
    }));
    const { log, combinedTools } = written(findings);
    expect(log.runs).toHaveLength(20);
    expect(combinedTools).toHaveLength(6);
    expect(log.runs[19]!.tool.driver.name).toBe('security-scan (other tools)');
    expect(log.runs[19]!.results.map((r) => r.ruleId)).toEqual(combinedTools.map((t) => `${t}/CVE-2024-0001`));
  });

  it('reads back through the SARIF reader with the same severities', () => {
    const findings = sample();
    const again = read(sarifReader, written(findings).log);
    const key = (x: { tool: string; ruleId: string; severity: string }) => `${x.tool} ${x.ruleId} ${x.severity}`;
    expect(again.records.map(key).sort()).toEqual(findings.map(key).sort());
  });
});

describe('serializeSarif', () => {
  it('writes each result as JSON.stringify would, one per line', () => {
    const findings = sample();
    findings[1]!.status = 'suppressed';
    findings[1]!.suppression = { entry: 2, reason: 'vendored "code"\nnot shipped' };
    const text = [...serializeSarif(buildSarif(findings, { tools: ['empty-tool'] }).plan)].join('');
    const lines = text.split('\n').filter((line) => line.startsWith('{"ruleId"'));
    expect(lines).toHaveLength(findings.length);
    for (const line of lines) {
      // A result line ends with ',' before the next result, or with ']}' (and ',' before the next run).
      const json = line.replace(/,$/, '').replace(/\]\}$/, '');
      expect(JSON.stringify(JSON.parse(json))).toBe(json);
    }
    expect(JSON.parse(text)).toMatchObject({ version: '2.1.0', runs: expect.any(Array) });
  });

  it('escapes what reports put in titles, paths and reasons', () => {
    const [base] = sample();
    const hostile = 'a "quote", a \\ backslash, a tab\t, \u0001, a lone \ud800 surrogate and </script>';
    const finding: Finding = {
      ...base!,
      title: hostile,
      location: { path: `dir/${hostile}`, startLine: 3 },
      status: 'suppressed',
      suppression: { entry: 1, reason: hostile },
    };
    const result = written([finding]).log.runs[0]!.results[0]!;
    expect(result.message.text.startsWith(hostile)).toBe(true);
    expect(result.suppressions).toEqual([{ kind: 'external', justification: hostile }]);
    const uri = result.locations[0]!.physicalLocation.artifactLocation.uri;
    expect(decodeURIComponent(uri)).toBe(`dir/${hostile.replace('\ud800', '\ufffd')}`);
  });
});
