// The worker-to-main-thread codec: every record shape every reader produces comes back deep-equal, undefined
// staying undefined, after a real structured clone with the typed arrays transferred.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { contentIdentity, findingRecord, packageIdentity, type FindingRecord } from '../src/model.js';
import { readReportBytes, readReportFile, type ReportFile } from '../src/read-report-file.js';
import {
  StringTable,
  decodeReportFile,
  decodeStrings,
  encodeReportFile,
  transferList,
} from '../src/record-transfer.js';
import { writeBanditReport, writeGitleaksReport, writeSarifReport, writeTrivyReport } from '@actions-kit/testkit';
import {
  banditReport,
  banditResult,
  gitleaksV8,
  sarifLog,
  sarifResult,
  sarifRun,
  trivyMisconfiguration,
  trivyReport,
  trivyVulnerability,
} from './support/documents.js';

/** What the main thread gets: the message as postMessage delivers it, typed arrays moved rather than copied. */
function roundTrip(file: ReportFile): ReportFile {
  const message = encodeReportFile(file);
  const received = structuredClone(message, { transfer: transferList(message) });
  expect(message.strings.byteLength).toBe(0); // transferred: the sender's copy is gone
  return decodeReportFile(received);
}

const misconfiguration = trivyMisconfiguration();
const trivySecret = {
  RuleID: 'aws-access-key-id',
  Category: 'AWS',
  Severity: 'CRITICAL',
  Title: 'AWS Access Key ID',
  StartLine: 3,
  EndLine: 3,
  Match: 'export KEY=********************',
};
const licences = [
  { Severity: 'HIGH', Category: 'restricted', PkgName: 'musl', FilePath: '', Name: 'GPL-2.0', Link: '' },
  { Severity: 'LOW', Category: 'notice', PkgName: '', FilePath: 'LICENSE', Name: 'MIT', Link: 'https://spdx.org/MIT' },
];
const gitleaksV7 = {
  line: '  aws_key = "AKIAIOSFODNN7EXAMPLE"',
  lineNumber: 13,
  offender: 'AKIAIOSFODNN7EXAMPLE',
  commit: '6d127980966808f7413935678e079dcd7fedf9c2',
  leakURL: '',
  rule: 'AWS Access Key',
  file: 'config/settings.py',
  date: '2021-07-15T22:00:32+07:00',
  tags: 'key, AWS',
};

/** One document per reader and shape: every optional field present somewhere and absent somewhere. */
const DOCUMENTS: [string, unknown][] = [
  [
    'Trivy: vulnerabilities with and without purl, fixed version and CWEs; suppressed (modified) findings',
    trivyReport([
      {
        Target: 'package-lock.json',
        Class: 'lang-pkgs',
        Type: 'npm',
        Vulnerabilities: [
          trivyVulnerability({ PkgIdentifier: { PURL: 'pkg:npm/openssl@3.0.1' }, PkgPath: 'node_modules/openssl' }),
          trivyVulnerability({ VulnerabilityID: 'CVE-2024-0002', FixedVersion: '', CweIDs: undefined, Title: '' }),
          trivyVulnerability({ VulnerabilityID: 'CVE-2024-0003', InstalledVersion: '', Description: undefined }),
        ],
        ExperimentalModifiedFindings: [
          { Type: 'vulnerability', Status: 'ignored', Finding: trivyVulnerability({ VulnerabilityID: 'CVE-2020-1' }) },
        ],
      },
    ]),
  ],
  [
    'Trivy: misconfigurations, secrets and licences (package and file)',
    trivyReport([
      { Target: 'Dockerfile', Class: 'config', Type: 'dockerfile', Misconfigurations: [misconfiguration] },
      {
        Target: 'Dockerfile',
        Class: 'config',
        Misconfigurations: [{ ...misconfiguration, CauseMetadata: {}, Message: undefined }],
      },
      { Target: 'deploy.sh', Class: 'secret', Secrets: [trivySecret, { ...trivySecret, Category: undefined }] },
      { Target: 'OS Packages', Class: 'license', Licenses: licences },
    ]),
  ],
  [
    'Trivy: old k8s report (namespaces in paths)',
    {
      ClusterName: 'prod',
      Misconfigurations: [
        {
          Namespace: 'shop',
          Kind: 'Deployment',
          Name: 'web',
          Results: [{ Target: 'Deployment/web', Class: 'config', Misconfigurations: [misconfiguration] }],
        },
      ],
    },
  ],
  [
    'Bandit: with and without CWE, columns and line range; errors as notes',
    {
      ...banditReport([
        banditResult(),
        banditResult({ issue_cwe: undefined, col_offset: undefined, end_col_offset: undefined, line_range: [] }),
        banditResult({ test_name: undefined, issue_confidence: undefined, more_info: undefined, code: undefined }),
      ]),
      errors: [{ filename: 'app/broken.py', reason: 'syntax error while parsing AST from file' }],
    },
  ],
  [
    'Gitleaks v8: with and without tags, commit and columns',
    [
      gitleaksV8({ Tags: ['key', 'github'] }),
      gitleaksV8({ Commit: '', Date: '', StartColumn: undefined, EndColumn: undefined, File: 'other.sh' }),
    ],
  ],
  ['Gitleaks v7 and v4', [gitleaksV7, { ...gitleaksV7, lineNumber: undefined, tags: '' }]],
  [
    'SARIF: several runs, fingerprints, tags, CWEs, suppressions, a version note, non-ASCII text',
    {
      ...sarifLog([
        sarifRun(
          {
            name: 'Semgrep',
            rules: [
              {
                id: 'R1',
                helpUri: 'https://semgrep.dev/r/R1',
                properties: { tags: ['security', 'CWE-79: XSS'], 'security-severity': '7.5' },
              },
            ],
          },
          [
            sarifResult({ fingerprints: { 'matchBasedId/v1': 'abc' } }),
            sarifResult({
              message: { text: 'Ünïcödé — 😀 in a message' },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: 'src/ü.js' },
                    region: { startLine: 1, endLine: 2, startColumn: 3, endColumn: 4, snippet: { text: 'x()' } },
                  },
                },
              ],
            }),
            sarifResult({ suppressions: [{ kind: 'external' }] }),
            sarifResult({ locations: [] }),
          ],
        ),
        sarifRun({ name: 'gitleaks' }, [sarifResult({ ruleId: 'aws-key', properties: { tags: ['secret'] } })]),
      ]),
      version: '2.0.0',
    },
  ],
  ['an empty report (no reader)', []],
  ['Trivy: null Results', trivyReport([], { Results: null })],
];

