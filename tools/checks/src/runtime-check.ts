// CLI: fails unless every action.yml declares `runs.using: node24` and its main/pre/post files exist.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadActionManifests, repoRoot } from './action-manifests.js';
import { runCheck } from './check-cli.js';
import { EXPECTED_RUNTIME, findRuntimeProblems, summariseRuntimes } from './runtime-rules.js';

await runCheck('runtime-check', () => {
  const root = repoRoot();
  const manifests = loadActionManifests(root);
  if (manifests.length === 0) return { ok: true, report: 'runtime-check: no actions found; nothing to check.' };
  const problems = findRuntimeProblems(manifests, (file) => existsSync(path.join(root, file)));
  const declared = `runs.using declared: ${summariseRuntimes(manifests)}`;
  if (problems.length === 0) {
    return {
      ok: true,
      report: `runtime-check: ${manifests.length} action(s) all run on ${EXPECTED_RUNTIME} (${declared}).`,
    };
  }
  return {
    ok: false,
    report: [
      `runtime-check: ${problems.length} problem(s) in ${manifests.length} action(s) (${declared}):`,
      ...problems.map((problem) => `  ${problem}`),
      `Fix: set 'runs.using: ${EXPECTED_RUNTIME}' in each listed action.yml; for a missing entry file run`,
      `'pnpm build' and commit the action's dist/ (or correct the path in action.yml).`,
    ].join('\n'),
  };
});
