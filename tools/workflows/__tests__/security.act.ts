// The security workflow under act, called as a user's repository calls it, on copies of the sample service: the
// real Gitleaks, Bandit and Semgrep (pinned, from .cache/scanners/bin) and the bundled security-scan. The planted fake
// key blocks the pipeline; the clean service passes. Trivy is not installed here and its download is unreachable, and
// npm audit's advisory service is unreachable, so the caller marks them optional and the run must say they did not
// run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { callerWorkflow, commitAll, resultFile, runAct, sampleVariant } from './support/act.js';

jest.setTimeout(180_000);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'act-security-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

/** A caller repository: the sample service with `variant` planted, the caller workflow, all committed. */
function callerRepository(variant: string, extra: Record<string, string> = {}): string {
  const repo = path.join(dir, 'repo');
  sampleVariant(variant, repo);
  mkdirSync(path.join(repo, '.github/workflows'), { recursive: true });
  const workflow = callerWorkflow('security', { RESULT_FILE: resultFile(dir) });
  writeFileSync(path.join(repo, '.github/workflows/security.yml'), workflow);
  for (const [file, text] of Object.entries(extra)) {
    mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    writeFileSync(path.join(repo, file), text);
  }
  commitAll(repo, `sample service, ${variant}`);
  return repo;
}

describe('security.yml under act', () => {
  it('blocks the pipeline on the fake key planted in the history, naming the rule and the file', async () => {
    const run = await runAct({ repo: callerRepository('fake-secret'), dir });

    expect(run.jobs).toEqual({ scan: 'failure' }); // act starts no job after a failed one
    expect(run.exitCode).not.toBe(0);
    expect(run.outputs['scan.scanners']).toMatchObject({ ran: 'gitleaks' });
    expect(run.outputs['scan.gate']).toMatchObject({ passed: 'false', total: '1', high: '1' });
    expect(run.log).toMatch(/::error title=high aws-access-token,file=src\/cloud\.js,line=2/);
    expect(run.log).toContain('| trivy | **not run** | not on PATH and not downloadable (optional-scanners) |');
    expect(run.log).toContain(
      '| npm-audit | **not run** | the audit of `package-lock.json` failed (registry unreachable?) |',
    );
  });

  it('passes the clean service, with Bandit and Semgrep run on its Python file and Gitleaks on its history', async () => {
    const rules = [
      'rules:',
      '  - id: eval-of-input',
      '    languages: [python]',
      '    severity: ERROR',
      '    message: eval() of a value that can come from outside.',
      '    pattern: eval(...)',
      '',
    ].join('\n');
    const run = await runAct({
      repo: callerRepository('clean', { 'tools/version.py': 'print("1.0.0")\n', '.semgrep.yml': rules }),
      dir,
    });

    // Through the reusable workflow's outputs, as the caller sees them.
    expect(run.recorded).toEqual({
      result: 'success',
      passed: 'true',
      total: '0',
      scannersRan: 'gitleaks bandit semgrep',
    });
    expect(run.jobs).toEqual({ scan: 'success', record: 'success' });
    expect(run.exitCode).toBe(0);
    expect(run.log).toContain('| gitleaks | ran | the history: 1 commit |');
    expect(run.log).toContain('| bandit | ran | 1 Python file |');
    expect(run.log).toContain('| semgrep | ran | 1 Python file, rules .semgrep.yml |');
    // The SARIF upload needs GitHub (artifacts, code scanning): skipped under act, never faked.
    expect(run.log).not.toContain('ran under act');
  });
});
