// `baseline: cache`: which branch's result a run restores and whether it saves its own, decided from the event, and
// the restore and save around a store (GitHub's cache in the action, a folder in tests). A cache that cannot be
// reached never fails the gate: the baseline is then absent, and the summary says why.
import { BaselineFormatError, readBaselineMetrics } from './result-file.js';
import type { BaselineState } from './metrics.js';

/** Where results are kept between runs: restore the newest entry whose key starts with a prefix; save under a key. */
export interface BaselineStore {
  /** The saved text and its key, or undefined when no entry matches. */
  restore(keyPrefix: string): Promise<{ text: string; key: string } | undefined>;
  save(key: string, text: string): Promise<void>;
}

export interface RunEvent {
  /** GITHUB_EVENT_NAME. */
  name: string;
  /** GITHUB_REF, e.g. refs/heads/main or refs/pull/12/merge. */
  ref: string;
  /** GITHUB_BASE_REF: the pull request's base branch. */
  baseRef?: string;
  /** The repository's default branch, from the event payload. */
  defaultBranch?: string;
  sha: string;
  runId: string;
  runAttempt: string;
}

export interface CachePlan {
  /** The branch whose latest result is the baseline; undefined when none can be named. */
  restoreFrom?: string;
  /** Set when this run's result becomes the baseline of that branch (a run on the default branch, not a PR). */
  saveAs?: string;
  /** Why nothing is restored or saved, for the summary. */
  note?: string;
}

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target', 'pull_request_review']);

export function planBaselineCache(event: RunEvent): CachePlan {
  if (PULL_REQUEST_EVENTS.has(event.name)) {
    if (!event.baseRef) return { note: `no base branch in the ${event.name} event (GITHUB_BASE_REF is empty)` };
    return { restoreFrom: event.baseRef };
  }
  if (!event.defaultBranch) {
    return { note: `the ${event.name} event does not name the default branch, so no baseline is restored or saved` };
  }
  const branch = event.ref.startsWith('refs/heads/') ? event.ref.slice('refs/heads/'.length) : undefined;
  if (branch === event.defaultBranch) return { restoreFrom: branch, saveAs: branch };
  return { restoreFrom: event.defaultBranch };
}

/** The branch ends in ':', which git forbids in branch names, so main's prefix never matches main-fix's entries. */
export function keyPrefix(branch: string): string {
  return `quality-gate-baseline:${branch}:`;
}

/** A fresh key per run: cache entries cannot be overwritten, and restoring by prefix takes the newest. */
export function saveKey(branch: string, event: RunEvent): string {
  return `${keyPrefix(branch)}${event.sha}-${event.runId}-${event.runAttempt}`;
}

/** The baseline the plan names, or why there is none. */
export async function restoreBaseline(plan: CachePlan, store: BaselineStore): Promise<BaselineState> {
  if (!plan.restoreFrom) return { kind: 'absent', reason: `no baseline: ${plan.note ?? 'no branch to restore from'}` };
  let entry: { text: string; key: string } | undefined;
  try {
    entry = await store.restore(keyPrefix(plan.restoreFrom));
  } catch (error) {
    return { kind: 'absent', reason: `no baseline: the cache could not be read (${(error as Error).message})` };
  }
  if (!entry) {
    return {
      kind: 'absent',
      reason:
        `no baseline: the cache holds no result from ${plan.restoreFrom} yet (a run of this gate on a push to ` +
        `${plan.restoreFrom} saves one)`,
    };
  }
  try {
    return { kind: 'loaded', metrics: readBaselineMetrics(entry.text), from: `cache entry ${entry.key}` };
  } catch (error) {
    if (!(error instanceof BaselineFormatError)) throw error;
    return { kind: 'absent', reason: `no baseline: the cache entry ${entry.key} is not usable: ${error.message}` };
  }
}

/** Saves the result when the plan says so; a message for the log either way (a failed save is not a failed gate). */
export async function saveBaseline(
  plan: CachePlan,
  store: BaselineStore,
  event: RunEvent,
  text: string,
): Promise<{ saved: boolean; message: string }> {
  if (!plan.saveAs) {
    return {
      saved: false,
      message: 'baseline not saved: only a run on the default branch (not a pull request) saves it',
    };
  }
  const key = saveKey(plan.saveAs, event);
  try {
    await store.save(key, text);
    return { saved: true, message: `baseline saved as cache entry ${key}` };
  } catch (error) {
    return { saved: false, message: `baseline not saved as cache entry ${key}: ${(error as Error).message}` };
  }
}
