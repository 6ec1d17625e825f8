import { describe, expect, it } from '@jest/globals';
import { dedupe } from '../src/dedupe.js';
import { READERS } from '../src/registry.js';
import { formatMessage, sarifReader } from '../src/sarif-reader.js';
import { read, readBothWays, sarifLog, sarifResult, sarifRun } from './support/documents.js';

const records = (runs: unknown[]) => read(sarifReader, sarifLog(runs)).records;

describe('SARIF rules, messages and locations', () => {
  it('takes the level from the result, else the rule default, else warning', () => {
    const rules = [
      { id: 'E', defaultConfiguration: { level: 'error' } },
      { id: 'N', defaultConfiguration: { level: 'note' } },
      { id: 'D' },
    ];
    const found = records([
      sarifRun({ name: 'Scanner', rules }, [
        sarifResult({ ruleId: 'E' }),
        sarifResult({ ruleId: 'N' }),
        sarifResult({ ruleId: 'D' }),
        sarifResult({ ruleId: 'E', level: 'none' }),
        sarifResult({ ruleId: 'N', ruleIndex: 1, level: 'warning' }),
      ]),
    ]);
    expect(found.map((r) => r.severity)).toEqual(['high', 'low', 'medium', 'info', 'medium']);
  });

  it('uses security-severity in GitHub bands: ≥9 critical, ≥7 high, ≥4 medium, >0 low, else the level', () => {
    const rules = ['9.0', '8.9', '7.0', '6.9', '4.0', '3.9', '0.1', '0.0', 'n/a'].map((score, i) => ({
      id: `S${i}`,
      defaultConfiguration: { level: 'note' },
      properties: { 'security-severity': score },
    }));
    const found = records([
      sarifRun(
        { name: 'Scanner', rules },
        rules.map((rule) => sarifResult({ ruleId: rule.id })),
      ),
    ]);
    expect(found.map((r) => r.severity)).toEqual([
      'critical',
      'high',
      'high',
      'medium',
      'medium',
      'low',
      'low',
      'low',
      'low',
    ]);
    // A score on the result wins over its rule's.
    const own = records([
      sarifRun({ name: 'Scanner', rules }, [sarifResult({ ruleId: 'S0', properties: { 'security-severity': '5.0' } })]),
    ]);
    expect(own[0]!.severity).toBe('medium');
  });

  it('fills messageStrings with arguments, from the rule or the driver, and keeps {{ }} literal', () => {
    const rule = {
      id: 'C2001',
      messageStrings: { default: { text: 'Variable "{0}" was used without being initialized ({{{1}}}).' } },
    };
    const driver = { name: 'CodeScanner', rules: [rule], globalMessageStrings: { global: { text: 'Global {0}' } } };
    const found = records([
      sarifRun(driver, [
        sarifResult({ ruleId: 'C2001', message: { id: 'default', arguments: ['count', 'x'] } }),
        sarifResult({ ruleId: 'C2001', message: { id: 'global', arguments: ['text'] } }),
      ]),
    ]);
    expect(found.map((r) => r.title)).toEqual([
      'Variable "count" was used without being initialized ({x}).',
      'Global text',
    ]);
    expect(formatMessage('{0} and {2}', ['a'])).toBe('a and {2}');
  });

  it('resolves artifacts by index and uriBaseId through originalUriBaseIds, relative to the checkout', () => {
    const run = sarifRun(
      { name: 'Scanner' },
      [
        sarifResult({
          locations: [{ physicalLocation: { artifactLocation: { index: 1 }, region: { startLine: 2 } } }],
        }),
        sarifResult({
          locations: [
            { physicalLocation: { artifactLocation: { uri: 'lib/b.py', uriBaseId: 'SRC' }, region: { startLine: 3 } } },
          ],
        }),
        sarifResult({
          locations: [{ physicalLocation: { artifactLocation: { uri: 'file:///home/runner/work/app/c%20d.js' } } }],
        }),
        sarifResult({
          locations: [{ physicalLocation: { artifactLocation: { uri: 'x.js', uriBaseId: '%SRCROOT%' } } }],
        }),
        sarifResult({ locations: [] }),
      ],
      {
        artifacts: [{ location: { uri: 'first.js' } }, { location: { uri: 'second.js', uriBaseId: 'SRC' } }],
        originalUriBaseIds: { SRC: { uri: 'file:///home/runner/work/app/' } },
      },
    );
    const context = { file: 'scan.sarif', root: '/home/runner/work/app', readers: READERS };
    const found = sarifReader.read(sarifLog([run]), context).records;
    expect(found.map((r) => r.location.path)).toEqual(['second.js', 'lib/b.py', 'c d.js', 'x.js', '']);
  });

  it('finds rules by ruleIndex, by id in extensions, and by the base of a hierarchical id', () => {
    const run = {
      tool: {
        driver: {
          name: 'CodeQL',
          rules: [{ id: 'js/a', shortDescription: { text: 'A' }, defaultConfiguration: { level: 'error' } }],
        },
        extensions: [{ name: 'pack', rules: [{ id: 'js/b', defaultConfiguration: { level: 'note' } }] }],
      },
      results: [
        { ruleIndex: 0, message: { text: 'one' } },
        { ruleId: 'js/b', message: { text: 'two' } },
        { rule: { id: 'js/b', index: 0, toolComponent: { index: 0 } }, message: { text: 'three' } },
        { ruleId: 'js/a/1', message: { text: 'four' } },
      ],
    };
    expect(records([run]).map((r) => [r.ruleId, r.severity])).toEqual([
      ['js/a', 'high'],
      ['js/b', 'low'],
      ['js/b', 'low'],
      ['js/a/1', 'high'],
    ]);
  });
});

