// The conformance tier's access to ../shared/fixtures (beside the repository on CI and developers' machines, never
// copied into it). Imported as '@actions-kit/testkit/shared-fixtures': it uses @jest/globals, which throws outside Jest.
import { describe, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface SharedFixtures {
  /** The absolute path of `folder` under ../shared/fixtures. */
  root: string;
  /** `describe` when the fixtures are there, `describe.skip` otherwise (a failing test stands in for them on CI). */
  suite: typeof describe | typeof describe.skip;
}

/**
 * `folder` of the shared fixtures ('' for all of them), there when `marker` (a file under it) is. Missing on CI
 * (CI=true) is a failing test, never a skip; elsewhere the tier says it is skipped and why.
 */
export function sharedFixtures(tier: string, folder: string, marker: string): SharedFixtures {
  const root = path.resolve(REPO_ROOT, '../shared/fixtures', folder);
  const available = existsSync(path.join(root, marker));
  if (!available) {
    if (process.env['CI'] === 'true') {
      describe('shared fixtures', () => {
        it('are present in CI', () => {
          throw new Error(
            `The conformance fixtures are missing: expected ${root} (../shared/fixtures beside the repository).`,
          );
        });
      });
    } else {
      console.warn(
        `${tier} conformance: skipped, ${root} does not exist (it is only beside the repository on CI and dev machines).`,
      );
    }
  }
  return { root, suite: available ? describe : describe.skip };
}
