// Why a comment was not posted, in words that say what to change.
import { describe, expect, it } from '@jest/globals';
import { failureMessage } from '../src/failure-message.js';
import type { FailedRequest } from '../src/github-answers.js';
import type { PullRequestTarget } from '../src/pull-request.js';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const target: PullRequestTarget = {
  comment: true,
  owner: 'octo-org',
  repo: 'octo-repo',
  number: 7,
  headSha: undefined,
  byDependabot: false,
};
const failed = (
  status: number | undefined,
  message: string,
  headers: FailedRequest['headers'] = {},
): FailedRequest => ({
  method: 'GET',
  status,
  headers,
  message,
});

describe('failureMessage', () => {
  it('tells a 403 to grant pull-requests: write, quoting GitHub', () => {
    expect(failureMessage(failed(403, 'Resource not accessible by integration'), target, NOW)).toBe(
      "the token may not comment on pull request #7 in octo-org/octo-repo (403 'Resource not accessible by integration'): " +
        'give the job "permissions: pull-requests: write"',
    );
  });

  it("adds Dependabot's read-only default on a Dependabot run", () => {
    expect(failureMessage(failed(403, 'Forbidden'), { ...target, byDependabot: true }, NOW)).toMatch(
      /"permissions: pull-requests: write"; Dependabot's pull_request runs get a read-only token unless the workflow grants it$/,
    );
  });

  it('names the token input on a 401 and the repository on a 404', () => {
    expect(failureMessage(failed(401, 'Bad credentials'), target, NOW)).toBe(
      "GitHub refused the token (401 'Bad credentials'): set github-token to a valid token (the default is github.token)",
    );
    expect(failureMessage(failed(404, 'Not Found'), target, NOW)).toBe(
      "GitHub answered 404 ('Not Found') for pull request #7 in octo-org/octo-repo: the token cannot see that repository, or the pull request is gone",
    );
  });

  it('says how long a rate limit lasts', () => {
    const headers = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1_000 + 125) };
    expect(failureMessage(failed(403, 'API rate limit exceeded', headers), target, NOW)).toBe(
      "GitHub's API rate limit is used up for another 3 minutes (403 'API rate limit exceeded'); the comment on pull request #7 in octo-org/octo-repo was not updated",
    );
  });

  it('quotes a hostile message on one line, cut short', () => {
    const message = failureMessage(failed(422, `line one\n::error::forged${'x'.repeat(300)}`), target, NOW);
    expect(message).not.toContain('\n');
    expect(message).toContain("(422 'line one\\n::error::forged");
    expect(message.length).toBeLessThan(250);
  });

  it('tells no answer and a 5xx apart', () => {
    expect(failureMessage(failed(undefined, 'connect ECONNREFUSED 127.0.0.1:9'), target, NOW)).toBe(
      "GitHub's API did not answer ('connect ECONNREFUSED 127.0.0.1:9'); no comment was posted on pull request #7 in octo-org/octo-repo",
    );
    expect(failureMessage(failed(503, 'Unavailable'), target, NOW)).toMatch(
      /^GitHub's API failed \(503 'Unavailable'\); the comment on pull request #7 .* may be out of date$/,
    );
  });
});
