// Why a comment was not posted, in words that say what to change: the token's permissions, a rate limit, an API
// that did not answer. GitHub's own message is quoted, never trusted.
import { quoteValue } from '@actions-kit/core';
import { judge, type FailedRequest } from './github-answers.js';
import type { PullRequestTarget } from './pull-request.js';

export function failureMessage(failed: FailedRequest, target: PullRequestTarget, nowMs: number): string {
  const where = `pull request #${target.number} in ${target.owner}/${target.repo}`;
  const said = quoteValue(failed.message);
  const judgement = judge(failed, nowMs);
  if (judgement.kind === 'rate-limited') {
    return `GitHub's API rate limit is used up for another ${minutes(judgement.waitMs)} (${failed.status} ${said}); the comment on ${where} was not updated`;
  }
  if (failed.status === undefined) return `GitHub's API did not answer (${said}); no comment was posted on ${where}`;
  if (failed.status >= 500)
    return `GitHub's API failed (${failed.status} ${said}); the comment on ${where} may be out of date`;
  switch (failed.status) {
    case 401:
      return `GitHub refused the token (401 ${said}): set github-token to a valid token (the default is github.token)`;
    case 403:
      return (
        `the token may not comment on ${where} (403 ${said}): give the job "permissions: pull-requests: write"` +
        (target.byDependabot
          ? "; Dependabot's pull_request runs get a read-only token unless the workflow grants it"
          : '')
      );
    case 404:
      return `GitHub answered 404 (${said}) for ${where}: the token cannot see that repository, or the pull request is gone`;
    default:
      return `GitHub refused the comment on ${where} (${failed.status} ${said})`;
  }
}

function minutes(ms: number): string {
  const whole = Math.ceil(ms / 60_000);
  return `${whole} minute${whole === 1 ? '' : 's'}`;
}
