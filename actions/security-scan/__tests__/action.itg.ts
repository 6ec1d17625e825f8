// The bundled security-scan action run through the harness under Node 20 and Node 24, on small reports each test
// writes to a temp workspace: outputs, the SARIF file and JSON report, the policy, bad input, hostile report text.
// Needs `pnpm build` first. The Node 24 binary is resolved inside each test, so a missing one fails them.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { node24Path, runBundledAction, type StepResult } from '@actions-kit/harness';
import { HOSTILE_TITLES, banditReport, gitleaksReport, trivyReport, type BanditIssue } from './sample-reports.js';
import { tempWorkspace, type TempWorkspace } from './temp-workspace.js';

const actionDir = fileURLToPath(new URL('..', import.meta.url));

const OUTPUT_NAMES = [
  'total',
  'critical',
  'high',
  'medium',
  'low',
  'info',
  'existing',
  'fixed',
  'new',
  'suppressed',
  'passed',
  'sarif-file',
  'report-file',
];

const annotationsOf = (step: StepResult, level: 'error' | 'warning' | 'notice'): string[] =>
  step.annotations.filter((a) => a.level === level).map((a) => a.message);

const readJson = (file: string): Record<string, unknown> => JSON.parse(readFileSync(file, 'utf8'));

const SHELL: BanditIssue = {
  id: 'B602',
  severity: 'HIGH',
  text: 'subprocess call with shell=True',
  file: 'app/run.py',
  line: 7,
};
const EVAL: BanditIssue = { id: 'B307', severity: 'MEDIUM', text: 'use of eval', file: 'app/calc.py', line: 3 };
const RANDOM: BanditIssue = {
  id: 'B311',
  severity: 'LOW',
  text: 'random is not for security',
  file: 'app/tokens.py',
  line: 2,
};
const LEAK = { rule: 'aws-access-token', file: 'app/settings.py', line: 4, match: 'AKIAFAKE7TESTKEY2345' };
const CVE = {
  id: 'CVE-2024-0001',
  pkg: 'lodash',
  version: '4.17.0',
  fixed: '4.17.21',
  severity: 'CRITICAL',
  title: 'lodash: prototype pollution',
} as const;

