// Finds an action by the name `pnpm action` is given: a folder under actions/ or the harness' test fixtures.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Where actions live, relative to the repository root: shipped actions first, then test-only fixtures. */
export const ACTION_PARENT_DIRS = ['actions', 'packages/harness/__fixtures__'];

function hasMetadata(dir: string): boolean {
  return existsSync(path.join(dir, 'action.yml')) || existsSync(path.join(dir, 'action.yaml'));
}

/** Every action's folder name, as `pnpm action` accepts it. */
export function listActionNames(root: string): string[] {
  const names: string[] = [];
  for (const parent of ACTION_PARENT_DIRS) {
    const dir = path.join(root, parent);
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && hasMetadata(path.join(dir, entry.name))) names.push(entry.name);
    }
  }
  return names.sort();
}

/**
 * The action's folder. `<name>-action` is accepted for `<name>` too, since an action's folder often carries the
 * suffix its runAction name leaves out (`sample` → sample-action).
 */
export function findActionDir(root: string, name: string): string {
  for (const candidate of [name, `${name}-action`]) {
    for (const parent of ACTION_PARENT_DIRS) {
      const dir = path.join(root, parent, candidate);
      if (!candidate.includes('/') && !candidate.includes('\\') && hasMetadata(dir)) return dir;
    }
  }
  const known = listActionNames(root);
  throw new Error(
    `no action named '${name}' under ${ACTION_PARENT_DIRS.join('/ or ')}/; known actions: ` +
      (known.length > 0 ? known.join(', ') : '(none)'),
  );
}
