// The job summary as a pure function of the analysis: what it shows, how it links, and that report text stays text.
import { describe, expect, it } from '@jest/globals';
import { SUMMARY_LIMIT_BYTES, oneLine } from '@actions-kit/core';
import { renderedText } from '@actions-kit/testkit';
import type { ReportFileEntry } from '@actions-kit/findings';
import { blobBaseFromEnv, buildSummary, type SummaryView } from '../src/summary.js';
import { HOSTILE_TITLES, analyseReports, banditReport, gitleaksReport, trivyReport } from './sample-reports.js';

const BASE = { serverUrl: 'https://github.com', repository: 'octo-org/app', sha: 'a'.repeat(40) };

function view(overrides: Partial<SummaryView> = {}): SummaryView {
  const analysis = analyseReports({
    'out/bandit.json': banditReport([
      { id: 'B602', severity: 'HIGH', text: 'subprocess call with shell=True', file: 'app/run.py', line: 7 },
      { id: 'B311', severity: 'LOW', text: 'random is not for security', file: 'app/tokens.py', line: 3 },
    ]),
    'out/trivy.json': trivyReport('package-lock.json', [
      {
        id: 'CVE-2024-0001',
        pkg: 'lodash',
        version: '4.17.0',
        fixed: '4.17.21',
        severity: 'CRITICAL',
        title: 'lodash: prototype pollution',
      },
    ]),
  });
  const files: ReportFileEntry[] = [
    { path: 'out/bandit.json', tool: 'bandit', format: 'Bandit JSON (1.7.3 or later)', raw: 2, suppressed: 0 },
    { path: 'out/trivy.json', tool: 'trivy', format: 'Trivy JSON (SchemaVersion 2)', raw: 1, suppressed: 0 },
  ];
  return {
    policy: { failOn: 'high', scope: 'new' },
    analysis,
    files,
    unmatchedReports: [],
    skippedReports: [],
    sarif: { dropped: [], combinedTools: [], file: 'security-scan.sarif' },
    reportFile: 'security-scan.json',
    annotationsOmitted: '',
    ...overrides,
  };
}