describe.each([
  ['Node 20', (): string => process.execPath],
  ['Node 24', node24Path],
])('security-scan under %s', (_label, nodePath) => {
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = tempWorkspace();
  });
  afterEach(() => ws.remove());

  const run = (inputs: Record<string, string>) =>
    runBundledAction({ actionDir, nodePath: nodePath(), workspace: ws.dir, inputs });

  /** Bandit (high, medium, low), Trivy (critical) and one secret that two Gitleaks reports both hold. */
  const writeMixedReports = (): void => {
    ws.write('out/bandit.json', banditReport([SHELL, EVAL, RANDOM]));
    ws.write('out/trivy.json', trivyReport('package-lock.json', [CVE]));
    ws.write('out/gitleaks-a.json', gitleaksReport([LEAK]));
    ws.write('out/gitleaks-b.json', gitleaksReport([LEAK]));
  };

  it('sets every output and writes a SARIF file and a JSON report that say the same', async () => {
    writeMixedReports();
    const result = await run({ reports: 'out/*.json', 'fail-on': 'none' });

    expect(result.outcome).toBe('success');
    expect(result.outputs).toEqual({
      total: '5',
      critical: '1',
      high: '2',
      medium: '1',
      low: '1',
      info: '0',
      new: '5',
      existing: '0',
      fixed: '0',
      suppressed: '0',
      passed: 'true',
      'sarif-file': path.join(ws.dir, 'security-scan.sarif'),
      'report-file': path.join(ws.dir, 'security-scan.json'),
    });

    const sarif = readJson(result.outputs['sarif-file']!) as {
      version: string;
      runs: { automationDetails: { id: string }; results: { partialFingerprints: object; locations: unknown[] }[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs.map((r) => [r.automationDetails.id, r.results.length])).toEqual([
      ['security-scan/bandit/', 3],
      ['security-scan/gitleaks/', 1],
      ['security-scan/trivy/', 1],
    ]);
    for (const sarifResult of sarif.runs.flatMap((r) => r.results)) {
      expect(sarifResult.locations).toHaveLength(1);
      expect(sarifResult.partialFingerprints).toHaveProperty('primaryLocationLineHash');
    }

    const report = readJson(result.outputs['report-file']!) as {
      files: { path: string; tool: string; raw: number }[];
      findings: { ruleId: string; severity: string; sources: string[] }[];
    };
    expect(report.files.map((f) => [f.path, f.tool, f.raw])).toEqual([
      ['out/bandit.json', 'bandit', 3],
      ['out/gitleaks-a.json', 'gitleaks', 1],
      ['out/gitleaks-b.json', 'gitleaks', 1],
      ['out/trivy.json', 'trivy', 1],
    ]);
    const secret = report.findings.filter((f) => f.ruleId === 'aws-access-token');
    expect(secret).toHaveLength(1);
    expect(secret[0]!.sources).toEqual(['out/gitleaks-a.json#/0', 'out/gitleaks-b.json#/0']);
    expect(report.findings.map((f) => f.severity)).toEqual(['critical', 'high', 'high', 'medium', 'low']);
  });

  it('summarises severities per tool, the top findings with links, and the files read', async () => {
    writeMixedReports();
    const result = await run({ reports: 'out/*.json', 'fail-on': 'none' });

    expect(result.summary).toContain('## Security scan: ✅ passed');
    expect(result.summary).toContain('| gitleaks | 0 | 1 | 0 | 0 | 0 | 1 | 0 |');
    expect(result.summary).toContain('| All tools | 1 | 2 | 1 | 1 | 0 | 5 | 0 |');
    // The harness' GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_SHA.
    expect(result.summary).toContain(
      '](https://github.com/octo-org/octo-repo/blob/0123456789abcdef0123456789abcdef01234567/app/run.py#L7)',
    );
    expect(result.summary).toContain('| out/gitleaks-b.json | gitleaks | Gitleaks JSON v8 | 1 | 0 |  |');
  });

  it('annotates code and secret findings on their lines, not package findings', async () => {
    writeMixedReports();
    const result = await run({ reports: 'out/*.json', 'fail-on': 'none' });

    expect(result.annotations.map((a) => [a.level, a.properties.file, a.properties.line])).toEqual([
      ['warning', 'app/run.py', '7'],
      ['warning', 'app/settings.py', '4'],
      ['warning', 'app/calc.py', '3'],
      ['notice', 'app/tokens.py', '2'],
    ]);
  });

  it.each([
    ['critical', 'false', '1 open finding at or above fail-on: critical (1 critical;'],
    ['high', 'false', '3 open findings at or above fail-on: high (1 critical, 2 high;'],
    ['medium', 'false', '4 open findings at or above fail-on: medium (1 critical, 2 high, 1 medium;'],
    ['low', 'false', '5 open findings at or above fail-on: low (1 critical, 2 high, 1 medium, 1 low;'],
    ['none', 'true', undefined],
  ])('with fail-on %s, passed is %s', async (failOn, passed, message) => {
    writeMixedReports();
    const result = await run({ reports: 'out/*.json', 'fail-on': failOn });

    expect(result.outputs.passed).toBe(passed);
    if (message === undefined) {
      expect(result.outcome).toBe('success');
      return;
    }
    expect(result.exitCode).toBe(1);
    const failure = annotationsOf(result, 'error').filter((m) => m.startsWith('security-scan: '));
    expect(failure).toEqual([
      `security-scan: ${message} fail-on-scope: new; without a baseline every open finding is new). They are ` +
        'listed in the job summary and in security-scan.json; fix them, or suppress an accepted one in ignore-file with a reason.',
    ]);
    // Outputs, files and the summary are written before the step fails.
    expect(existsSync(path.join(ws.dir, 'security-scan.sarif'))).toBe(true);
    expect(result.summary).toContain('## Security scan: ❌ failed');
  });

  it('reads reports and fail-on as trivy-action users write them: comma lists, any case', async () => {
    writeMixedReports();
    const result = await run({ reports: 'out/bandit.json, out/{trivy,nothing}.json', 'fail-on': 'CRITICAL,HIGH' });

    expect(result.outputs).toMatchObject({ total: '4', critical: '1', high: '1', passed: 'false' });
    expect(annotationsOf(result, 'error').at(-1)).toMatch(
      /^security-scan: 2 open findings at or above fail-on: high \(1 critical, 1 high;/,
    );
  });

  it('with a baseline, fails only on new findings unless fail-on-scope is all, and lists the fixed ones', async () => {
    ws.write('out/bandit.json', banditReport([SHELL, RANDOM]));
    const first = await run({ reports: 'out/bandit.json', 'fail-on': 'none', 'report-output': 'main/scan.json' });
    expect(first.outcome).toBe('success');

    ws.write('out/bandit.json', banditReport([SHELL, EVAL]));
    const onlyNew = await run({ reports: 'out/bandit.json', baseline: 'main/scan.json', 'fail-on': 'medium' });
    expect(onlyNew.outputs).toMatchObject({ total: '2', new: '1', existing: '1', fixed: '1', passed: 'false' });
    expect(annotationsOf(onlyNew, 'error')).toContainEqual(
      expect.stringContaining(
        '1 open finding at or above fail-on: medium (1 medium; fail-on-scope: new, i.e. not in the baseline)',
      ),
    );
    expect(onlyNew.summary).toContain('| New | Existing | Fixed |\n| --- | --- | --- |\n| 1 | 1 | 1 |');
    expect(onlyNew.summary).toContain('- low B311 (bandit): random is not for security at app/tokens.py:2\n');

    const newHigh = await run({ reports: 'out/bandit.json', baseline: 'main/scan.json', 'fail-on': 'high' });
    expect(newHigh.outputs.passed).toBe('true');
    const all = await run({
      reports: 'out/bandit.json',
      baseline: 'main/scan.json',
      'fail-on': 'high',
      'fail-on-scope': 'all',
    });
    expect(all.outputs.passed).toBe('false');
    expect(annotationsOf(all, 'error')).toContainEqual(expect.stringContaining('(1 high; fail-on-scope: all)'));
  });

  it('suppresses with the ignore file and reports an expired entry', async () => {
    ws.write('out/bandit.json', banditReport([SHELL, EVAL]));
    ws.write(
      '.security-ignore.yml',
      [
        '- rule: B602',
        '  path: app/**',
        '  reason: the command is a constant (see #12)',
        '- rule: B307',
        '  reason: calculator accepted until the rewrite',
        '  expires: 2020-01-31',
      ].join('\n'),
    );
    const result = await run({ reports: 'out/bandit.json', 'ignore-file': '.security-ignore.yml', 'fail-on': 'high' });

    expect(result.outputs).toMatchObject({ total: '1', high: '0', medium: '1', suppressed: '1', passed: 'true' });
    expect(result.summary).toContain('1 ignore-file entry has expired and no longer suppresses anything:');
    expect(annotationsOf(result, 'warning')).toEqual([
      "ignore-file: .security-ignore.yml: line 3: entry 1's reason was read as 'the command is a constant (see': YAML " +
        "ends an unquoted value at ' #' and takes '#12)' as a comment. If it is part of the reason, quote the reason: " +
        'reason: "the command is a constant (see #12)"',
      'use of eval (medium, reported by bandit)',
    ]);
    expect(result.summary).toContain('- entry 2 (rule B307) expired after 2020-01-31: 1 open finding matches it.');
  });

  it('reports an ignore-file mistake as a configuration error naming the file and entry', async () => {
    ws.write('out/bandit.json', banditReport([SHELL]));
    ws.write('ignore.yml', '- rule: B602\n');
    const result = await run({ reports: 'out/bandit.json', 'ignore-file': 'ignore.yml' });

    expect(result.exitCode).toBe(1);
    expect(annotationsOf(result, 'error')).toEqual([
      expect.stringMatching(/^security-scan: ignore-file: ignore\.yml: entry 1: 'reason' is required/),
    ]);
  });

  it('lets no finding text act as a command, a mask, HTML or an output', async () => {
    const hostile = HOSTILE_TITLES.map((text, i) => ({ ...SHELL, text, line: i + 1 }));
    ws.write('out/bandit.json', banditReport(hostile));
    ws.write('out/trivy.json', trivyReport('package-lock.json', [{ ...CVE, title: '::set-output name=passed::true' }]));
    const result = await run({ reports: 'out/*.json', 'fail-on': 'high' });

    expect(result.outputs.passed).toBe('false');
    expect(Object.keys(result.outputs).sort()).toEqual([...OUTPUT_NAMES].sort());
    expect(result.masks).toEqual([]);
    // One error per hostile code finding, its text as data, and the step's own failure.
    expect(annotationsOf(result, 'error')).toEqual([
      ...HOSTILE_TITLES.map((title) => `${title} (high, reported by bandit)`),
      expect.stringMatching(/^security-scan: 5 open findings at or above fail-on: high/),
    ]);
    expect(result.annotations.filter((a) => a.level !== 'error')).toEqual([]);
    expect(result.summary).toContain('| &lt;script>alert(1)&lt;/script> |');
    expect(result.summary).not.toContain('<script>');
    // The summary is a file the runner reads no command from; in a table cell the title is text.
    expect(result.summary).toContain('| ::set-output name=passed::true |');
    expect(result.summary).not.toMatch(/^::/m);
    // Printed to the log, inside stop-commands, so the runner shows it and acts on none of it.
    expect(result.log.join('\n')).toContain('::set-output name=passed::true');
  });

  it('with strict (the default), fails on a broken report naming the file and the byte position', async () => {
    ws.write('out/bandit.json', banditReport([SHELL]));
    ws.write('out/broken.json', '{"results": [1, 2');
    const result = await run({ reports: 'out/*.json' });

    expect(result.exitCode).toBe(1);
    expect(annotationsOf(result, 'error')).toEqual([
      expect.stringMatching(
        /^security-scan: reports: out\/broken\.json: not valid JSON: .* at byte 17 \(line 1, column 18\)\. The report looks truncated/,
      ),
    ]);
    expect(result.debug.join('\n')).not.toMatch(/\n\s+at /);
    expect(result.outputs).toEqual({});
    expect(existsSync(path.join(ws.dir, 'security-scan.sarif'))).toBe(false);
  });

  it('with strict: false, reads the other reports and reports the broken one', async () => {
    ws.write('out/bandit.json', banditReport([SHELL]));
    ws.write('out/broken.json', 'Scanning... done\n{}');
    const result = await run({ reports: 'out/*.json', strict: 'false', 'fail-on': 'none' });

    expect(result.outcome).toBe('success');
    expect(result.outputs.total).toBe('1');
    expect(annotationsOf(result, 'warning')).toContainEqual(
      expect.stringMatching(/^reports: not read \(strict: false\): out\/broken\.json: not valid JSON: .* at byte 0/),
    );
    expect(result.summary).toContain('| out/broken.json | unknown | unreadable | 0 | 0 | Not read: out/broken.json');
    const report = readJson(result.outputs['report-file']!) as { files: { path: string; error?: string }[] };
    expect(report.files.map((f) => [f.path, f.error === undefined])).toEqual([
      ['out/bandit.json', true],
      ['out/broken.json', false],
    ]);
  });

  it('fails on a reports pattern that matches nothing, naming it and the directory', async () => {
    ws.write('out/bandit.json', banditReport([SHELL]));
    const result = await run({ reports: 'out/bandit.json\nout/trivy-*.json' });

    expect(result.exitCode).toBe(1);
    expect(annotationsOf(result, 'error')).toEqual([
      `security-scan: reports: no file matches 'out/trivy-*.json' (checked from ${ws.dir}); fix the pattern or the path`,
    ]);
  });

  it('with allow-missing, warns about a pattern that matches nothing and reads the rest', async () => {
    const result = await run({ reports: 'out/trivy-*.json', 'allow-missing': 'true' });

    expect(result.outcome).toBe('success');
    expect(result.outputs).toMatchObject({ total: '0', passed: 'true' });
    expect(annotationsOf(result, 'warning')).toEqual([
      "reports: no file matches 'out/trivy-*.json' (allow-missing: true)",
    ]);
    expect(result.summary).toContain("No file matched 'out/trivy-\\*.json' (allowed by allow-missing).");
  });

  it('keeps within 10 error annotations, leaving room for its own failure, and counts the rest', async () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ ...SHELL, line: i + 1, code: `run_${i}()` }));
    ws.write('out/bandit.json', banditReport(many));
    const result = await run({ reports: 'out/bandit.json' });

    expect(annotationsOf(result, 'error')).toHaveLength(10);
    expect(annotationsOf(result, 'error')[9]).toMatch(/^security-scan: 12 open findings/);
    expect(result.summary).toContain('3 errors not shown as annotations');
  });

  it('writes no annotations and no summary when asked not to, and outputs where it is told', async () => {
    ws.write('out/bandit.json', banditReport([RANDOM]));
    const result = await run({
      reports: 'out/bandit.json',
      annotations: 'false',
      summary: 'false',
      'sarif-output': 'results/scan.sarif',
      'report-output': 'results/scan.json',
    });

    expect(result.outcome).toBe('success');
    expect(result.annotations).toEqual([]);
    expect(result.summary).toBe('');
    expect(result.outputs['sarif-file']).toBe(path.join(ws.dir, 'results/scan.sarif'));
    expect(readJson(path.join(ws.dir, 'results/scan.json'))).toMatchObject({ counts: { total: 1, low: 1 } });
  });

  it('fails with a configuration error naming the output that cannot be written', async () => {
    ws.write('out/bandit.json', banditReport([RANDOM]));
    // /dev/full opens like a file and fails every write with ENOSPC, as a full disk does: the failure comes from
    // an asynchronous write, after the file was opened.
    const result = await run({ reports: 'out/bandit.json', 'sarif-output': '/dev/full' });

    expect(result.exitCode).toBe(1);
    expect(annotationsOf(result, 'error')).toEqual([
      "security-scan: sarif-output: cannot write '/dev/full' (ENOSPC); choose a writable path",
    ]);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
