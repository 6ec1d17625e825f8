// runAction in a real Node process: Node's own unhandled-rejection and uncaught-exception handling, and the exit
// code the runner sees. (The unit tests drive the same code through a stand-in for `process`.)
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const coreEntry = pathToFileURL(join(repoRoot, 'packages/core/src/index.ts')).href;
let dir: string;
let scripts = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'actions-kit-run-action-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `await runAction({ name: 'sample', main })` with the given body of main, as a bundled entry point would. */
function runMain(body: string): { status: number | null; stdout: string; stderr: string } {
  const script = join(dir, `main-${++scripts}.mts`);
  writeFileSync(
    script,
    `import { runAction, UserError, ConfigurationError } from '${coreEntry}';\n` +
      `void UserError; void ConfigurationError;\n` +
      `await runAction({ name: 'sample', main: async () => { ${body} } });\n`,
  );
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(INPUT|STATE|GITHUB)_/.test(key)));
  const result = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: repoRoot, env, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('runAction in a real process', () => {
  it('exits 0 with nothing on stdout when main succeeds', () => {
    expect(runMain('')).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('exits 1 with one error line and no stack for a ConfigurationError', () => {
    const result = runMain(`throw new ConfigurationError("timeout: '5 minutes' is not a duration");`);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("::error::sample: timeout: '5 minutes' is not a duration\n");
  });

  it('catches a promise that rejects with nobody waiting for it', () => {
    const result = runMain(`void Promise.reject(new Error('floating'));`);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^::error::sample: floating\n::debug::Error: floating%0A {4}at /);
  });

  it('catches an exception thrown after main returned', () => {
    const result = runMain(`setTimeout(() => { throw new UserError('late failure'); }, 0);`);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('::error::sample: late failure\n');
    expect(result.stderr).toBe('');
  });
});
