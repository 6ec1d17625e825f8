// CLI: checks each action README's Inputs/Outputs tables against action.yml; `--write` regenerates them in place.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import type { ActionMetadata } from '@actions-kit/harness';
import { loadActionManifests, repoRoot } from './action-manifests.js';
import { runCheck } from './check-cli.js';
import { compareReadme, newReadme, rewriteReadme } from './readme-tables.js';

const WRITE_COMMAND = 'pnpm exec tsx tools/checks/src/readme-check.ts --write';

function readmeFile(manifest: ActionMetadata): string {
  return `${manifest.dir}/README.md`;
}

// Formatted as `prettier --check .` expects, so a regenerated README passes lint as it is.
async function prettierFormat(text: string, absolutePath: string): Promise<string> {
  const config = (await resolveConfig(absolutePath)) ?? {};
  return format(text, { ...config, filepath: absolutePath });
}

async function writeTables(root: string, manifests: ActionMetadata[]): Promise<string> {
  const report: string[] = [];
  for (const manifest of manifests) {
    const file = readmeFile(manifest);
    const absolute = path.join(root, file);
    const before = existsSync(absolute) ? readFileSync(absolute, 'utf8') : undefined;
    const after = await prettierFormat(
      before === undefined ? newReadme(manifest) : rewriteReadme(before, manifest),
      absolute,
    );
    if (after === before) {
      report.push(`  ${file}: up to date`);
    } else {
      writeFileSync(absolute, after);
      report.push(`  ${file}: ${before === undefined ? 'created' : 'tables regenerated'}`);
    }
  }
  return [`readme-check --write: ${manifests.length} action README(s)`, ...report].join('\n');
}

function checkTables(root: string, manifests: ActionMetadata[]): { ok: boolean; report: string } {
  const stale: string[] = [];
  for (const manifest of manifests) {
    const file = readmeFile(manifest);
    const absolute = path.join(root, file);
    if (!existsSync(absolute)) {
      stale.push(`${file}: missing (every action documents its inputs and outputs)`);
      continue;
    }
    const mismatches = compareReadme(readFileSync(absolute, 'utf8'), manifest);
    if (mismatches.length === 0) continue;
    stale.push(`${file}: out of date with ${manifest.file}`);
    for (const mismatch of mismatches) {
      stale.push(`  ${mismatch.section}: ${mismatch.reason}`, ...mismatch.diff.map((line) => `    ${line}`));
    }
  }
  if (stale.length === 0) {
    return { ok: true, report: `readme-check: ${manifests.length} README(s) match their action.yml.` };
  }
  return {
    ok: false,
    report: [
      'readme-check: README tables differ from action.yml ("-" is in the README, "+" is what action.yml says):',
      ...stale,
      `Fix: run '${WRITE_COMMAND}' and commit the README(s); the tables are generated, never edited by hand.`,
    ].join('\n'),
  };
}

const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== '--write');
await runCheck('readme-check', async () => {
  if (unknown.length > 0) {
    return { ok: false, report: `readme-check: unknown argument(s) ${unknown.join(' ')}; the only option is --write` };
  }
  const root = repoRoot();
  const manifests = loadActionManifests(root);
  if (manifests.length === 0) return { ok: true, report: 'readme-check: no actions found; nothing to check.' };
  if (args.includes('--write')) return { ok: true, report: await writeTables(root, manifests) };
  return checkTables(root, manifests);
});
