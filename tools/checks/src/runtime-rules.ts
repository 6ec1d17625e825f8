// The node runtime rule: every action runs on the same Node version and its entry files exist.
import path from 'node:path';
import type { ActionMetadata } from '@actions-kit/harness';

/** The runtime every action declares; bumping it means bumping it here and in every action.yml together. */
export const EXPECTED_RUNTIME = 'node24';

/** One line per problem, each naming the metadata file and the value found; empty when all is well. */
export function findRuntimeProblems(
  manifests: readonly ActionMetadata[],
  fileExists: (pathFromRoot: string) => boolean,
): string[] {
  const problems: string[] = [];
  for (const manifest of manifests) {
    const { using } = manifest.runs;
    if (using !== EXPECTED_RUNTIME) {
      problems.push(`${manifest.file}: runs.using is ${describe(using)}; expected '${EXPECTED_RUNTIME}'`);
    }
    for (const entry of ['main', 'pre', 'post'] as const) {
      const value = manifest.runs[entry];
      if (value === undefined) {
        if (entry === 'main') problems.push(`${manifest.file}: runs.main is missing`);
        continue;
      }
      if (typeof value !== 'string' || value.trim() === '') {
        problems.push(`${manifest.file}: runs.${entry} is ${describe(value)}; expected a path such as 'dist/index.js'`);
        continue;
      }
      const target = path.posix.join(manifest.dir, value);
      if (!fileExists(target)) problems.push(`${manifest.file}: runs.${entry} '${value}' does not exist (${target})`);
    }
  }
  return problems;
}

/** `node24 ×3, node20 ×1`: what the actions declare, to show at a glance whether they agree. */
export function summariseRuntimes(manifests: readonly ActionMetadata[]): string {
  const counts = new Map<string, number>();
  for (const manifest of manifests) {
    const key = describe(manifest.runs.using);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([using, count]) => `${using} ×${count}`).join(', ');
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  return typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
}
