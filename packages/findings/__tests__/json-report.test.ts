import { describe, expect, it } from '@jest/globals';
import { analyse } from '../src/analyse.js';
import { parseBaseline } from '../src/baseline.js';
import {
  buildReport,
  failedFileEntry,
  fileEntry,
  type JsonReport,
  reportFinding,
  reportFindingJson,
  serializeReport,
} from '../src/json-report.js';
import type { Finding } from '../src/model.js';
import { readReportBytes } from '../src/read-report-file.js';
import { buildSarif } from '../src/sarif-writer.js';
import { parseSuppressionsYaml } from '../src/suppressions.js';
import {
  banditReport,
  banditResult,
  sarifLog,
  sarifResult,
  sarifRun,
  trivyReport,
  trivyVulnerability,
} from './support/documents.js';

const bytes = (doc: unknown) => Buffer.from(JSON.stringify(doc));
const suppressions = await parseSuppressionsYaml(
  '- cve: CVE-2024-0009\n  reason: no fix yet\n- rule: R9\n  reason: old\n  expires: 2020-01-01\n',
  'ignore.yml',
);

function run(baseline?: JsonReport) {
  const files = [
    readReportBytes(
      bytes(
        trivyReport([
          {
            Target: 'go.mod',
            Vulnerabilities: [
              trivyVulnerability(),
              trivyVulnerability({ VulnerabilityID: 'CVE-2024-0009', Severity: 'LOW' }),
            ],
          },
        ]),
      ),
      'out/trivy.json',
    ),
    readReportBytes(bytes(banditReport([banditResult(), banditResult()])), 'out/bandit.json'),
    readReportBytes(
      bytes(
        sarifLog([
          sarifRun({ name: 'Semgrep OSS' }, [sarifResult(), sarifResult({ suppressions: [{ kind: 'inSource' }] })]),
        ]),
      ),
      'out/semgrep.sarif',
    ),
  ];
  const policy = { failOn: 'high' as const, scope: 'new' as const };
  const analysis = analyse(files, {
    policy,
    suppressions,
    today: new Date('2026-01-01'),
    ...(baseline && { baseline: parseBaseline(baseline, 'base.json') }),
  });
  const sarif = buildSarif(analysis.findings, { tools: analysis.tools });
  const report = buildReport({
    generatedAt: new Date('2026-01-01T00:00:00Z'),
    policy,
    result: analysis.result,
    counts: analysis.counts,
    files: [
      ...files.map(fileEntry),
      failedFileEntry('out/broken.json', 'out/broken.json: the file is empty (0 bytes).'),
    ],
    findings: analysis.findings,
    fixed: analysis.fixed,
    expired: analysis.expired,
    unused: analysis.unused,
    dropped: sarif.dropped,
  });
  return JSON.parse([...serializeReport(report)].join('')) as JsonReport;
}

describe('the JSON report', () => {
  const report = run();

  it('lists every file with tool, format, raw and suppressed counts', () => {
    expect(report.files).toEqual([
      { path: 'out/trivy.json', tool: 'trivy', format: 'Trivy JSON (SchemaVersion 2)', raw: 2, suppressed: 0 },
      { path: 'out/bandit.json', tool: 'bandit', format: 'Bandit JSON (1.7.3 or later)', raw: 2, suppressed: 0 },
      { path: 'out/semgrep.sarif', tool: 'semgrep oss', format: 'SARIF 2.1.0 (1 run)', raw: 1, suppressed: 1 },
      {
        path: 'out/broken.json',
        tool: 'unknown',
        format: 'unreadable',
        raw: 0,
        suppressed: 0,
        error: 'out/broken.json: the file is empty (0 bytes).',
      },
    ]);
  });

  it('lists de-duplicated findings with fingerprint, tool, rule, title, severity, category, location, sources and status', () => {
    expect(Object.keys(report).slice(0, 6)).toEqual([
      'schemaVersion',
      'generatedAt',
      'policy',
      'counts',
      'files',
      'findings',
    ]);
    expect(report.findings).toHaveLength(4);
    const bandit = report.findings.find((f) => f.tool === 'bandit')!;
    expect(bandit).toEqual({
      fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
      tool: 'bandit',
      tools: ['bandit'],
      ruleId: 'B101',
      title: 'Use of assert detected.',
      severity: 'low',
      category: 'code',
      location: { path: 'app/check.py', startLine: 5, endLine: 5, startColumn: 5, endColumn: 17 },
      helpUri: 'https://bandit.readthedocs.io/en/1.9.4/plugins/b101_assert_used.html',
      sources: ['out/bandit.json#/results/0', 'out/bandit.json#/results/1'],
      status: 'new',
    });
    const suppressed = report.findings.find((f) => f.ruleId === 'CVE-2024-0009')!;
    expect(suppressed).toMatchObject({
      status: 'suppressed',
      suppression: { entry: 1, reason: 'no fix yet' },
      package: { name: 'openssl', version: '3.0.1', fixedVersion: '3.0.2' },
    });
  });

  it('has counts, policy, expired suppressions and the SARIF notes', () => {
    expect(report.counts).toEqual({
      total: 3,
      critical: 0,
      high: 1,
      medium: 1,
      low: 1,
      info: 0,
      new: 3,
      existing: 0,
      suppressed: 1,
      fixed: 0,
    });
    expect(report.policy).toEqual({
      failOn: 'high',
      scope: 'new',
      passed: false,
      summary: 'failed: 1 open new finding at or above high (1 high)',
    });
    expect(report.suppressions.expired).toEqual([
      { suppression: { entry: 2, rule: 'R9', reason: 'old', expires: '2020-01-01' }, matches: 0 },
    ]);
    expect(report.sarif).toEqual({ dropped: [], combinedTools: [] });
  });

  it('serves as the baseline of the next run', () => {
    const next = run(report);
    expect(next.findings.filter((f) => f.status !== 'suppressed').every((f) => f.status === 'existing')).toBe(true);
    expect(next.policy.passed).toBe(true);
  });

  it('writes each finding as reportFinding describes it', () => {
    const files = [readReportBytes(bytes(banditReport([banditResult()])), 'b.json')];
    const [finding] = analyse(files, { policy: { failOn: 'high', scope: 'all' }, today: new Date() }).findings;
    expect(JSON.parse(JSON.stringify(reportFinding(finding!)))).toEqual(
      expect.objectContaining({ sources: ['b.json#/results/0'] }),
    );
  });
});

