// The demo runs the committed bundles, as a workflow runs an action's dist/index.js. A bundle that is missing (an
// action merged before its dist/ was committed) is built first, that action only, said so; after changing an
// action's source, `pnpm build` brings its bundle up to date.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { humanDuration } from '@actions-kit/core';
import type { Progress } from './progress.js';
import { runCommand } from './service-checks.js';

/** The actions the demo's flow runs. */
export const DEMO_ACTIONS = ['quality-gate', 'security-scan', 'blue-green-switch', 'health-check'];

export async function buildMissingBundles(root: string, progress: Progress): Promise<void> {
  const missing = DEMO_ACTIONS.filter((action) => !existsSync(path.join(root, 'actions', action, 'dist/index.js')));
  if (missing.length === 0) return;
  // The pnpm version comes from the root package.json's packageManager field, so it is pinned in one place.
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { packageManager?: string };
  const pnpm = manifest.packageManager ?? 'pnpm';
  for (const action of missing) {
    progress.begin(`building ${action}`);
    progress.waitingOn(`its bundle (actions/${action}/dist) is missing: pnpm build, for this action only`);
    const built = await runCommand('npx', ['--yes', pnpm, '--filter', `./actions/${action}`, 'run', 'build'], {
      cwd: root,
      timeoutMs: 300_000,
    });
    progress.done();
    if (built.outcome !== 'success') throw new Error(`building ${action} failed:\n${built.output}`);
    progress.print(`Built actions/${action}/dist (it was missing) in ${humanDuration(built.durationMs)}.`);
  }
}
