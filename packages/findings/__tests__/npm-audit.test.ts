import { describe, expect, it } from '@jest/globals';
import { chooseReader } from '../src/choose-reader.js';
import { dedupe } from '../src/dedupe.js';
import { npmAuditReader, npmSeverity } from '../src/npm-audit.js';
import { buildSarif, type SarifLog, serializeSarif } from '../src/sarif-writer.js';
import { npmAuditReport, read, readBothWays } from './support/documents.js';

const advisory = (overrides: Record<string, unknown> = {}) => ({
  source: 1094222,
  name: 'debug',
  dependency: 'debug',
  title: 'Regular Expression Denial of Service in debug',
  url: 'https://github.com/advisories/GHSA-gxpj-cx7g-858c',
  severity: 'moderate',
  cwe: ['CWE-400'],
  cvss: { score: 5.3, vectorString: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L' },
  range: '<2.6.9',
  ...overrides,
});

const report = npmAuditReport({
  debug: {
    name: 'debug',
    severity: 'high',
    isDirect: true,
    via: [
      advisory(),
      advisory({
        source: 1094457,
        url: 'https://github.com/advisories/GHSA-9vvw-cc9w-f27h',
        severity: 'high',
        cwe: ['CWE-1333'],
      }),
      'ms',
    ],
    effects: ['express'],
    range: '<=2.6.8',
    nodes: ['node_modules/debug'],
    fixAvailable: { name: 'express', version: '4.18.3', isSemVerMajor: false },
  },
  express: {
    name: 'express',
    severity: 'high',
    isDirect: true,
    via: ['debug'],
    effects: [],
    nodes: ['node_modules/express'],
    fixAvailable: true,
  },
});

describe('npm audit JSON (npm 7+)', () => {
  it('counts advisories, each with its own severity, not the packages they pass through', () => {
    const result = readBothWays(report);
    expect(result.reader).toBe('npm-audit');
    expect(result.records.map((r) => [r.ruleId, r.severity, r.package?.name, r.cwes])).toEqual([
      ['GHSA-gxpj-cx7g-858c', 'medium', 'debug', ['CWE-400']],
      ['GHSA-9vvw-cc9w-f27h', 'high', 'debug', ['CWE-1333']],
    ]);
    expect(result.records[0]).toMatchObject({
      title: 'Regular Expression Denial of Service in debug',
      helpUri: 'https://github.com/advisories/GHSA-gxpj-cx7g-858c',
      identity: { aliases: ['npm-1094222'] },
      tags: ['direct'],
    });
    expect(result.records[0]!.description).toBe(
      'Vulnerable versions: <2.6.9. Installed at node_modules/debug. Reached through express. Fix: upgrade express ' +
        'to 4.18.3.\n\nAlso known as npm-1094222.',
    );
  });

  it('reads the early npm 7 advisories ({id, url, title, severity, vulnerable_versions}) and the audit fix wrapper', () => {
    const early = npmAuditReport({
      minimist: {
        name: 'minimist',
        severity: 'low',
        via: [
          {
            id: 1179,
            url: 'https://npmjs.com/advisories/1179',
            title: 'Prototype Pollution',
            severity: 'low',
            vulnerable_versions: '<0.2.1',
          },
        ],
        effects: [],
        nodes: ['node_modules/minimist'],
        fixAvailable: false,
      },
    });
    const wrapped = { added: 0, removed: 0, audit: early };
    expect(chooseReader(wrapped, 'fix.json')?.name).toBe('npm-audit');
    const [record] = readBothWays(wrapped).records;
    expect(record).toMatchObject({
      ruleId: 'npm-1179',
      severity: 'low',
      source: { record: '/audit/vulnerabilities/minimist/via/0' },
    });
    expect(record!.description).toContain(
      'Vulnerable versions: <0.2.1. Installed at node_modules/minimist. No fix available.',
    );
  });

  it('says how a fix is had, never "no fixed version" when npm names one', () => {
    const fixed = (fixAvailable: unknown) =>
      read(
        npmAuditReader,
        npmAuditReport({ debug: { name: 'debug', via: [advisory()], nodes: ['node_modules/debug'], fixAvailable } }),
      ).records[0]!.package;
    expect(fixed(true)).toMatchObject({ fix: 'npm audit fix', fixedVersion: undefined });
    expect(fixed({ name: 'express', version: '5.0.0', isSemVerMajor: true })).toMatchObject({
      fix: 'upgrade express to 5.0.0 (a major version)',
      fixedVersion: undefined,
    });
    // npm names the vulnerable package itself: that is its fixed version.
    expect(fixed({ name: 'debug', version: '2.6.9', isSemVerMajor: false })).toMatchObject({
      fixedVersion: '2.6.9',
      fix: undefined,
    });
    expect(fixed(false)).toMatchObject({ fix: undefined, fixedVersion: undefined });

    // The SARIF result's message says it as the record does.
    const messages = [true, { name: 'debug', version: '2.6.9' }, false].map((fixAvailable) => {
      const records = read(
        npmAuditReader,
        npmAuditReport({ debug: { name: 'debug', via: [advisory()], fixAvailable } }),
      ).records;
      const sarif = JSON.parse([...serializeSarif(buildSarif(dedupe(records)).plan)].join('')) as SarifLog;
      return sarif.runs[0]!.results[0]!.message.text.split('\n')[1];
    });
    expect(messages).toEqual([
      'Package: debug (fix: npm audit fix)',
      'Package: debug (fixed in 2.6.9)',
      'Package: debug (no fixed version yet)',
    ]);
  });

  it("maps npm's words: moderate is medium, info is info", () => {
    expect(['critical', 'high', 'moderate', 'low', 'info', 'none'].map(npmSeverity)).toEqual([
      'critical',
      'high',
      'medium',
      'low',
      'info',
      undefined,
    ]);
  });

  it('refuses vulnerabilities that are not an object, naming the file, whole or streamed', () => {
    const message =
      'reports/test.json: /vulnerabilities is an array, where npm audit writes an object keyed by package.';
    expect(() => read(npmAuditReader, { auditReportVersion: 2, vulnerabilities: [] })).toThrow(message);
    const listed = { auditReportVersion: 2, vulnerabilities: [{ name: 'debug', via: [advisory()] }] };
    expect(() => readBothWays(listed)).toThrow(message);
  });

  it('gives the same records streamed as whole, for scoped names and a package called __proto__', () => {
    const entry = (name: string) => ({ name, severity: 'moderate', via: [advisory({ name })], nodes: [] });
    const result = readBothWays(
      npmAuditReport({ '@scope/pkg': entry('@scope/pkg'), ['__proto__']: entry('__proto__'), 'a~b': entry('a~b') }),
    );
    expect(result.records.map((r) => [r.package?.name, r.source.record])).toEqual([
      ['@scope/pkg', '/vulnerabilities/@scope~1pkg/via/0'],
      ['__proto__', '/vulnerabilities/__proto__/via/0'],
      ['a~b', '/vulnerabilities/a~0b/via/0'],
    ]);
  });
});
