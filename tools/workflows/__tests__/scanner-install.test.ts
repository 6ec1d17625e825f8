// The security workflow's install step, its own bash taken from security.yml and run here: a downloaded archive whose
// sha256 is not the pinned one is refused and never unpacked, and a scanner that cannot be had fails the job unless
// optional-scanners names it. GitHub's downloads are out of reach here, so `curl` on PATH is a stand-in that serves
// a local file (or fails, as an unreachable host does); sha256sum, tar and the step's logic are the real ones.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { root } from './support/act.js';

interface Step {
  name?: string;
  run?: string;
  env?: Record<string, string>;
}
const workflow = parse(readFileSync(path.join(root, '.github/workflows/security.yml'), 'utf8')) as {
  jobs: { scan: { steps: Step[] } };
};
const install = workflow.jobs.scan.steps.find((step) => step.name === 'install the pinned scanners')!;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'scanner-install-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs the step with PATH holding only the system tools and `tools` (name → script), and a `curl` that writes
 * `served` (a tar.gz) to its --output, or fails like an unreachable host when `served` is undefined.
 */
function runInstall(options: { served?: string; optional: string; tools?: Record<string, string> }) {
  const bin = path.join(dir, 'bin');
  mkdirSync(bin);
  const curl = options.served
    ? `#!/bin/bash\nwhile [[ $# -gt 0 ]]; do [[ $1 == --output ]] && cp '${options.served}' "$2"; shift; done\n`
    : '#!/bin/bash\necho "curl: (6) Could not resolve host: github.com" >&2\nexit 6\n';
  for (const [name, script] of Object.entries({ curl, ...options.tools })) {
    writeFileSync(path.join(bin, name), script);
    chmodSync(path.join(bin, name), 0o755);
  }
  const files = { GITHUB_PATH: path.join(dir, 'path'), GITHUB_OUTPUT: path.join(dir, 'output') };
  for (const file of Object.values(files)) writeFileSync(file, '');
  // In a folder that is no repository: no Python files or requirements, so Semgrep and pip-audit are not needed.
  const result = spawnSync('bash', ['-e', '-c', install.run!], {
    cwd: dir,
    encoding: 'utf8',
    env: {
      ...install.env,
      OPTIONAL_SCANNERS: options.optional,
      ...files,
      RUNNER_TEMP: dir,
      PATH: `${bin}:/usr/bin:/bin`,
    },
  });
  return { ...result, output: readFileSync(files.GITHUB_OUTPUT, 'utf8') };
}

/** A tar.gz holding a file named gitleaks: what a tampered or wrong download looks like. */
function archiveNamedGitleaks(): string {
  const content = path.join(dir, 'content');
  mkdirSync(content);
  writeFileSync(path.join(content, 'gitleaks'), '#!/bin/sh\necho pwned\n');
  const archive = path.join(dir, 'served.tar.gz');
  spawnSync('tar', ['-czf', archive, '-C', content, 'gitleaks']);
  return archive;
}

// Bandit "on PATH at the pinned version", so the runs below are about Gitleaks and Trivy.
const bandit = { bandit: '#!/bin/sh\necho "bandit 1.9.4"\n' };

describe('security.yml: installing the pinned scanners', () => {
  it('refuses an archive whose sha256 is not the pinned one, unpacks nothing, and fails the job', () => {
    const result = runInstall({ served: archiveNamedGitleaks(), optional: 'trivy', tools: bandit });

    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      '::error::gitleaks: sha256 mismatch for https://github.com/gitleaks/gitleaks/releases/download/v8.30.1/gitleaks_8.30.1_linux_x64.tar.gz',
    );
    expect(result.stdout).toContain(
      '::error::gitleaks could not be installed and is not in optional-scanners: the gate would pass without it',
    );
    expect(existsSync(path.join(dir, 'security-scanners/bin/gitleaks'))).toBe(false);
  });

  it('uses a scanner on PATH at the pinned version and leaves an unreachable optional one out, saying so', () => {
    const gitleaks = { gitleaks: '#!/bin/sh\necho "8.30.1"\n' };
    const result = runInstall({ optional: 'trivy', tools: { ...bandit, ...gitleaks } });

    expect(result.status).toBe(0);
    expect(result.stdout).toContain('gitleaks 8.30.1: on PATH');
    expect(result.stdout).toContain('trivy 0.62.1: not on PATH and could not be installed');
    expect(result.output).toBe('ready=gitleaks bandit\nmissing=trivy\n');
  });

  it.each(['8.30.10', '8x30y1', '18.30.1'])('does not take version %s on PATH for the pinned 8.30.1', (version) => {
    const result = runInstall({ optional: 'trivy', tools: { ...bandit, gitleaks: `#!/bin/sh\necho "${version}"\n` } });

    expect(result.status).toBe(1);
    expect(result.stdout).toContain('gitleaks 8.30.1: not on PATH and could not be installed');
  });
});
