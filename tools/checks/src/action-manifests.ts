// Reads the action.yml of every action of the repository (shipped actions and test-only fixtures) with the
// harness' reader; a malformed one is a CheckError, reported as a problem to fix rather than a crash.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ActionManifestError, findActionFiles, parseActionMetadata, type ActionMetadata } from '@actions-kit/harness';
import { CheckError } from './check-error.js';

export function repoRoot(): string {
  // tools/checks/src/<this file> → three levels up.
  return fileURLToPath(new URL('../../../', import.meta.url));
}

/** Every action's metadata, in the order of findActionFiles, its `file` and `dir` relative to the root. */
export function loadActionManifests(root: string): ActionMetadata[] {
  return findActionFiles(root).map((file) => {
    try {
      return parseActionMetadata(readFileSync(path.join(root, file), 'utf8'), file);
    } catch (error) {
      throw error instanceof ActionManifestError ? new CheckError(error.message) : error;
    }
  });
}
