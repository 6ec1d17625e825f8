// End to end with the real tools: Bandit, Semgrep (offline, with the sample's own rules) and Gitleaks scan
// examples/vulnerable-python, writing JSON (and SARIF), and the bundled action reads their fresh reports through the
// harness. The scanners come from .ci/install-scanners.sh (.cache/scanners/bin, else PATH); when one is missing these
// tests fail saying so, they never skip. pip-audit (no vulnerability service here), Safety (needs an account),
// npm audit, OSV-Scanner, TruffleHog (its Go module does not download here) and Trivy (a 6 to 30 minute build) do not
// run here: their readers are tested on the tools' real outputs in ../shared/fixtures (fixtures.conformance.ts).
// Trivy's real output of the sample is recorded (recorded/README.md says how) and read beside a fresh Gitleaks scan.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { node24Path, runBundledAction } from '@actions-kit/harness';
import { tempWorkspace, type TempWorkspace } from './temp-workspace.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
/** Trivy 0.74.0's real report of the sample, made as recorded/README.md says. */
const RECORDED_TRIVY = 'recorded/trivy-0.74.0-vulnerable-python.json';
const actionDir = path.join(root, 'actions/security-scan');
const SAMPLE = 'examples/vulnerable-python';
const SCANNER_TIMEOUT_MS = 120_000;

/** The scanner's binary: .cache/scanners/bin first (what the install script fills), then PATH. */
function scanner(name: 'bandit' | 'gitleaks' | 'semgrep'): string {
  const directories = [path.join(root, '.cache/scanners/bin'), ...(process.env['PATH'] ?? '').split(path.delimiter)];
  for (const directory of directories.filter((d) => d !== '')) {
    const candidate = path.join(directory, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; try the next directory
    }
  }
  throw new Error(
    `${name} is not installed: run 'bash .ci/install-scanners.sh' from the repository root (it installs the pinned ` +
      `Bandit, Semgrep and Gitleaks into .cache/scanners/bin, where this test looks first, then on PATH)`,
  );
}

/** Runs a scanner that exits 0 whatever it finds (the action decides), and fails with its output otherwise. */
function scan(binary: string, args: string[], cwd = root): void {
  const result = spawnSync(binary, args, { cwd, encoding: 'utf8', timeout: SCANNER_TIMEOUT_MS });
  if (result.status !== 0) {
    throw new Error(
      `${path.basename(binary)} ${args.join(' ')} exited ${result.status}:\n${result.stdout}${result.stderr}`,
    );
  }
}

interface BanditJson {
  results: { test_id: string; issue_severity: string; issue_text: string; filename: string; line_number: number }[];
  metrics: { _totals: Record<string, number> };
}
interface SemgrepJson {
  results: { check_id: string; path: string; start: { line: number }; extra: { severity: string } }[];
  errors: unknown[];
}
interface GitleaksLeak {
  RuleID: string;
  File: string;
  StartLine: number;
}
interface ReportFinding {
  tool: string;
  tools: string[];
  ruleId: string;
  severity: string;
  category: string;
  location: { path: string; startLine?: number };
  sources: string[];
}
interface JsonReport {
  files: { path: string; tool: string; raw: number }[];
  findings: ReportFinding[];
  counts: Record<string, number>;
}

