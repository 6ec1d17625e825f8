import { describe, expect, it } from '@jest/globals';
import { chooseReader } from '../src/choose-reader.js';
import { safetyReader } from '../src/safety.js';
import { read, readBothWays } from './support/documents.js';

const vulnerability = (overrides: Record<string, unknown> = {}) => ({
  vulnerability_id: '44742',
  package_name: 'django',
  analyzed_version: '4.0.1',
  vulnerable_spec: '>=4.0a1,<4.0.2',
  fixed_versions: ['2.2.27', '3.2.12', '4.0.2'],
  advisory: 'The {% debug %} template tag does not properly encode the current context.',
  CVE: 'CVE-2022-22818',
  severity: { source: 'CVE-2022-22818', cvssv3: { base_score: 6.1, base_severity: 'MEDIUM' } },
  more_info_url: 'https://pyup.io/v/44742/f17',
  ...overrides,
});

const report = (vulnerabilities: unknown[], ignored: unknown[] = []) => ({
  report_meta: { safety_version: '2.3.5', vulnerabilities_found: vulnerabilities.length },
  scanned_packages: {},
  vulnerabilities,
  ignored_vulnerabilities: ignored,
});

describe('Safety JSON (2.x check, also written by 3.x check)', () => {
  it('rates by CVSS v3 (severity.cvssv3, or CVE.cvssv3 of older builds), the CVE an alias, the fix for 4.0.1', () => {
    const result = readBothWays(
      report([
        vulnerability(),
        vulnerability({
          vulnerability_id: '44741',
          CVE: { name: 'CVE-2022-23833', cvssv3: { base_score: 7.5, base_severity: 'HIGH' } },
          severity: undefined,
        }),
      ]),
    );
    expect(result.format).toBe('Safety JSON (2.3.5)');
    expect(result.records.map((r) => [r.ruleId, r.severity, r.package?.fixedVersion])).toEqual([
      ['44742', 'medium', '4.0.2'],
      ['44741', 'high', '4.0.2'],
    ]);
    expect(result.records[0]!.identity).toMatchObject({ aliases: ['CVE-2022-22818'] });
  });

  it('leaves a vulnerability without CVSS not rated, and "no fix" ([""]) without a fixed version', () => {
    const [record] = read(
      safetyReader,
      report([vulnerability({ CVE: null, severity: null, fixed_versions: [''] })]),
    ).records;
    expect(record).toMatchObject({ severity: 'info', tags: ['not-rated'], package: { fixedVersion: undefined } });
  });

  it('reports ignored vulnerabilities as suppressed, not active', () => {
    const result = read(safetyReader, report([], [vulnerability({ ignored: true })]));
    expect(result.records).toHaveLength(0);
    expect(result.suppressed).toHaveLength(1);
  });
});

describe('Safety 1.x rows', () => {
  it('reads [package, spec, version, advisory, id, …]: not rated, CVE ids in the text as aliases', () => {
    const doc = [['ampache', '<4.0.0', '3.8.2', 'Resolves CVE-2019-12385 and CVE-2019-12386', '37863']];
    expect(chooseReader(doc, 's.json')?.name).toBe('safety');
    expect(read(safetyReader, doc).records[0]).toMatchObject({
      ruleId: '37863',
      severity: 'info',
      package: { name: 'ampache', version: '3.8.2' },
      identity: { aliases: ['CVE-2019-12385', 'CVE-2019-12386'] },
    });
  });

  it('refuses a row that is not one, naming the file and the row', () => {
    expect(() => read(safetyReader, [['ampache', '<4.0.0', '3.8.2', 'text', '1'], { a: 1 }])).toThrow(
      'reports/test.json: /1 is an object, where Safety 1.x writes a row',
    );
  });
});
