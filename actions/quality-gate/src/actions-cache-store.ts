// The baseline store of `baseline: cache`: GitHub's Actions cache through @actions/cache, loaded only when used, as
// it brings an HTTP client, Azure's storage SDK and tar handling that no other input needs.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type * as ActionsCache from '@actions/cache';
import type { BaselineStore } from './baseline-cache.js';

/**
 * A store keeping one file under `tempDir` (RUNNER_TEMP). The cache ties an entry to the paths it was saved with,
 * so restore and save use the same path; on GitHub-hosted runners RUNNER_TEMP is the same on every run.
 */
export function actionsCacheStore(tempDir: string): BaselineStore {
  const file = path.join(tempDir, 'quality-gate-baseline', 'quality-gate.json');
  const load = async (): Promise<typeof ActionsCache> => {
    const cache = await import('@actions/cache');
    if (!cache.isFeatureAvailable()) {
      throw new Error('the Actions cache service is not available to this step (ACTIONS_RESULTS_URL is not set)');
    }
    return cache;
  };
  return {
    async restore(keyPrefix) {
      const cache = await load();
      rmSync(file, { force: true });
      // A prefix as the primary key never matches exactly; as a restore key it matches the newest entry it starts.
      const key = await cache.restoreCache([file], keyPrefix, [keyPrefix]);
      if (key === undefined) return undefined;
      return { text: readFileSync(file, 'utf8'), key };
    },
    async save(key, text) {
      const cache = await load();
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
      const id = await cache.saveCache([file], key);
      if (id === -1) throw new Error('the cache refused the entry (see the warning above)');
    },
  };
}
