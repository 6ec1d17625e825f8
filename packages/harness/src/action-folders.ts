// Finds the repository's actions: every folder under actions/ or the harness' test fixtures that holds an
// action.yml, by the name `pnpm action` is given or all of them.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Where actions live, relative to the repository root: shipped actions first, then test-only fixtures. */
export const ACTION_PARENT_DIRS = ['actions', 'packages/harness/__fixtures__'];

/** GitHub accepts either name; action.yml wins when both exist, as on the runner. */
const METADATA_FILES = ['action.yml', 'action.yaml'];

/** The action's metadata file in `dir` (action.yml, else action.yaml); undefined when there is neither. */
export function metadataFile(dir: string): string | undefined {
  return METADATA_FILES.map((name) => path.join(dir, name)).find((file) => existsSync(file));
}

/**
 * The metadata file of every action (relative to the root, forward slashes, sorted), one per sub-folder of each
 * parent dir; a missing parent dir simply contributes nothing.
 */
export function findActionFiles(root: string): string[] {
  const found: string[] = [];
  for (const parent of ACTION_PARENT_DIRS) {
    const absolute = path.join(root, parent);
    if (!existsSync(absolute)) continue;
    for (const entry of readdirSync(absolute, { withFileTypes: true })) {
      const metadata = entry.isDirectory() ? metadataFile(path.join(absolute, entry.name)) : undefined;
      if (metadata) found.push(`${parent}/${entry.name}/${path.basename(metadata)}`);
    }
  }
  return found.sort();
}

/** Every action's folder name, as `pnpm action` accepts it. */
export function listActionNames(root: string): string[] {
  return findActionFiles(root)
    .map((file) => path.posix.basename(path.posix.dirname(file)))
    .sort();
}

/**
 * The action's folder. `<name>-action` is accepted for `<name>` too, since an action's folder often carries the
 * suffix its runAction name leaves out (`sample` → sample-action).
 */
export function findActionDir(root: string, name: string): string {
  for (const candidate of [name, `${name}-action`]) {
    for (const parent of ACTION_PARENT_DIRS) {
      const dir = path.join(root, parent, candidate);
      if (!candidate.includes('/') && !candidate.includes('\\') && metadataFile(dir)) return dir;
    }
  }
  const known = listActionNames(root);
  throw new Error(
    `no action named '${name}' under ${ACTION_PARENT_DIRS.join('/ or ')}/; known actions: ` +
      (known.length > 0 ? known.join(', ') : '(none)'),
  );
}
