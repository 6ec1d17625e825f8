// CLI: rebuilds every action (`pnpm build`) and fails when git sees any change or new file in their dist/ folders.
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadActionManifests, repoRoot } from './action-manifests.js';
import { runCheck } from './check-cli.js';
import { CheckError } from './check-error.js';
import { describeDrift, parsePorcelain } from './dist-drift.js';

function git(root: string, args: string[]): string {
  const result = spawnSync('git', ['-c', 'core.quotepath=off', ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new CheckError(`'git ${args.join(' ')}' failed (${result.error?.message ?? result.stderr.trim()})`);
  }
  return result.stdout;
}

// The pnpm version comes from the root package.json's packageManager field, so it is pinned in one place.
function build(root: string): boolean {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { packageManager?: string };
  const pnpm = manifest.packageManager ?? 'pnpm';
  console.log(`dist-check: npx --yes ${pnpm} build`);
  // Set by pnpm when this runs under `pnpm exec`; npm does not know it and would warn.
  const { npm_config_verify_deps_before_run: _pnpmOnly, ...env } = process.env;
  const result = spawnSync('npx', ['--yes', pnpm, 'build'], { cwd: root, stdio: 'inherit', env });
  return result.status === 0;
}

const args = process.argv.slice(2);
await runCheck('dist-check', () => {
  const unknown = args.filter((arg) => arg !== '--skip-build');
  if (unknown.length > 0) {
    return {
      ok: false,
      report: `dist-check: unknown argument(s) ${unknown.join(' ')}; the only option is --skip-build`,
    };
  }
  const root = repoRoot();
  const distDirs = loadActionManifests(root).map((manifest) => `${manifest.dir}/dist`);
  if (distDirs.length === 0) return { ok: true, report: 'dist-check: no actions found; nothing to check.' };
  if (!args.includes('--skip-build') && !build(root)) {
    return { ok: false, report: "dist-check: 'pnpm build' failed (see its output above); fix the build first." };
  }
  const changes = parsePorcelain(git(root, ['status', '--porcelain=v1', '--untracked-files=all', '--', ...distDirs]));
  // Against HEAD so that staged but uncommitted bundles show up too.
  const diff =
    changes.length === 0
      ? ''
      : git(root, ['diff', '--no-color', '--stat', 'HEAD', '--', ...distDirs]) +
        git(root, ['diff', '--no-color', 'HEAD', '--', ...distDirs]);
  const drift = describeDrift(distDirs, changes, diff);
  const summaryFile = process.env.GITHUB_STEP_SUMMARY;
  if (summaryFile) appendFileSync(summaryFile, drift.summary);
  return { ok: drift.ok, report: drift.text };
});