let ws: TempWorkspace;
let scannerError: unknown;
let semgrepVersion = '';
beforeAll(() => {
  ws = tempWorkspace();
  mkdirSync(path.join(ws.dir, 'out'));
  mkdirSync(path.join(ws.dir, 'semgrep'));
  mkdirSync(path.join(ws.dir, 'with-trivy'));
  copyFileSync(path.join(actionDir, '__tests__', RECORDED_TRIVY), path.join(ws.dir, 'with-trivy/trivy.json'));
  try {
    const bandit = scanner('bandit');
    const gitleaks = scanner('gitleaks');
    const semgrep = scanner('semgrep');
    semgrepVersion = spawnSync(semgrep, ['--version'], { encoding: 'utf8' }).stdout.trim();
    // Offline: a local rules file, no metrics, no version check (Semgrep exits 0 with findings without --error).
    scan(semgrep, [
      'scan',
      '--config',
      `${SAMPLE}/.semgrep.yml`,
      '--json',
      '--metrics',
      'off',
      '--disable-version-check',
      '--quiet',
      '--output',
      path.join(ws.dir, 'semgrep/semgrep.json'),
      SAMPLE,
    ]);
    // From inside the sample, as the recorded Trivy report was made: both name the file app/settings.py.
    scan(
      gitleaks,
      [
        'detect',
        '--no-git',
        '--no-banner',
        '--source',
        '.',
        '--report-format',
        'json',
        '--report-path',
        path.join(ws.dir, 'with-trivy/gitleaks.json'),
        '--exit-code',
        '0',
        '--log-level',
        'error',
      ],
      path.join(root, SAMPLE),
    );
    for (const format of ['json', 'sarif']) {
      scan(bandit, ['-r', SAMPLE, '-f', format, '-o', path.join(ws.dir, `out/bandit.${format}`), '-q', '--exit-zero']);
      scan(gitleaks, [
        'detect',
        '--no-git',
        '--no-banner',
        '--source',
        SAMPLE,
        '--report-format',
        format,
        '--report-path',
        path.join(ws.dir, `out/gitleaks.${format}`),
        '--exit-code',
        '0',
        '--log-level',
        'error',
      ]);
    }
  } catch (error) {
    // Reported by every test below, so a missing scanner fails the suite instead of skipping it.
    scannerError = error;
  }
}, 2 * SCANNER_TIMEOUT_MS);
afterAll(() => ws.remove());

function freshReports(): { bandit: BanditJson; gitleaks: GitleaksLeak[]; semgrep: SemgrepJson } {
  if (scannerError) throw scannerError;
  const read = (name: string): unknown => JSON.parse(readFileSync(path.join(ws.dir, name), 'utf8'));
  return {
    bandit: read('out/bandit.json') as BanditJson,
    gitleaks: read('out/gitleaks.json') as GitleaksLeak[],
    semgrep: read('semgrep/semgrep.json') as SemgrepJson,
  };
}

const SEVERITY: Record<string, string> = { HIGH: 'high', MEDIUM: 'medium', LOW: 'low', UNDEFINED: 'info' };
const SEMGREP_SEVERITY: Record<string, string> = { ERROR: 'high', WARNING: 'medium', INFO: 'info' };

/** The Semgrep version .ci/install-scanners.sh pins. */
function pinnedSemgrep(): string {
  const script = readFileSync(path.join(root, '.ci/install-scanners.sh'), 'utf8');
  return /^SEMGREP_VERSION=(\S+)$/m.exec(script)![1]!;
}

describe('the tools that ran for real', () => {
  it('are Bandit, Gitleaks and Semgrep at its pinned version', () => {
    freshReports();
    expect(semgrepVersion).toBe(pinnedSemgrep());
  });
});