describe('buildSummary', () => {
  it('shows the verdict and a severity × tool table of open findings', () => {
    const text = buildSummary(view()).toString();

    expect(text).toContain('## Security scan: ❌ failed');
    expect(text).toContain('| Tool | Critical | High | Medium | Low | Info | Open | Suppressed |');
    expect(text).toContain('| bandit | 0 | 1 | 0 | 1 | 0 | 2 | 0 |');
    expect(text).toContain('| trivy | 1 | 0 | 0 | 0 | 0 | 1 | 0 |');
    expect(text).toContain('| All tools | 1 | 1 | 0 | 1 | 0 | 3 | 0 |');
  });

  it('counts open findings per tool and severity and suppressed ones per tool, listing tools without findings', () => {
    const analysis = analyseReports(
      {
        'out/bandit.json': banditReport([
          { id: 'B602', severity: 'HIGH', text: 'shell=True', file: 'app/run.py', line: 7 },
          { id: 'B602', severity: 'HIGH', text: 'shell=True', file: 'app/jobs.py', line: 2 },
          { id: 'B307', severity: 'MEDIUM', text: 'eval', file: 'app/calc.py', line: 9 },
          { id: 'B311', severity: 'LOW', text: 'random', file: 'app/tokens.py', line: 3 },
        ]),
        'out/gitleaks.json': gitleaksReport([
          { rule: 'aws-access-token', file: 'conf/settings.py', line: 2, match: 'AKIAFAKE' },
        ]),
        'out/trivy.json': trivyReport('package-lock.json', [
          { id: 'CVE-2024-0001', pkg: 'lodash', version: '4.17.0', severity: 'CRITICAL', title: 'pollution' },
          { id: 'CVE-2024-0002', pkg: 'lodash', version: '4.17.0', severity: 'UNKNOWN', title: 'unknown' },
        ]),
      },
      { suppressions: [{ entry: 1, rule: 'B602', path: 'app/jobs.py', reason: 'fixture' }] },
    );
    const text = buildSummary(view({ analysis: { ...analysis, tools: [...analysis.tools, 'zap'] } })).toString();

    expect(text).toContain(
      [
        '| Tool | Critical | High | Medium | Low | Info | Open | Suppressed |',
        '| --- | --- | --- | --- | --- | --- | --- | --- |',
        '| bandit | 0 | 1 | 1 | 1 | 0 | 3 | 1 |',
        '| gitleaks | 0 | 1 | 0 | 0 | 0 | 1 | 0 |',
        '| trivy | 1 | 0 | 0 | 0 | 1 | 2 | 0 |',
        '| zap | 0 | 0 | 0 | 0 | 0 | 0 | 0 |',
        '| All tools | 1 | 2 | 1 | 1 | 1 | 6 | 1 |',
      ].join('\n'),
    );
  });

  it('leaves out the all-tools row for one tool and says when no report was read', () => {
    const one = analyseReports({
      'out/bandit.json': banditReport([{ id: 'B311', severity: 'LOW', text: 'random', file: 'a.py', line: 1 }]),
    });
    const oneTool = buildSummary(view({ analysis: one })).toString();
    expect(oneTool).toContain('| bandit | 0 | 0 | 0 | 1 | 0 | 1 | 0 |');
    expect(oneTool).not.toContain('All tools');

    const none = analyseReports({});
    expect(buildSummary(view({ analysis: none, files: [] })).toString()).toContain(
      'No report was read, so there is no finding to show.',
    );
  });

  it('says passed when the policy passed', () => {
    const passing = view();
    const analysis = analyseReports(
      { 'out/bandit.json': banditReport([{ id: 'B311', severity: 'LOW', text: 'random', file: 'a.py', line: 1 }]) },
      { policy: { failOn: 'high', scope: 'new' } },
    );
    expect(buildSummary({ ...passing, analysis }).toString()).toContain('## Security scan: ✅ passed');
  });

  it('lists the top findings most severe first, with blob links to file:line when the commit is known', () => {
    const text = buildSummary(view({ blobBase: BASE })).toString();
    const rows = text.split('\n').filter((line) => /^\| (❌ fails|below high) \|/.test(line));

    expect(rows.map((row) => row.split(' | ').slice(0, 2))).toEqual([
      ['| ❌ fails', 'Critical'],
      ['| ❌ fails', 'High'],
      ['| below high', 'Low'],
    ]);
    expect(text).toContain(`](https://github.com/octo-org/app/blob/${'a'.repeat(40)}/app/run.py#L7)`);
    // A package finding points at its manifest, without a line.
    expect(text).toContain(`](https://github.com/octo-org/app/blob/${'a'.repeat(40)}/package-lock.json)`);
  });

  it('puts the findings that fail the policy first, marked, with a Status column only when there is a baseline', () => {
    const reports = {
      'out/bandit.json': banditReport([
        { id: 'B602', severity: 'HIGH', text: 'shell=True', file: 'app/run.py', line: 7 },
        { id: 'B311', severity: 'LOW', text: 'random', file: 'app/tokens.py', line: 3 },
      ]),
      'out/trivy.json': trivyReport('package-lock.json', [
        { id: 'CVE-2024-0001', pkg: 'lodash', version: '4.17.0', severity: 'CRITICAL', title: 'pollution' },
      ]),
    };
    const first = analyseReports(reports);
    const critical = first.findings.find((f) => f.ruleId === 'CVE-2024-0001')!;
    // The critical finding is in the baseline, so with fail-on-scope: new only the new high one fails.
    const analysis = analyseReports(reports, {
      baseline: { file: 'baseline.json', findings: [{ ...critical, location: { ...critical.location } }] },
    });
    const rows = (text: string): string[] => text.split('\n').filter((line) => /^\| (❌|below|in the)/.test(line));

    const withBaseline = buildSummary(view({ analysis, baseline: 'baseline.json' })).toString();
    expect(withBaseline).toContain('| Policy | Severity | Status | Tool | Rule | Finding | Location |');
    expect(rows(withBaseline).map((row) => row.split(' | ').slice(0, 4))).toEqual([
      ['| ❌ fails', 'High', 'new', 'bandit'],
      ['| in the baseline', 'Critical', 'existing', 'trivy'],
      ['| below high', 'Low', 'new', 'bandit'],
    ]);

    const without = buildSummary(view({ analysis: first })).toString();
    expect(without).toContain('| Policy | Severity | Tool | Rule | Finding | Location |');
    expect(without).not.toMatch(/\| new \|/);
  });

  it('links a rule to its help page when the report gives one', () => {
    const text = buildSummary(view()).toString();
    expect(text).toContain('| [B602](https://bandit.readthedocs.io/en/latest/plugins/b602.html) |');
    expect(text).toContain('| [CVE-2024-0001](https://avd.aquasec.com/nvd/cve-2024-0001) |');
  });

  it('shows plain file:line text without a commit to link to', () => {
    const text = buildSummary(view()).toString();
    expect(text).toContain('| app/run.py:7 |');
    expect(text).not.toContain('](https://github.com/');
  });

  it('keeps only the configured number of top findings and says where the rest are', () => {
    const text = buildSummary(view({ topFindings: 1 })).toString();
    expect(text).toContain('### Top 1 of 3 open findings');
    expect(text).toContain('The other 2 are in security-scan.json');
  });

  it('shows new, existing and fixed with a baseline, and says every finding is new without one', () => {
    const without = buildSummary(view()).toString();
    expect(without).toContain('No baseline was given, so every open finding is new');

    const base = view();
    const withBaseline = buildSummary({
      ...base,
      baseline: 'baseline.json',
      analysis: {
        ...base.analysis,
        counts: { ...base.analysis.counts, new: 1, existing: 2, fixed: 1 },
        fixed: [
          {
            fingerprint: 'f'.repeat(32),
            aliases: [],
            tool: 'bandit',
            ruleId: 'B105',
            title: 'hard-coded password',
            severity: 'low',
            category: 'code',
            location: { path: 'app/old.py', startLine: 4 },
          },
        ],
      },
    }).toString();
    expect(withBaseline).toContain('| New | Existing | Fixed |');
    expect(withBaseline).toContain('| 1 | 2 | 1 |');
    expect(withBaseline).toContain('<summary>1 finding of the baseline no longer found</summary>');
    expect(withBaseline).toContain('- low B105 (bandit): hard-coded password at app/old.py:4\n');
  });

  it('names a missing baseline that allow-missing let through', () => {
    const text = buildSummary(view({ missingBaseline: 'main/security-scan.json' })).toString();
    expect(text).toContain('The baseline main/security-scan.json does not exist');
  });

  it('lists expired and unused suppressions', () => {
    const analysis = analyseReports(
      { 'out/bandit.json': banditReport([{ id: 'B602', severity: 'HIGH', text: 'shell', file: 'a.py', line: 1 }]) },
      {
        suppressions: [
          { entry: 1, rule: 'B602', reason: 'accepted until the rewrite', expires: '2026-01-31' },
          { entry: 2, cve: 'CVE-2020-0001', reason: 'not reachable' },
        ],
      },
    );
    const text = buildSummary(view({ analysis })).toString();

    expect(text).toContain('### Suppressions to review');
    expect(text).toContain(
      '- entry 1 (rule B602) expired after 2026-01-31: 1 open finding matches it. Reason given: accepted until the rewrite\n',
    );
    expect(text).toContain('- entry 2 (cve CVE-2020-0001); remove it if the problem is gone\n');
  });

  it('lists the files read with their raw counts, and an unreadable one with its error', () => {
    const files: ReportFileEntry[] = [
      ...view().files,
      {
        path: 'out/broken.json',
        tool: 'unknown',
        format: 'unreadable',
        raw: 0,
        suppressed: 0,
        error: 'out/broken.json: not valid JSON: unexpected end of input at byte 12',
      },
    ];
    const text = buildSummary(view({ files, unmatchedReports: ['out/semgrep-*.sarif'] })).toString();

    expect(text).toContain('| out/bandit.json | bandit | Bandit JSON (1.7.3 or later) | 2 | 0 |  |');
    expect(text).toContain(
      '| out/broken.json | unknown | unreadable | 0 | 0 | Not read: out/broken.json: not valid JSON',
    );
    expect(text).toContain(
      '1 report could not be read and was left out (strict: false); its findings are not counted.',
    );
    expect(text).toContain("No file matched 'out/semgrep-\\*.sarif' (allowed by allow-missing).");
  });

  it('says how many SARIF results were dropped at the per-run limit, and annotations left out', () => {
    const text = buildSummary(
      view({
        sarif: {
          dropped: [{ tool: 'trivy', count: 12, bySeverity: { low: 10, info: 2 } }],
          combinedTools: [],
          file: 'security-scan.sarif',
        },
        annotationsOmitted: '2 errors not shown as annotations (the limit per step was reached).',
      }),
    ).toString();

    expect(text).toContain('12 results were left out of the SARIF file');
    expect(text).toContain('25,000 results per run: trivy: 12 (10 low, 2 info).');
    expect(text).toContain('2 errors not shown as annotations');
  });

  it.each(HOSTILE_TITLES)('renders the finding title %j as text', (title) => {
    const analysis = analyseReports({
      'out/bandit.json': banditReport([{ id: 'B602', severity: 'HIGH', text: title, file: 'app/x.py', line: 2 }]),
    });
    const text = buildSummary(view({ analysis, blobBase: BASE })).toString();

    // The summary is a file: the runner reads no workflow command from it. Markup is what must not pass.
    expect(text).not.toContain('<script>');
    expect(text).not.toMatch(/^::/m);
    const row = text.split('\n').find((line) => line.includes('B602'));
    expect(renderedText(row ?? '')).toContain(`| ${oneLine(title).trim()} |`);
  });

  it('escapes the < of an HTML title, and nothing else of it', () => {
    const analysis = analyseReports({
      'out/bandit.json': banditReport([
        { id: 'B602', severity: 'HIGH', text: '<script>alert(1)</script>', file: 'app/x.py', line: 2 },
      ]),
    });
    expect(buildSummary(view({ analysis })).toString()).toContain('| &lt;script>alert(1)&lt;/script> |');
  });

  it('stays within 1 MiB however many files were read, saying what was cut', () => {
    const files: ReportFileEntry[] = Array.from({ length: 20_000 }, (_, i) => ({
      path: `reports/part-${i}.sarif`,
      tool: 'semgrep',
      format: 'SARIF 2.1.0 (1 run)',
      raw: i,
      suppressed: 0,
      notes: ['x'.repeat(40)],
    }));
    const text = buildSummary(view({ files })).toString();

    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES);
    expect(text).toMatch(/> Summary truncated: \d+ bytes left out/);
  });
});

describe('blobBaseFromEnv', () => {
  it('takes the server, repository and commit of the run', () => {
    expect(
      blobBaseFromEnv({
        GITHUB_SERVER_URL: 'https://github.example.com/',
        GITHUB_REPOSITORY: 'octo-org/app',
        GITHUB_SHA: 'b'.repeat(40),
      }),
    ).toEqual({ serverUrl: 'https://github.example.com', repository: 'octo-org/app', sha: 'b'.repeat(40) });
  });

  it.each([
    [{ GITHUB_REPOSITORY: 'octo-org/app', GITHUB_SHA: 'b'.repeat(40) }],
    [{ GITHUB_SERVER_URL: 'https://github.com', GITHUB_SHA: 'b'.repeat(40) }],
    [{ GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'octo-org/app' }],
    [{ GITHUB_SERVER_URL: 'javascript:alert(1)', GITHUB_REPOSITORY: 'octo-org/app', GITHUB_SHA: 'b'.repeat(40) }],
    [{ GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'a/b) [x](y', GITHUB_SHA: 'b'.repeat(40) }],
  ])('gives no links when part of it is missing or malformed: %j', (env) => {
    expect(blobBaseFromEnv(env)).toBeUndefined();
  });
});
