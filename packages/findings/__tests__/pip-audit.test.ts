import { describe, expect, it } from '@jest/globals';
import { chooseReader } from '../src/choose-reader.js';
import { fixFor } from '../src/package-vulnerability.js';
import { pipAuditReader } from '../src/pip-audit.js';
import { pipAuditDependency, read, readBothWays } from './support/documents.js';

describe('pip-audit JSON', () => {
  it('reads the 2.0 shape: one record per vulnerability, not rated, with its aliases and the fix for 3.2.9', () => {
    const result = readBothWays({
      dependencies: [pipAuditDependency(), { name: 'six', version: '1.16.0', vulns: [] }],
      fixes: [],
    });
    expect(result.reader).toBe('pip-audit');
    expect(result.format).toBe('pip-audit JSON (2.0 or later)');
    expect(result.records).toHaveLength(1);
    expect(result.records[0]).toMatchObject({
      tool: 'pip-audit',
      ruleId: 'PYSEC-2021-439',
      title: 'PYSEC-2021-439 in django 3.2.9',
      severity: 'info',
      category: 'vulnerability',
      package: { name: 'django', version: '3.2.9', fixedVersion: '3.2.10' },
      identity: { kind: 'package', ids: ['PYSEC-2021-439'], aliases: ['CVE-2021-44420', 'GHSA-v6rh-hp5x-86rv'] },
      tags: ['not-rated'],
      helpUri: 'https://osv.dev/vulnerability/PYSEC-2021-439',
    });
    expect(result.records[0]!.description).toContain('Also known as CVE-2021-44420, GHSA-v6rh-hp5x-86rv.');
  });

  it('reads the list of releases before 2.0 the same way', () => {
    const result = read(pipAuditReader, [pipAuditDependency()]);
    expect(result.format).toBe('pip-audit JSON (before 2.0)');
    expect(result.records.map((r) => r.ruleId)).toEqual(['PYSEC-2021-439']);
  });

  it('says which dependencies were not audited: an incomplete audit is never reported as clean', () => {
    const doc = { dependencies: [{ name: 'azure-devops', skip_reason: 'Dependency not found on PyPI' }], fixes: [] };
    expect(chooseReader(doc, 'a.json')?.name).toBe('pip-audit');
    const result = read(pipAuditReader, doc);
    expect(result.records).toEqual([]);
    expect(result.notes).toEqual([
      'pip-audit: 1 dependency was not audited, so not known to be free of vulnerabilities: azure-devops (Dependency not found on PyPI)',
    ]);
  });

  it('refuses vulns that are not a list, naming the file and the place', () => {
    expect(() => read(pipAuditReader, { dependencies: [pipAuditDependency({ vulns: {} })] })).toThrow(
      'reports/test.json: /dependencies/0/vulns is an object, where a list of pip-audit vulnerability records was expected',
    );
  });
});

describe('fixFor', () => {
  it('picks the lowest fix above the installed version, one per release line', () => {
    expect(fixFor('3.2.9', ['2.2.25', '3.1.14', '3.2.10'])).toBe('3.2.10');
    expect(fixFor('1.6.0', ['0.6.14', '1.6.1'])).toBe('1.6.1');
    expect(fixFor('4.0.1', ['2.2.27', '3.2.12', '4.0.2'])).toBe('4.0.2');
  });

  it('gives none for no fix (Safety writes [""]), and all of them when none is above the version', () => {
    expect(fixFor('0.1.0', [''])).toBeUndefined();
    expect(fixFor('1.0', [])).toBeUndefined();
    expect(fixFor('9.0', ['1.2', '2.0'])).toBe('1.2, 2.0');
  });
});
