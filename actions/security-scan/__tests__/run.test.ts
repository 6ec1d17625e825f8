// run() on report files in a temp folder, with a recording runner: the outputs, the files, the annotations, the
// summary and the verdict, without the bundle.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { UserError, type Annotation } from '@actions-kit/core';
import type { Inputs } from '../src/inputs.js';
import { run, type RunDeps } from '../src/main.js';
import { banditReport, gitleaksReport, trivyReport, type BanditIssue } from './sample-reports.js';
import { tempWorkspace, type TempWorkspace } from './temp-workspace.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const BLOB_BASE = { serverUrl: 'https://github.com', repository: 'octo-org/app', sha: 'c'.repeat(40) };

const SHELL: BanditIssue = { id: 'B602', severity: 'HIGH', text: 'shell=True', file: 'app/run.py', line: 7 };
const EVAL: BanditIssue = { id: 'B307', severity: 'MEDIUM', text: 'use of eval', file: 'app/calc.py', line: 3 };
const RANDOM: BanditIssue = { id: 'B311', severity: 'LOW', text: 'weak random', file: 'app/tokens.py', line: 2 };
const LEAK = { rule: 'aws-access-token', file: 'app/settings.py', line: 4, match: 'AKIAFAKE7TESTKEY2345' };
const CVE = {
  id: 'CVE-2024-0001',
  pkg: 'lodash',
  version: '4.17.0',
  severity: 'CRITICAL',
  title: 'lodash: prototype pollution',
} as const;

/** A runner that records what run() gives it. */
function recordingRunner(overrides: Partial<RunDeps> = {}) {
  const outputs: Record<string, string> = {};
  const annotations: Annotation[] = [];
  const warnings: string[] = [];
  const log: string[] = [];
  const debug: string[] = [];
  const summaries: string[] = [];
  const deps: RunDeps = {
    setOutput: (name, value) => {
      outputs[name] = value;
    },
    printAnnotation: (annotation) => annotations.push(annotation),
    writeSummary: async (summary) => {
      summaries.push(summary.toString());
    },
    info: (message) => log.push(message),
    printUntrusted: (text) => log.push(text),
    warning: (message) => warnings.push(message),
    debug: (message) => debug.push(message),
    now: () => NOW,
    startedAt: NOW,
    blobBase: BLOB_BASE,
    ...overrides,
  };
  return { deps, outputs, annotations, warnings, log, debug, summaries };
}

let ws: TempWorkspace;
/** What reached stdout directly, not through the runner given to run(). */
let written: string[];
beforeEach(() => {
  ws = tempWorkspace();
  written = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((text) => written.push(String(text)) > 0);
});
afterEach(() => {
  jest.restoreAllMocks();
  ws.remove();
});

/** The inputs getInputs would give for `reports` (already written to the workspace), with the action's defaults. */
function inputs(reports: string[], overrides: Partial<Inputs> = {}): Inputs {
  const file = (relative: string) => ({ file: path.join(ws.dir, relative), displayPath: relative });
  return {
    workspace: ws.dir,
    reports: reports.map(file),
    unmatchedReports: [],
    skippedReports: [],
    policy: { failOn: 'high', scope: 'new' },
    sarifOutput: file('security-scan.sarif'),
    reportOutput: file('security-scan.json'),
    summary: true,
    annotations: true,
    allowMissing: false,
    strict: true,
    threads: 1,
    ...overrides,
  };
}

/** Bandit (high, medium, low), Trivy (critical) and Gitleaks (high). */
function writeMixedReports(): string[] {
  ws.write('out/bandit.json', banditReport([SHELL, EVAL, RANDOM]));
  ws.write('out/trivy.json', trivyReport('package-lock.json', [CVE]));
  ws.write('out/gitleaks.json', gitleaksReport([LEAK]));
  return ['out/bandit.json', 'out/gitleaks.json', 'out/trivy.json'];
}

/** The part of a SARIF file the path tests look at. */
type SarifUris = {
  runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
};

const readJson = (file: string): Record<string, unknown> => JSON.parse(readFileSync(file, 'utf8'));