describe('SARIF results that are not findings', () => {
  it('skips kinds pass, notApplicable and informational; review and open are findings at level none', () => {
    const kinds = ['fail', 'pass', 'notApplicable', 'informational', 'review', 'open'];
    const found = records([
      sarifRun(
        { name: 'S', rules: [{ id: 'R1', defaultConfiguration: { level: 'error' } }] },
        kinds.map((kind) => sarifResult({ kind })),
      ),
    ]);
    expect(found.map((r) => r.severity)).toEqual(['high', 'info', 'info']);
  });

  it('counts accepted suppressions as suppressed, not as findings; rejected, under review and [] stay findings', () => {
    const results = [
      sarifResult({ suppressions: [{ kind: 'external' }] }),
      sarifResult({ suppressions: [{ kind: 'inSource', status: 'accepted' }] }),
      sarifResult({ suppressions: [{ kind: 'external', state: 'accepted' }] }),
      sarifResult({ suppressions: [{ kind: 'external', status: 'rejected' }] }),
      sarifResult({ suppressions: [{ kind: 'external', status: 'underReview' }] }),
      sarifResult({ suppressions: [] }),
    ];
    const result = readBothWays(sarifLog([sarifRun({ name: 'S' }, results)]));
    expect(result.records.map((r) => r.source.record)).toEqual([
      '/runs/0/results/3',
      '/runs/0/results/4',
      '/runs/0/results/5',
    ]);
    expect(result.suppressed).toHaveLength(3);
  });

  it('skips results whose baselineState is absent (they are gone)', () => {
    expect(
      records([
        sarifRun({ name: 'S' }, [sarifResult({ baselineState: 'absent' }), sarifResult({ baselineState: 'new' })]),
      ]),
    ).toHaveLength(1);
  });
});

describe('SARIF from several runs and tools', () => {
  it('reads every run with its own tool name', () => {
    const result = readBothWays(
      sarifLog([
        sarifRun({ name: 'CodeQL' }, [sarifResult()]),
        sarifRun({ name: 'Semgrep OSS' }, [sarifResult(), sarifResult({ ruleId: 'R2' })]),
      ]),
    );
    expect(result.format).toBe('SARIF 2.1.0 (2 runs)');
    expect(result.tools).toEqual(['codeql', 'semgrep oss']);
    expect(result.records.map((r) => `${r.tool}:${r.source.record}`)).toEqual([
      'codeql:/runs/0/results/0',
      'semgrep oss:/runs/1/results/0',
      'semgrep oss:/runs/1/results/1',
    ]);
  });

  it('uses fingerprints, else primaryLocation* partial fingerprints, but not Gitleaks commit metadata', () => {
    const base = { locations: [{ physicalLocation: { artifactLocation: { uri: 'a.js' }, region: { startLine: 1 } } }] };
    const withIds = records([
      sarifRun({ name: 'S' }, [
        sarifResult({ ...base, fingerprints: { 'matchBasedId/v1': 'abc' } }),
        sarifResult({
          ...base,
          partialFingerprints: { primaryLocationLineHash: 'h:1', primaryLocationStartColumnFingerprint: '4' },
        }),
        sarifResult({ ...base, partialFingerprints: { commitSha: 'c', author: 'a' } }),
      ]),
    ]);
    expect(withIds.map((r) => (r.identity.kind === 'content' ? r.identity.toolFingerprint : 'n/a'))).toEqual([
      'matchBasedId/v1=abc',
      'primaryLocationLineHash=h:1|primaryLocationStartColumnFingerprint=4',
      undefined,
    ]);
  });

  it('treats Gitleaks SARIF as high secrets and never keeps the raw secret from its snippet', () => {
    const result = sarifResult({
      ruleId: 'aws-access-key',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'auth.py' },
            region: { startLine: 1, snippet: { text: 'AKIAIOSFODNN7EXAMPLE' } },
          },
        },
      ],
      partialFingerprints: { commitSha: '0000' },
    });
    const [record] = records([sarifRun({ name: 'gitleaks', semanticVersion: 'v8.0.0' }, [result])]);
    expect(record).toMatchObject({ severity: 'high', category: 'secret', identity: { snippet: '*'.repeat(20) } });
    expect(JSON.stringify(record)).not.toContain('AKIA');
  });

  it("takes Trivy SARIF severity from its rule tags (Trivy's Severity), not the CVSS-based security-severity", () => {
    const rule = {
      id: 'CVE-2024-1',
      defaultConfiguration: { level: 'warning' },
      properties: { 'security-severity': '9.8', tags: ['vulnerability', 'security', 'MEDIUM'] },
    };
    const [record] = records([
      sarifRun({ name: 'Trivy', rules: [rule] }, [sarifResult({ ruleId: 'CVE-2024-1', ruleIndex: 0 })]),
    ]);
    expect(record).toMatchObject({ severity: 'medium', category: 'vulnerability' });
  });

  it('keeps different problems a tool reports on one line apart when there is no snippet or fingerprint', () => {
    const run = sarifRun({ name: 'Trivy' }, [
      sarifResult({ ruleId: 'CVE-1', message: { text: 'Package: a' } }),
      sarifResult({ ruleId: 'CVE-1', message: { text: 'Package: b' } }),
      sarifResult({ ruleId: 'CVE-1', message: { text: 'Package: b' } }),
    ]);
    expect(dedupe(records([run])).map((f) => f.sources.length)).toEqual([1, 2]);
  });
});