describe.each([
  ['Node 20', (): string => process.execPath],
  ['Node 24', node24Path],
])('security-scan on real Bandit and Gitleaks reports under %s', (_label, nodePath) => {
  const run = async (reports: string, reportOutput: string) => {
    const result = await runBundledAction({
      actionDir,
      nodePath: nodePath(),
      workspace: ws.dir,
      inputs: { reports, 'fail-on': 'high', 'report-output': reportOutput, 'sarif-output': `${reportOutput}.sarif` },
    });
    const report = JSON.parse(readFileSync(path.join(ws.dir, reportOutput), 'utf8')) as JsonReport;
    return { result, report };
  };
  const key = (f: ReportFinding) => `${f.ruleId} ${f.location.path}:${f.location.startLine} ${f.severity}`;

  it('finds what the tools found: the sample project has flaws at several severities and a secret', () => {
    const { bandit, gitleaks } = freshReports();
    // What examples/vulnerable-python/README.md promises; if the tools change their minds, this says so.
    expect(new Set(bandit.results.map((r) => r.test_id))).toEqual(
      new Set(['B404', 'B602', 'B307', 'B403', 'B608', 'B301', 'B324', 'B506', 'B105', 'B311']),
    );
    expect(gitleaks.map((l) => [l.RuleID, l.File, l.StartLine])).toEqual([
      ['aws-access-token', `${SAMPLE}/app/settings.py`, 7],
    ]);
  });

  it('gives the same findings and severities for Bandit JSON and Bandit SARIF of one scan', async () => {
    const { bandit } = freshReports();
    const fromJson = await run('out/bandit.json', 'bandit-json.report.json');
    const fromSarif = await run('out/bandit.sarif', 'bandit-sarif.report.json');

    const expected = bandit.results.map(
      (r) => `${r.test_id} ${r.filename}:${r.line_number} ${SEVERITY[r.issue_severity]}`,
    );
    expect(fromJson.report.findings.map(key).sort()).toEqual([...expected].sort());
    expect(fromSarif.report.findings.map(key).sort()).toEqual([...expected].sort());
    // Same fingerprints too, so the two formats de-duplicate into one another.
    expect(fromJson.report.findings.map((f) => (f as unknown as { fingerprint: string }).fingerprint).sort()).toEqual(
      fromSarif.report.findings.map((f) => (f as unknown as { fingerprint: string }).fingerprint).sort(),
    );
  });

  it('reads all four fresh reports into one finding per problem, counted as the tools counted them', async () => {
    const { bandit, gitleaks } = freshReports();
    const { result, report } = await run('out/*', 'all.report.json');
    const totals = bandit.metrics._totals;

    expect(report.files.map((f) => [f.path, f.tool, f.raw])).toEqual([
      ['out/bandit.json', 'bandit', bandit.results.length],
      ['out/bandit.sarif', 'bandit', bandit.results.length],
      ['out/gitleaks.json', 'gitleaks', gitleaks.length],
      ['out/gitleaks.sarif', 'gitleaks', gitleaks.length],
    ]);
    // Bandit's own totals per severity, plus the secret (high), each found once though two files report it.
    expect(result.outputs).toMatchObject({
      total: String(bandit.results.length + gitleaks.length),
      high: String(totals['SEVERITY.HIGH']! + gitleaks.length),
      medium: String(totals['SEVERITY.MEDIUM']),
      low: String(totals['SEVERITY.LOW']),
      critical: '0',
      passed: 'false',
    });
    const secrets = report.findings.filter((f) => f.category === 'secret');
    expect(secrets).toHaveLength(1);
    expect(secrets[0]).toMatchObject({ tool: 'gitleaks', ruleId: 'aws-access-token', severity: 'high' });
    expect(secrets[0]!.sources.map((s) => s.split('#')[0])).toEqual(['out/gitleaks.json', 'out/gitleaks.sarif']);
    for (const finding of report.findings) expect(finding.sources).toHaveLength(2);

    expect(result.exitCode).toBe(1);
    expect(result.annotations.filter((a) => a.level === 'error').map((a) => a.properties.file)).toEqual([
      `${SAMPLE}/app/commands.py`,
      `${SAMPLE}/app/storage.py`,
      `${SAMPLE}/app/settings.py`,
      undefined,
    ]);
    const sarif = JSON.parse(readFileSync(path.join(ws.dir, 'all.report.json.sarif'), 'utf8')) as {
      runs: { automationDetails: { id: string }; results: unknown[] }[];
    };
    expect(sarif.runs.map((r) => [r.automationDetails.id, r.results.length])).toEqual([
      ['security-scan/bandit/', bandit.results.length],
      ['security-scan/gitleaks/', gitleaks.length],
    ]);
  });

  it('writes the password Bandit quotes (B105) nowhere: summary, annotations, log, SARIF, JSON report', async () => {
    const { bandit } = freshReports();
    const quoted = bandit.results.filter((r) => r.test_id === 'B105').map((r) => /: (.+)$/.exec(r.issue_text)![1]!);
    expect(quoted).toEqual(["'hunter2'"]);
    const { result } = await run('out/*', 'masked.report.json');

    const written = [
      result.summary,
      JSON.stringify(result.annotations),
      result.log.join('\n'),
      readFileSync(path.join(ws.dir, 'masked.report.json'), 'utf8'),
      readFileSync(path.join(ws.dir, 'masked.report.json.sarif'), 'utf8'),
    ];
    for (const text of written) expect(text).not.toContain('hunter2');
    expect(result.summary).toContain("Possible hardcoded password: '•••••••'");
  });

  it('reads fresh Semgrep JSON as Semgrep rated it, beside Bandit: each tool its own findings, counted once', async () => {
    const { bandit, semgrep } = freshReports();
    expect(semgrep.errors).toEqual([]);
    // Semgrep names a rule of a local file by the file's folder and the rule's id.
    expect(semgrep.results.map((r) => r.check_id).sort()).toEqual(
      ['eval-of-input', 'insecure-hash-md5', 'random-for-tokens', 'subprocess-shell-true'].map(
        (id) => `examples.vulnerable-python.${id}`,
      ),
    );
    const alone = await run('semgrep/semgrep.json', 'semgrep.report.json');
    expect(alone.report.findings.map(key).sort()).toEqual(
      semgrep.results
        .map((r) => `${r.check_id} ${r.path}:${r.start.line} ${SEMGREP_SEVERITY[r.extra.severity]}`)
        .sort(),
    );
    expect(alone.report.findings.find((f) => f.ruleId.endsWith('.eval-of-input'))).toMatchObject({
      tool: 'semgrep',
      category: 'code',
      location: { path: `${SAMPLE}/app/commands.py`, startLine: 12 },
    });

    const both = await run('out/bandit.json\nsemgrep/semgrep.json', 'bandit-semgrep.report.json');
    expect(both.report.files.map((f) => [f.path, f.tool, f.raw])).toEqual([
      ['out/bandit.json', 'bandit', bandit.results.length],
      ['semgrep/semgrep.json', 'semgrep', semgrep.results.length],
    ]);
    expect(both.result.outputs['total']).toBe(String(bandit.results.length + semgrep.results.length));
  });

  it("merges Trivy's real report of the secret with Gitleaks' fresh one: one finding, both tools", async () => {
    if (scannerError) throw scannerError;
    const read = (name: string): unknown => JSON.parse(readFileSync(path.join(ws.dir, name), 'utf8'));
    const trivy = read('with-trivy/trivy.json') as {
      Trivy: { Version: string };
      Results: { Target: string; Secrets?: { RuleID: string; StartLine: number }[] }[];
    };
    const leaks = read('with-trivy/gitleaks.json') as GitleaksLeak[];
    const recorded = trivy.Results.flatMap((r) => (r.Secrets ?? []).map((x) => [x.RuleID, r.Target, x.StartLine]));
    // Both found the sample's one secret at the same spot; if the sample moves it, record Trivy again (README).
    expect({
      trivy: trivy.Trivy.Version,
      recorded,
      gitleaks: leaks.map((l) => [l.RuleID, l.File, l.StartLine]),
    }).toEqual({
      trivy: '0.74.0',
      recorded: [['aws-access-key-id', 'app/settings.py', 7]],
      gitleaks: [['aws-access-token', 'app/settings.py', 7]],
    });

    const { report } = await run('with-trivy/*.json', 'with-trivy.report.json');
    expect(report.files.map((f) => [f.path, f.tool, f.raw])).toEqual([
      ['with-trivy/gitleaks.json', 'gitleaks', 1],
      ['with-trivy/trivy.json', 'trivy', 1],
    ]);
    // One problem: listed once, with both tools and sources, at Trivy's severity (critical) over Gitleaks' (high).
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({
      category: 'secret',
      severity: 'critical',
      location: { path: 'app/settings.py', startLine: 7 },
    });
    expect([...report.findings[0]!.tools].sort()).toEqual(['gitleaks', 'trivy']);
    expect(report.findings[0]!.sources.map((s) => s.split('#')[0]).sort()).toEqual([
      'with-trivy/gitleaks.json',
      'with-trivy/trivy.json',
    ]);
    // The key itself is in neither the report nor the SARIF (Trivy masks it; the action masks what it shows).
    for (const output of ['with-trivy.report.json', 'with-trivy.report.json.sarif'])
      expect(readFileSync(path.join(ws.dir, output), 'utf8')).not.toMatch(/AKIA[0-9A-Z]{16}/);
  });
});
