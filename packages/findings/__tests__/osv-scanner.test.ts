import { describe, expect, it } from '@jest/globals';
import { chooseReader } from '../src/choose-reader.js';
import { groupSeverity, osvScannerReader } from '../src/osv-scanner.js';
import { osvReport, read, readBothWays } from './support/documents.js';

const django = (groups: unknown[]) => ({
  package: { name: 'django', version: '3.2.9', ecosystem: 'PyPI' },
  vulnerabilities: [
    {
      id: 'GHSA-v6rh-hp5x-86rv',
      aliases: ['CVE-2021-44420'],
      summary: 'Potential bypass of an upstream access control',
      database_specific: { severity: 'MODERATE', cwe_ids: ['CWE-290'] },
      affected: [
        {
          package: { name: 'django', ecosystem: 'PyPI' },
          ranges: [
            { type: 'ECOSYSTEM', events: [{ introduced: '3.2' }, { fixed: '3.2.10' }] },
            { type: 'ECOSYSTEM', events: [{ introduced: '2.2' }, { fixed: '2.2.25' }] },
          ],
        },
      ],
    },
    {
      id: 'PYSEC-2021-439',
      aliases: ['CVE-2021-44420'],
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:L' }],
    },
  ],
  groups,
});

describe('OSV-Scanner JSON', () => {
  it('is one record per alias group of a package in a source, rated by the highest CVSS of the group', () => {
    const result = readBothWays(osvReport([django([{ ids: ['GHSA-v6rh-hp5x-86rv', 'PYSEC-2021-439'] }])]));
    expect(result.reader).toBe('osv-scanner');
    expect(result.records).toHaveLength(1);
    expect(result.records[0]).toMatchObject({
      ruleId: 'GHSA-v6rh-hp5x-86rv',
      title: 'Potential bypass of an upstream access control',
      // CVSS 7.3 on the PYSEC record outranks the GHSA word MODERATE, as osv-scanner's max_severity does.
      severity: 'high',
      location: { path: 'requirements.txt' },
      package: { name: 'django', version: '3.2.9', fixedVersion: '3.2.10' },
      identity: { target: 'requirements.txt', aliases: ['PYSEC-2021-439', 'CVE-2021-44420'] },
      cwes: ['CWE-290'],
      helpUri: 'https://osv.dev/vulnerability/GHSA-v6rh-hp5x-86rv',
    });
  });

  it('counts records in no group by themselves, and takes max_severity when the report has it', () => {
    const records = read(
      osvScannerReader,
      osvReport([django([{ ids: ['PYSEC-2021-439'], max_severity: '9.1' }])]),
    ).records;
    expect(records.map((r) => [r.ruleId, r.severity])).toEqual([
      ['PYSEC-2021-439', 'critical'],
      ['GHSA-v6rh-hp5x-86rv', 'medium'],
    ]);
  });

  it('falls back from max_severity to CVSS, to the GHSA word, to not rated', () => {
    expect(groupSeverity('', [{ database_specific: { severity: 'LOW' } }])).toBe('low');
    expect(groupSeverity(undefined, [{ severity: [{ type: 'CVSS_V2', score: 'AV:N/AC:L/Au:N/C:P/I:P/A:P' }] }])).toBe(
      'high',
    );
    expect(groupSeverity(undefined, [{ id: 'MAL-2023-1035' }])).toBeUndefined();
  });

  it('detects a clean scan by its experimental_config', () => {
    expect(chooseReader({ results: [], experimental_config: { licenses: { summary: false } } }, 'o.json')?.name).toBe(
      'osv-scanner',
    );
  });
});