describe('run', () => {
  it('sets every output and writes the SARIF file and the JSON report', async () => {
    const runner = recordingRunner();
    await run(inputs(writeMixedReports(), { policy: { failOn: 'none', scope: 'new' } }), runner.deps);

    expect(runner.outputs).toEqual({
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
    const sarif = readJson(runner.outputs['sarif-file']!) as { runs: { results: unknown[] }[] };
    expect(sarif.runs.map((r) => r.results.length)).toEqual([3, 1, 1]);
    const report = readJson(runner.outputs['report-file']!) as { generatedAt: string; counts: { total: number } };
    expect(report.generatedAt).toBe('2026-06-01T12:00:00.000Z');
    expect(report.counts.total).toBe(5);
    expect(runner.log[0]).toBe(
      'security-scan: 3 reports, 5 open findings (1 critical, 2 high, 1 medium, 1 low, 0 info), 0 suppressed; ' +
        'passed: fail-on is none (5 open new findings reported only)',
    );
    expect(runner.warnings).toEqual([]);
    expect(written.every((text) => text.startsWith('::debug::reports: read on 1 thread:'))).toBe(true);
  });

  it('annotates code and secret findings on their lines, not package findings', async () => {
    const runner = recordingRunner();
    await run(inputs(writeMixedReports(), { policy: { failOn: 'none', scope: 'new' } }), runner.deps);

    expect(runner.annotations.map((a) => [a.level, a.properties.file, a.properties.startLine])).toEqual([
      ['warning', 'app/run.py', 7],
      ['warning', 'app/settings.py', 4],
      ['warning', 'app/calc.py', 3],
      ['notice', 'app/tokens.py', 2],
    ]);
    expect(runner.annotations[0]!.message).toBe('shell=True (high, reported by bandit)');
  });

  it('writes the summary: verdict, severities per tool, top findings linked to their lines, files read', async () => {
    const runner = recordingRunner();
    await run(inputs(writeMixedReports(), { policy: { failOn: 'none', scope: 'new' } }), runner.deps);

    expect(runner.summaries).toHaveLength(1);
    const summary = runner.summaries[0]!;
    expect(summary).toMatch(/^## Security scan: ✅ passed\n\n/);
    expect(summary).toContain(
      [
        '| Tool | Critical | High | Medium | Low | Info | Open | Suppressed |',
        '| --- | --- | --- | --- | --- | --- | --- | --- |',
        '| bandit | 0 | 1 | 1 | 1 | 0 | 3 | 0 |',
        '| gitleaks | 0 | 1 | 0 | 0 | 0 | 1 | 0 |',
        '| trivy | 1 | 0 | 0 | 0 | 0 | 1 | 0 |',
        '| All tools | 1 | 2 | 1 | 1 | 0 | 5 | 0 |',
      ].join('\n'),
    );
    expect(summary).toContain(
      `| reported only | High | bandit | [B602](https://bandit.readthedocs.io/en/latest/plugins/b602.html) | shell=True | [app/run.py:7](https://github.com/octo-org/app/blob/${'c'.repeat(40)}/app/run.py#L7) |`,
    );
    expect(summary).toContain('| out/bandit.json | bandit | Bandit JSON (1.7.3 or later) | 3 | 0 |  |');
    expect(summary).toMatch(/Written: SARIF security-scan\.sarif, JSON report security-scan\.json\.\n\n$/);
  });

  it('shows locations as text when the commit is not known', async () => {
    const runner = recordingRunner({ blobBase: undefined });
    await run(inputs(writeMixedReports()), runner.deps).catch(() => undefined);

    expect(runner.summaries[0]).toContain('| shell=True | app/run.py:7 |');
    expect(runner.summaries[0]).not.toContain('](https://github.com/');
  });

  it('fails with a UserError once outputs, files, annotations and the summary are written', async () => {
    const runner = recordingRunner();
    const failure = await run(inputs(writeMixedReports()), runner.deps).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(UserError);
    expect((failure as Error).message).toBe(
      '3 open findings at or above fail-on: high (1 critical, 2 high; fail-on-scope: new; without a baseline every ' +
        'open finding is new). They are listed in the job summary and in security-scan.json; fix them, or suppress ' +
        'an accepted one in ignore-file with a reason.',
    );
    expect(runner.outputs.passed).toBe('false');
    expect(readJson(path.join(ws.dir, 'security-scan.sarif'))).toHaveProperty('version', '2.1.0');
    expect(runner.annotations.map((a) => a.level)).toEqual(['error', 'error', 'warning', 'notice']);
    expect(runner.summaries[0]).toMatch(/^## Security scan: ❌ failed\n\n/);
  });

  it('keeps one error annotation free for the failure and counts the rest in the summary', async () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ ...SHELL, line: i + 1, code: `run_${i}()` }));
    ws.write('out/bandit.json', banditReport(many));
    const runner = recordingRunner();
    await expect(run(inputs(['out/bandit.json']), runner.deps)).rejects.toThrow(UserError);

    expect(runner.annotations.map((a) => a.properties.startLine)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(runner.summaries[0]).toContain('3 errors not shown as annotations (the limit per step was reached).');
  });

  it('warns about what it went on without, leaving room for those warnings among the annotations', async () => {
    const medium = Array.from({ length: 12 }, (_, i) => ({ ...EVAL, line: i + 1, code: `calc_${i}()` }));
    ws.write('out/bandit.json', banditReport(medium));
    ws.write('out/broken.json', 'Scanning... done\n{}');
    const runner = recordingRunner();
    await run(
      inputs(['out/bandit.json', 'out/broken.json'], {
        strict: false,
        allowMissing: true,
        unmatchedReports: ['out/trivy-*.json'],
      }),
      runner.deps,
    );

    expect(runner.warnings).toEqual([
      "reports: no file matches 'out/trivy-*.json' (allow-missing: true)",
      expect.stringMatching(/^reports: not read \(strict: false\): out\/broken\.json: not valid JSON: .* at byte 0/),
    ]);
    expect(runner.annotations).toHaveLength(8);
    expect(runner.summaries[0]).toContain('4 warnings not shown as annotations');
    expect(runner.summaries[0]).toContain('| out/broken.json | unknown | unreadable | 0 | 0 | Not read: ');
  });

  it('decides which suppressions have expired by the time it is given', async () => {
    ws.write('out/bandit.json', banditReport([SHELL]));
    ws.write('ignore.yml', '- rule: B602\n  reason: the command is a constant\n  expires: 2026-01-31\n');
    const ignoreFile = { file: path.join(ws.dir, 'ignore.yml'), displayPath: 'ignore.yml' };

    const before = recordingRunner({ now: () => Date.parse('2026-01-31T23:00:00Z') });
    await run(inputs(['out/bandit.json'], { ignoreFile }), before.deps);
    expect(before.outputs).toMatchObject({ total: '0', suppressed: '1', passed: 'true' });

    const after = recordingRunner();
    await expect(run(inputs(['out/bandit.json'], { ignoreFile }), after.deps)).rejects.toThrow(UserError);
    expect(after.outputs).toMatchObject({ total: '1', suppressed: '0', passed: 'false' });
    expect(after.summaries[0]).toContain('entry 1 (rule B602) expired after 2026-01-31');
  });

  it('writes every output for paths that hold a lone surrogate, in every format', async () => {
    // "\\ud800" in the JSON text: a lone surrogate, which JSON allows and encodeURIComponent refuses.
    const lone = 'dir/a\\ud800';
    ws.write('out/gitleaks.json', `[{"RuleID":"r","File":"${lone}.env","StartLine":1,"Match":"k=v","Secret":"vvvv"}]`);
    ws.write(
      'out/trivy.json',
      `{"SchemaVersion":2,"ArtifactName":".","ArtifactType":"filesystem","Results":[{"Target":"${lone}.mod",` +
        '"Class":"lang-pkgs","Type":"gomod","Vulnerabilities":[{"VulnerabilityID":"CVE-2024-1","PkgName":"p",' +
        '"InstalledVersion":"1","Severity":"HIGH"}]}]}',
    );
    ws.write(
      'out/bandit.json',
      `{"generated_at":"2026-01-01T00:00:00Z","results":[{"filename":"${lone}.py","test_id":"B101",` +
        '"issue_severity":"LOW","issue_text":"assert","line_number":2}]}',
    );
    ws.write(
      'out/x.sarif',
      '{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"semgrep"}},"results":[{"ruleId":"S1",' +
        `"message":{"text":"bad"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"${lone}.js"},` +
        '"region":{"startLine":3}}}]}]}]}',
    );
    const runner = recordingRunner();
    const reports = ['out/bandit.json', 'out/gitleaks.json', 'out/trivy.json', 'out/x.sarif'];
    await run(inputs(reports, { policy: { failOn: 'none', scope: 'new' } }), runner.deps);

    expect(runner.outputs.total).toBe('4');
    const sarif = readJson(runner.outputs['sarif-file']!) as SarifUris;
    const uris = sarif.runs.flatMap((r) => r.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri));
    expect(uris.sort()).toEqual(['a', 'js', 'mod', 'py'].map(() => expect.stringMatching(/^dir\/a%EF%BF%BD\./)));
    const report = readJson(runner.outputs['report-file']!) as { findings: { location: { path: string } }[] };
    expect(report.findings.map((f) => f.location.path).sort()).toEqual(
      ['env', 'js', 'mod', 'py'].map((ext) => `dir/a\ud800.${ext}`),
    );
    expect(runner.annotations.map((a) => a.properties.file).sort()).toEqual(
      ['env', 'js', 'py'].map((ext) => `dir/a\ud800.${ext}`),
    );
    const links = runner.summaries[0]!.match(/\]\(https:\/\/github\.com\/[^)]*\)/g) ?? [];
    expect(links).toHaveLength(4);
    for (const link of links) expect(link).toContain('/dir/a%EF%BF%BD.');
  });

  it('keeps only http(s) help links, in the SARIF file, the JSON report and the summary', async () => {
    const evil = 'javascript:alert(document.domain)';
    ws.write(
      'out/gitleaks.json',
      JSON.stringify([{ RuleID: 'r', File: 'a.env', StartLine: 1, Match: 'k=v', Secret: 'vvvv', Link: evil }]),
    );
    ws.write(
      'out/trivy.json',
      JSON.stringify({
        SchemaVersion: 2,
        Results: [
          {
            Target: 'go.mod',
            Vulnerabilities: [
              { VulnerabilityID: 'CVE-2024-1', PkgName: 'p', Severity: 'HIGH', PrimaryURL: 'data:text/html,<b>x</b>' },
              { VulnerabilityID: 'CVE-2024-2', PkgName: 'q', Severity: 'HIGH', PrimaryURL: 'https://avd.example/2' },
            ],
          },
        ],
      }),
    );
    ws.write(
      'out/bandit.json',
      JSON.stringify({
        generated_at: '2026-01-01T00:00:00Z',
        results: [{ filename: 'a.py', test_id: 'B101', line_number: 2, more_info: 'JavaScript:void(0)' }],
      }),
    );
    ws.write(
      'out/x.sarif',
      JSON.stringify({
        version: '2.1.0',
        runs: [
          {
            tool: { driver: { name: 'semgrep', rules: [{ id: 'S1', helpUri: ' javascript:alert(1)' }] } },
            results: [{ ruleId: 'S1', message: { text: 'bad' } }],
          },
        ],
      }),
    );
    const runner = recordingRunner();
    const reports = ['out/bandit.json', 'out/gitleaks.json', 'out/trivy.json', 'out/x.sarif'];
    await run(inputs(reports, { policy: { failOn: 'none', scope: 'new' } }), runner.deps);

    expect(runner.outputs.total).toBe('5');
    const outputs = [
      readFileSync(runner.outputs['sarif-file']!, 'utf8'),
      readFileSync(runner.outputs['report-file']!, 'utf8'),
      runner.summaries[0]!,
    ];
    for (const text of outputs) expect(text).not.toMatch(/javascript|data:text/i);
    expect(outputs[0]).toContain('"helpUri":"https://avd.example/2"');
    expect(outputs[1]).toContain('"helpUri":"https://avd.example/2"');
    expect(outputs[2]).toContain('| [CVE-2024-2](https://avd.example/2) |');
  });

  it('refuses a report that is a FIFO, naming the input and the file, instead of waiting for a writer', async () => {
    const fifo = path.join(ws.dir, 'out.fifo');
    execFileSync('mkfifo', [fifo]);
    // A writer, so a reader that opened the FIFO would read "[]" and fail this test rather than hang it.
    const writer = spawn('sh', ['-c', `printf '[]' > "$0"`, fifo], { stdio: 'ignore' });
    try {
      await expect(run(inputs(['out.fifo']), recordingRunner().deps)).rejects.toThrow(
        /^reports: out\.fifo: the path is a FIFO \(named pipe\), not a regular file;/,
      );
    } finally {
      writer.kill();
    }
  });

  it('prints no annotation and writes no summary when asked not to', async () => {
    const runner = recordingRunner();
    await run(
      inputs(writeMixedReports(), { policy: { failOn: 'none', scope: 'new' }, annotations: false, summary: false }),
      runner.deps,
    );

    expect(runner.outputs.total).toBe('5');
    expect(runner.annotations).toEqual([]);
    expect(runner.summaries).toEqual([]);
  });

  it('times its phases with the clock it is given, from when the step started', async () => {
    let clock = NOW;
    const runner = recordingRunner({ now: () => (clock += 10), startedAt: NOW - 1000 });
    await run(inputs(writeMixedReports(), { policy: { failOn: 'none', scope: 'new' } }), runner.deps);

    expect(runner.debug).toEqual([
      expect.stringMatching(
        /^security-scan: time spent \(ms\): inputs and reports read 1010, analysed \d+, SARIF built and written \d+, JSON report written \d+, annotations and summary \d+$/,
      ),
    ]);
  });

  describe('with licenses', () => {
    const sbom = JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      components: [
        { type: 'library', name: 'lodash', version: '4.17.0', licenses: [{ license: { id: 'MIT' } }] },
        { type: 'library', name: 'readline-gpl', version: '8.0', licenses: [{ license: { name: 'GPL-3.0' } }] },
      ],
    });
    const licenses = (paths: string[]) => ({
      inventories: paths.map((relative) => ({ file: path.join(ws.dir, relative), displayPath: relative })),
      unmatched: [],
      policy: { deny: [{ license: 'GPL-3.0-only' }], severity: 'medium' as const, unknownSeverity: 'low' as const },
    });

    it('adds the license findings to the scanners', async () => {
      ws.write('sbom/app.cdx.json', sbom);
      const runner = recordingRunner();
      await expect(
        run(inputs(writeMixedReports(), { licenses: licenses(['sbom/app.cdx.json']) }), runner.deps),
      ).rejects.toThrow(UserError);

      expect(runner.outputs).toMatchObject({ total: '6', critical: '1', high: '2', medium: '2', low: '1' });
      const report = JSON.parse(readFileSync(path.join(ws.dir, 'security-scan.json'), 'utf8')) as {
        files: { path: string; tool: string }[];
        findings: { ruleId: string; tools: string[] }[];
      };
      expect(report.files.map((f) => [f.path, f.tool])).toContainEqual(['sbom/app.cdx.json', 'license-policy']);
      expect(report.findings.filter((f) => f.ruleId.startsWith('license/'))).toMatchObject([
        { ruleId: 'license/GPL-3.0-only', tools: ['license-policy'] },
      ]);
      // A license finding has no line to mark: it is in the summary, not among the annotations.
      expect(runner.annotations.map((a) => a.message).join('\n')).not.toContain('GPL-3.0');
      expect(runner.summaries[0]).toContain('readline-gpl@8.0: GPL-3.0-only is denied by license-deny');
      expect(runner.log[0]).toMatch(/^security-scan: 3 reports, 1 license inventory, 6 open findings /);
    });

    it('without strict, lists an inventory it cannot read and checks the others', async () => {
      ws.write('sbom/app.cdx.json', sbom);
      ws.write('sbom/broken.json', '{"bomFormat": "CycloneDX", "components": {}}');
      const runner = recordingRunner();
      const given = inputs([], { strict: false, licenses: licenses(['sbom/app.cdx.json', 'sbom/broken.json']) });
      await run({ ...given, policy: { failOn: 'high', scope: 'new' } }, runner.deps);

      expect(runner.outputs).toMatchObject({ total: '1', medium: '1', passed: 'true' });
      expect(runner.warnings).toEqual([
        expect.stringMatching(/^licenses: not checked \(strict: false\): sbom\/broken\.json: /),
      ]);
    });
  });
});
