// What an action calls to post its summary on the run's pull request: decides whether there is one to comment on,
// then creates or updates the action's sticky comment. Never throws for GitHub's answers: the action's verdict must
// not change because a comment could not be posted, so a refusal is a warning that says why and what to do.
import { systemClock, type Clock } from '@actions-kit/clock';
import type { SummaryBuilder } from '@actions-kit/core';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './github-answers.js';
import { failedRequest, gitHubClient } from './github-client.js';
import { failureMessage } from './failure-message.js';
import { stickyMarker } from './marker.js';
import { pullRequestTarget, type PullRequestTarget } from './pull-request.js';
import { upsertStickyComment } from './sticky-comment.js';

export interface PullRequestComment {
  /** The action's name: the marker's and the footer's. */
  action: string;
  /** The comment-key input ('' for one comment per action). */
  key: string;
  /** A token that may write pull requests (github.token with `permissions: pull-requests: write`). */
  token: string;
  /** The summary to post; not changed or emptied. */
  summary: SummaryBuilder;
}

/** Where the outcome is told: the runner's notice, warning, log and debug lines (plain lists in tests). */
export interface CommentLog {
  notice(message: string): void;
  warning(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

export type CommentOutcome =
  | { status: 'created' | 'updated'; url: string }
  | { status: 'skipped'; reason: string }
  | { status: 'failed'; reason: string };

export interface CommentOptions {
  clock?: Pick<Clock, 'sleep'>;
  wallNow?: () => number;
  policy?: RetryPolicy;
}

export async function commentOnPullRequest(
  request: PullRequestComment,
  log: CommentLog,
  options: CommentOptions = {},
): Promise<CommentOutcome> {
  const marker = stickyMarker(request.action, request.key);
  const wallNow = options.wallNow ?? Date.now;
  let target: PullRequestTarget | undefined;
  try {
    // The context reads the event payload (GITHUB_EVENT_PATH) when @actions/github is first loaded.
    const { context } = await import('@actions/github');
    const decision = pullRequestTarget(context);
    if (!decision.comment) {
      log.notice(`comment-on-pr: ${decision.reason}`);
      return { status: 'skipped', reason: decision.reason };
    }
    target = decision;
    const github = await gitHubClient({
      token: request.token,
      apiUrl: context.apiUrl,
      policy: options.policy ?? DEFAULT_RETRY_POLICY,
      clock: options.clock ?? systemClock,
      wallNow,
      debug: log.debug,
      info: log.info,
    });
    const result = await upsertStickyComment(github, {
      owner: target.owner,
      repo: target.repo,
      number: target.number,
      marker,
      summary: request.summary,
      footer: footer(request.action, target, context),
    });
    log.info(`comment-on-pr: ${result.action} the comment on pull request #${target.number}: ${result.url}`);
    return { status: result.action, url: result.url };
  } catch (error) {
    const failed = target && failedRequest(error, '');
    const reason =
      failed && target
        ? failureMessage(failed, target, wallNow())
        : `could not comment on the pull request: ${error instanceof Error ? error.message : String(error)}`;
    if (!failed && error instanceof Error && error.stack) log.debug(error.stack);
    log.warning(`comment-on-pr: ${reason}`);
    return { status: 'failed', reason };
  }
}

interface RunFacts {
  serverUrl: string;
  runId: number;
  runNumber: number;
}

/** Which commit and run the comment describes, so a comment kept across pushes says how current it is. */
function footer(action: string, target: PullRequestTarget, run: RunFacts): string {
  const commit =
    target.headSha && /^[0-9a-f]{7,64}$/.test(target.headSha) ? ` for commit ${target.headSha.slice(0, 7)}` : '';
  const runPage = `${run.serverUrl}/${target.owner}/${target.repo}/actions/runs/${run.runId}`;
  const where =
    Number.isSafeInteger(run.runId) && /^https?:\/\//.test(run.serverUrl)
      ? ` in [run ${run.runNumber}](${runPage})`
      : '';
  return `Posted by ${action}${commit}${where}; updated on each push.`;
}