describe('encodeReportFile / decodeReportFile', () => {
  it('are tried on documents that hold every shape of record', () => {
    const files = DOCUMENTS.map(([, doc]) => readReportBytes(Buffer.from(JSON.stringify(doc)), 'reports/doc.json'));
    const records = files.flatMap((file) => [...file.records, ...file.suppressed]);
    const both = (has: (r: FindingRecord) => boolean) => [records.some(has), records.some((r) => !has(r))];
    const content = records.flatMap((r) => (r.identity.kind === 'content' ? [r.identity] : []));
    const contentBoth = (field: 'snippet' | 'toolFingerprint' | 'line' | 'detail' | 'scope') => [
      content.some((i) => i[field] !== undefined),
      content.some((i) => i[field] === undefined),
    ];

    expect(new Set(files.map((file) => file.reader))).toEqual(
      new Set(['trivy', 'bandit', 'gitleaks', 'sarif', undefined]),
    );
    expect(both((r) => r.identity.kind === 'package')).toEqual([true, true]);
    expect(both((r) => r.package !== undefined)).toEqual([true, true]);
    expect(both((r) => r.package?.purl !== undefined)).toEqual([true, true]);
    expect(both((r) => r.package?.fixedVersion !== undefined)).toEqual([true, true]);
    for (const field of ['description', 'helpUri', 'cwes', 'tags'] as const) {
      expect([field, ...both((r) => r[field] !== undefined)]).toEqual([field, true, true]);
    }
    for (const field of ['startLine', 'endLine', 'startColumn', 'endColumn'] as const) {
      expect([field, ...both((r) => r.location[field] !== undefined)]).toEqual([field, true, true]);
    }
    for (const field of ['snippet', 'toolFingerprint', 'line', 'detail', 'scope'] as const) {
      expect([field, ...contentBoth(field)]).toEqual([field, true, true]);
    }
    expect(files.filter((file) => file.suppressed.length > 0).map((file) => file.reader)).toEqual(['trivy', 'sarif']);
    expect(files.filter((file) => file.notes.length > 0).map((file) => file.reader)).toEqual(['bandit', 'sarif']);
  });

  it.each(DOCUMENTS)('give back what was read, read whole and streamed: %s', (_what, doc) => {
    const bytes = Buffer.from(JSON.stringify(doc, null, 2));
    for (const file of [
      readReportBytes(bytes, 'reports/doc.json', { root: '/work' }),
      readReportBytes(bytes, 'reports/doc.json', { streamThreshold: 0 }),
    ]) {
      expect(roundTrip(file)).toStrictEqual(file);
    }
  });

  it('covers every optional field of the model present and absent, and keeps empty strings and zeros', () => {
    const everything = findingRecord({
      tool: 'semgrep',
      ruleId: 'R1',
      title: '',
      description: 'd',
      severity: 'info',
      category: 'code',
      location: { path: 'a.js', startLine: 0, endLine: 2 ** 40, startColumn: 3, endColumn: 4 },
      package: { name: 'p', version: '', fixedVersion: '2', fix: 'npm audit fix', purl: 'pkg:npm/p@1' },
      identity: contentIdentity({
        rule: 'R1',
        path: 'a.js',
        snippet: '',
        toolFingerprint: 'fp',
        line: 0,
        detail: 'de\u0000tail',
        scope: 'c0ffee',
        secret: 'digest-of-the-secret',
      }),
      source: { file: 'r.sarif', tool: 'semgrep', record: '/runs/0/results/0' },
      helpUri: 'https://x',
      cwes: [],
      tags: ['a', 'b', 'a'],
    });
    const nothing = findingRecord({
      tool: 'trivy',
      ruleId: 'CVE-1',
      title: 't',
      severity: 'critical',
      category: 'license',
      location: { path: '' },
      identity: packageIdentity({ ids: ['CVE-1', 'GHSA-1'], package: '', version: '', target: 't' }),
      source: { file: 'r.json', tool: 'trivy', record: '/0' },
    });
    const aliased = findingRecord({
      ...nothing,
      identity: packageIdentity({ ids: ['PYSEC-1'], package: 'p', version: '1', target: '', aliases: ['CVE-1'] }),
    });
    const file: ReportFile = {
      tools: ['semgrep', 'trivy'],
      format: 'made up',
      records: [everything, nothing],
      suppressed: [nothing, aliased],
      notes: ['a note'],
      path: 'r.json',
      bytes: 10,
      streamed: false,
    };
    const back = roundTrip(file);
    expect(back).toStrictEqual(file);
    expect('reader' in back).toBe(false);
    expect(roundTrip({ ...file, reader: 'sarif', streamed: true })).toStrictEqual({
      ...file,
      reader: 'sarif',
      streamed: true,
    });
  });

  it('rebuilds records with the model builders: the same keys in the same order, lists shared as they were', () => {
    const bytes = Buffer.from(JSON.stringify(DOCUMENTS[0]![1]));
    const file = readReportBytes(bytes, 'reports/trivy.json');
    const back = roundTrip(file);
    const shape = (r: FindingRecord) => [
      Object.keys(r),
      Object.keys(r.location),
      Object.keys(r.identity),
      Object.keys(r.package ?? {}),
      Object.keys(r.source),
    ];
    expect(back.records.map(shape)).toEqual(file.records.map(shape));
    // The readers give records of one Result the same tags list; so does the decoder.
    expect(file.records[0]!.tags).toBe(file.records[1]!.tags);
    expect(back.records[0]!.tags).toBe(back.records[1]!.tags);
  });

  it('returns no record twice and keeps records and suppressed apart', () => {
    const file = readReportBytes(Buffer.from(JSON.stringify(DOCUMENTS[6]![1])), 'reports/s.sarif');
    const back = roundTrip(file);
    expect(back.records).toHaveLength(file.records.length);
    expect(back.suppressed).toHaveLength(1);
    expect(new Set([...back.records, ...back.suppressed]).size).toBe(file.records.length + 1);
  });
});

