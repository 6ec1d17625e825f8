// CLI: runs the pinned actionlint, with shellcheck for the `run:` scripts (both required), over
// .github/workflows/*.yml and *.yaml, and the sample service's pipeline (a caller's workflow, kept under examples/).
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './action-manifests.js';
import { runCheck } from './check-cli.js';
import { formatFindings, runActionlint } from './workflow-lint.js';

const WORKFLOW_DIRS = ['.github/workflows', 'examples/sample-service/.github/workflows'];

await runCheck('actionlint', () => {
  const root = repoRoot();
  const files = WORKFLOW_DIRS.flatMap((dir) => {
    const absolute = path.join(root, dir);
    if (!existsSync(absolute)) return [];
    return readdirSync(absolute)
      .filter((name) => /\.ya?ml$/.test(name))
      .sort()
      .map((name) => `${dir}/${name}`);
  });
  if (files.length === 0)
    return { ok: true, report: `actionlint: no workflow files in ${WORKFLOW_DIRS.join(' or ')}; nothing to lint.` };
  const findings = formatFindings(runActionlint(root, files));
  if (findings.length === 0) return { ok: true, report: `actionlint: ${files.length} workflow file(s), no findings.` };
  return {
    ok: false,
    report: [
      ...findings,
      `actionlint: ${findings.length} finding(s) in ${files.length} workflow file(s); fix each at the line shown.`,
    ].join('\n'),
  };
});