describe('reportFindingJson', () => {
  const base: Finding = {
    fingerprint: '0123456789abcdef0123456789abcdef',
    aliases: [],
    tool: 'npm-audit',
    tools: ['npm-audit'],
    ruleId: 'GHSA-aaaa-bbbb-cccc',
    title: 'Prototype pollution in lodash',
    description: 'stays in the SARIF file',
    severity: 'high',
    category: 'vulnerability',
    location: { path: '' },
    package: { name: 'lodash', version: undefined, fixedVersion: undefined, fix: 'npm audit fix', purl: 'pkg:npm/x' },
    helpUri: 'https://github.com/advisories/GHSA-aaaa-bbbb-cccc',
    cwes: ['CWE-1321'],
    tags: undefined,
    sources: [{ file: 'npm-audit.json', tool: 'npm-audit', record: '/vulnerabilities/lodash/via/0' }],
    status: 'new',
    suppression: undefined,
  };
  const cases: [string, Finding][] = [
    ['a package finding', base],
    [
      'a code finding with every position',
      {
        ...base,
        category: 'code',
        package: undefined,
        helpUri: undefined,
        location: { path: 'src/a.py', startLine: 3, endLine: 4, startColumn: 1, endColumn: 9 },
      },
    ],
    ['a title with quotes, a backslash and a newline', { ...base, title: 'say "hi"\\n\nnext' }],
    ['a path with a lone surrogate', { ...base, location: { path: 'a\ud800b', startLine: 1 } }],
    ['a title with an emoji (a surrogate pair)', { ...base, title: 'rocket \u{1f680}' }],
    ['a control character in a source pointer', { ...base, sources: [{ ...base.sources[0]!, record: '/a\u0001b' }] }],
    [
      'a merged finding with aliases, two tools, two sources and a suppression',
      {
        ...base,
        aliases: ['fedcba9876543210fedcba9876543210'],
        tools: ['npm-audit', 'trivy'],
        sources: [...base.sources, { file: 'trivy.json', tool: 'trivy', record: '/Results/0/Vulnerabilities/2' }],
        status: 'suppressed',
        suppression: { entry: 2, reason: 'accepted "risk"', expires: '2027-01-01' },
      },
    ],
    ['a second tool without aliases', { ...base, tools: ['npm-audit', 'osv-scanner'] }],
    [
      'a package with every version',
      { ...base, package: { name: 'a', version: '1.0', fixedVersion: '1.1', fix: undefined } },
    ],
  ];

  it.each(cases)('writes %s as JSON.stringify writes its projection', (_, finding) => {
    expect(reportFindingJson(finding)).toBe(JSON.stringify(reportFinding(finding)));
  });

  it('writes the members it has in the schema order', () => {
    expect(reportFindingJson(base)).toBe(
      '{"fingerprint":"0123456789abcdef0123456789abcdef","tool":"npm-audit","tools":["npm-audit"],' +
        '"ruleId":"GHSA-aaaa-bbbb-cccc","title":"Prototype pollution in lodash","severity":"high",' +
        '"category":"vulnerability","location":{"path":""},"package":{"name":"lodash","fix":"npm audit fix"},' +
        '"helpUri":"https://github.com/advisories/GHSA-aaaa-bbbb-cccc",' +
        '"sources":["npm-audit.json#/vulnerabilities/lodash/via/0"],"status":"new"}',
    );
  });
});