describe('encodeReportFile / decodeReportFile on generated reports', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'record-transfer-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['trivy.json', (file: string) => writeTrivyReport(file, 300, 3)],
    ['bandit.json', (file: string) => writeBanditReport(file, 300)],
    ['gitleaks.json', (file: string) => writeGitleaksReport(file, 300)],
    ['semgrep.sarif', (file: string) => writeSarifReport(file, 300)],
  ])('give back every record of %s, read whole and streamed', (name, write) => {
    const file = path.join(dir, name);
    write(file);
    for (const streamThreshold of [Infinity, 0]) {
      const read = readReportFile(file, { displayPath: name, streamThreshold });
      expect(read.records.length).toBeGreaterThan(0);
      expect(roundTrip(read)).toStrictEqual(read);
    }
  });
});

describe('StringTable texts', () => {
  // Small texts stand for V8's maximum string length, which one report's distinct strings may pass.
  const values = ['alpha', '', 'beta', 'a string longer than a text', '', 'z', 'gamma', ''];

  it.each([1, 4, 6, 12, 1_000])('give every string back, none cut, with texts of %i characters', (textChars) => {
    const table = new StringTable(1);
    const indexes = values.map((value) => table.unique(value));
    const encoded = table.encode(textChars);
    const decoded = decodeStrings(encoded.texts, encoded.stringEnds);
    expect(indexes.map((index) => decoded[index])).toEqual(values);
    expect(decoded[0]).toBeUndefined();
    // Only a string longer than a text makes a text longer than asked.
    for (const text of encoded.texts) {
      expect(text.length <= textChars || values.includes(text)).toBe(true);
    }
    if (textChars < 12) expect(encoded.texts.length).toBeGreaterThan(1);
  });

  it('refuses texts that do not hold the strings their ends point into', () => {
    expect(() => decodeStrings(['ab'], Uint32Array.from([2, 5]))).toThrow(
      'record transfer: the string table does not match its texts',
    );
  });
});
