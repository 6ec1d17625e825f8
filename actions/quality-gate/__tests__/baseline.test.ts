import { describe, expect, it } from '@jest/globals';
import { planBaselineCache, restoreBaseline, saveBaseline, type RunEvent } from '../src/baseline-cache.js';
import { BaselineFormatError, RESULT_SCHEMA, readBaselineMetrics } from '../src/result-file.js';
import { MemoryStore } from './support/memory-store.js';

const PUSH_MAIN: RunEvent = {
  name: 'push',
  ref: 'refs/heads/main',
  defaultBranch: 'main',
  sha: 'c0ffee',
  runId: '42',
  runAttempt: '1',
};
const PULL_REQUEST: RunEvent = { ...PUSH_MAIN, name: 'pull_request', ref: 'refs/pull/7/merge', baseRef: 'release' };

const resultText = (metrics: Record<string, unknown>, version: unknown = 1): string =>
  JSON.stringify({ schema: RESULT_SCHEMA, version, metrics, passed: true, conditions: [] });

describe('planBaselineCache', () => {
  it('restores the base branch on a pull request and saves nothing', () => {
    expect(planBaselineCache(PULL_REQUEST)).toEqual({ restoreFrom: 'release' });
    expect(planBaselineCache({ ...PULL_REQUEST, name: 'pull_request_target' })).toEqual({ restoreFrom: 'release' });
  });

  it('restores and saves on the default branch', () => {
    expect(planBaselineCache(PUSH_MAIN)).toEqual({ restoreFrom: 'main', saveAs: 'main' });
    expect(planBaselineCache({ ...PUSH_MAIN, name: 'schedule' })).toEqual({ restoreFrom: 'main', saveAs: 'main' });
  });

  it('compares another branch with the default branch without saving', () => {
    expect(planBaselineCache({ ...PUSH_MAIN, ref: 'refs/heads/feature' })).toEqual({ restoreFrom: 'main' });
    expect(planBaselineCache({ ...PUSH_MAIN, ref: 'refs/tags/v1' })).toEqual({ restoreFrom: 'main' });
  });

  it('says why when the event names no branch', () => {
    expect(planBaselineCache({ ...PULL_REQUEST, baseRef: undefined }).note).toContain('GITHUB_BASE_REF is empty');
    const { defaultBranch: _, ...noDefault } = PUSH_MAIN;
    expect(planBaselineCache(noDefault)).toEqual({
      note: 'the push event does not name the default branch, so no baseline is restored or saved',
    });
  });
});

describe('restore and save through a store', () => {
  it('saves a run on main under a fresh key, and a pull request restores the newest one', async () => {
    const store = new MemoryStore();
    const plan = planBaselineCache(PUSH_MAIN);
    expect(await saveBaseline(plan, store, PUSH_MAIN, resultText({ 'coverage.lines': 70 }))).toEqual({
      saved: true,
      message: 'baseline saved as cache entry quality-gate-baseline:main:c0ffee-42-1',
    });
    const second = { ...PUSH_MAIN, sha: 'beef', runId: '43' };
    await saveBaseline(plan, store, second, resultText({ 'coverage.lines': 75 }));
    const pr = { ...PULL_REQUEST, baseRef: 'main' };
    expect(await restoreBaseline(planBaselineCache(pr), store)).toEqual({
      kind: 'loaded',
      metrics: { 'coverage.lines': 75 },
      from: 'cache entry quality-gate-baseline:main:beef-43-1',
    });
  });

  it('does not save from a pull request', async () => {
    const store = new MemoryStore();
    const saved = await saveBaseline(planBaselineCache(PULL_REQUEST), store, PULL_REQUEST, resultText({}));
    expect(saved.saved).toBe(false);
    expect(store.entries).toEqual([]);
  });

  it('never takes the entry of a branch whose name starts with the base branch name', async () => {
    const store = new MemoryStore();
    const fix = { ...PUSH_MAIN, ref: 'refs/heads/main-fix', defaultBranch: 'main-fix' };
    await saveBaseline(planBaselineCache(fix), store, fix, resultText({ 'coverage.lines': 1 }));
    expect(store.entries).toHaveLength(1);
    expect((await restoreBaseline({ restoreFrom: 'main' }, store)).kind).toBe('absent');
  });

  it('has no baseline, and says why, when the cache is empty, unreachable or holds something else', async () => {
    expect(await restoreBaseline({ restoreFrom: 'main' }, new MemoryStore())).toEqual({
      kind: 'absent',
      reason: 'no baseline: the cache holds no result from main yet (a run of this gate on a push to main saves one)',
    });
    expect(await restoreBaseline({ restoreFrom: 'main' }, new MemoryStore(new Error('service down')))).toEqual({
      kind: 'absent',
      reason: 'no baseline: the cache could not be read (service down)',
    });
    const store = new MemoryStore();
    store.entries.push({ key: 'quality-gate-baseline:main:x', text: '{"schema":"other"}' });
    const restored = await restoreBaseline({ restoreFrom: 'main' }, store);
    expect(restored).toMatchObject({ kind: 'absent' });
    expect(restored.kind === 'absent' && restored.reason).toContain('not a quality-gate result');
  });

  it('reports a save the cache refused without throwing', async () => {
    const saved = await saveBaseline(
      planBaselineCache(PUSH_MAIN),
      new MemoryStore(new Error('cache write denied')),
      PUSH_MAIN,
      '{}',
    );
    expect(saved).toEqual({
      saved: false,
      message: 'baseline not saved as cache entry quality-gate-baseline:main:c0ffee-42-1: cache write denied',
    });
  });
});

describe('readBaselineMetrics', () => {
  const refused = (text: string): string => {
    try {
      readBaselineMetrics(text);
    } catch (error) {
      if (error instanceof BaselineFormatError) return error.message;
      throw error;
    }
    throw new Error('expected a BaselineFormatError');
  };

  it('reads the metrics of a result file', () => {
    expect(readBaselineMetrics(resultText({ 'coverage.lines': 81.25, 'tests.failed': 0 }))).toEqual({
      'coverage.lines': 81.25,
      'tests.failed': 0,
    });
  });

  it('refuses what is not a result file of a version it reads, saying why', () => {
    expect(refused('{oops')).toMatch(/^not JSON/);
    expect(refused('{"metrics":{}}')).toContain('not a quality-gate result');
    expect(refused(resultText({}, 2))).toContain('version 2, written by a newer quality-gate');
    expect(refused(resultText({}, 'one'))).toContain('is not a version number');
    expect(refused(resultText({ 'coverage.lines': '80' }))).toContain(`'coverage.lines' is '"80"', not a number`);
    expect(refused(JSON.stringify({ schema: RESULT_SCHEMA, version: 1, metrics: [] }))).toContain('not an object');
  });
});
