// Which pull request a run may comment on, decided from the event alone: none for an event that is not about a pull
// request, none for a fork's pull request under `pull_request` (GitHub gives that run a read-only token).
import { quoteValue } from '@actions-kit/core';

/** What the runner says about the run: @actions/github's context, or a plain object in tests. */
export interface RunEvent {
  /** GITHUB_EVENT_NAME. */
  eventName: string | undefined;
  /** The payload GITHUB_EVENT_PATH holds. */
  payload: Record<string, unknown>;
  /** GITHUB_ACTOR. */
  actor: string | undefined;
  /** GITHUB_REPOSITORY as owner and name. */
  repo: { owner: string; repo: string };
}

export interface PullRequestTarget {
  comment: true;
  owner: string;
  repo: string;
  number: number;
  /** The pull request's head commit (GITHUB_SHA is the merge commit under pull_request). */
  headSha: string | undefined;
  /** Dependabot's `pull_request` runs get a read-only token unless the workflow grants more: a refusal says so. */
  byDependabot: boolean;
}

export interface NoComment {
  comment: false;
  /** Why, and what to do, for a notice. */
  reason: string;
}

const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target'];

export function pullRequestTarget(run: RunEvent): PullRequestTarget | NoComment {
  const event = run.eventName ?? '';
  const pullRequest = objectAt(run.payload, 'pull_request');
  if (!PULL_REQUEST_EVENTS.includes(event) || !pullRequest) {
    return {
      comment: false,
      reason:
        `this run is for ${event === '' ? 'no event' : `a ${quoteValue(event)} event`}, not a pull request: ` +
        'nothing to comment on; the summary is in the job summary',
    };
  }
  const number = pullRequest['number'];
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 1) {
    return { comment: false, reason: `the ${event} event's payload has no pull request number; nothing to comment on` };
  }
  const base = `${run.repo.owner}/${run.repo.repo}`;
  const head = stringAt(objectAt(objectAt(pullRequest, 'head'), 'repo'), 'full_name');
  if (event === 'pull_request' && head?.toLowerCase() !== base.toLowerCase()) {
    const from = head === undefined ? 'a fork that no longer exists' : `the fork ${quoteValue(head)}`;
    return {
      comment: false,
      reason:
        `pull request #${number} comes from ${from}, and GitHub gives a pull_request run from a fork a read-only ` +
        'token: not commenting, the summary is in the job summary. To comment on pull requests from forks, run ' +
        'on pull_request_target without running the fork\'s code (see the README, "Pull-request comment")',
    };
  }
  return {
    comment: true,
    owner: run.repo.owner,
    repo: run.repo.repo,
    number,
    headSha: stringAt(objectAt(pullRequest, 'head'), 'sha'),
    byDependabot: event === 'pull_request' && run.actor === 'dependabot[bot]',
  };
}

function objectAt(value: unknown, key: string): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const inner = (value as Record<string, unknown>)[key];
  return typeof inner === 'object' && inner !== null && !Array.isArray(inner)
    ? (inner as Record<string, unknown>)
    : undefined;
}

function stringAt(value: Record<string, unknown> | undefined, key: string): string | undefined {
  const inner = value?.[key];
  return typeof inner === 'string' ? inner : undefined;
}
