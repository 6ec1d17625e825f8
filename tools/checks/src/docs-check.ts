// CLI: fails when a `uses:` example in any Markdown file of the repository names an action that does not exist, or
// a third-party action that is not pinned by commit SHA.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadActionManifests, repoRoot } from './action-manifests.js';
import { runCheck } from './check-cli.js';
import { findUsesProblems } from './docs-examples.js';

await runCheck('docs-check', () => {
  const root = repoRoot();
  const actions = new Set(
    loadActionManifests(root)
      .map((manifest) => manifest.dir)
      .filter((dir) => dir.startsWith('actions/'))
      .map((dir) => dir.slice('actions/'.length)),
  );
  const files = execFileSync('git', ['ls-files', '*.md'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
  const repository = { actions, exists: (relative: string) => existsSync(path.join(root, relative)) };
  const problems = files.flatMap((file) =>
    findUsesProblems(file, readFileSync(path.join(root, file), 'utf8'), repository),
  );
  if (problems.length === 0) {
    return { ok: true, report: `docs-check: every uses: example in ${files.length} Markdown file(s) resolves.` };
  }
  return {
    ok: false,
    report: [
      `docs-check: ${problems.length} uses: example(s) that would not work as written:`,
      ...problems.map((p) => `  ${p}`),
    ].join('\n'),
  };
});
