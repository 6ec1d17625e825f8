// Which pull request a run may comment on, from the event alone.
import { describe, expect, it } from '@jest/globals';
import { pullRequestTarget, type RunEvent } from '../src/pull-request.js';

const HEAD_SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

function pullRequestRun(overrides: { event?: string; headRepo?: string | null; actor?: string } = {}): RunEvent {
  const headRepo = overrides.headRepo === undefined ? 'octo-org/octo-repo' : overrides.headRepo;
  return {
    eventName: overrides.event ?? 'pull_request',
    actor: overrides.actor ?? 'octocat',
    repo: { owner: 'octo-org', repo: 'octo-repo' },
    payload: {
      number: 7,
      pull_request: { number: 7, head: { sha: HEAD_SHA, repo: headRepo === null ? null : { full_name: headRepo } } },
    },
  };
}

describe('pullRequestTarget', () => {
  it("comments on a pull request from the repository itself, at its head's commit", () => {
    expect(pullRequestTarget(pullRequestRun())).toEqual({
      comment: true,
      owner: 'octo-org',
      repo: 'octo-repo',
      number: 7,
      headSha: HEAD_SHA,
      byDependabot: false,
    });
  });

  it('comments on a pull_request_target run, even from a fork: its token may write', () => {
    const target = pullRequestTarget(pullRequestRun({ event: 'pull_request_target', headRepo: 'someone/octo-repo' }));
    expect(target).toMatchObject({ comment: true, number: 7 });
  });

  it("marks a Dependabot pull_request run, so a refusal can say why: the workflow's permissions can lift it", () => {
    expect(pullRequestTarget(pullRequestRun({ actor: 'dependabot[bot]' }))).toMatchObject({
      comment: true,
      byDependabot: true,
    });
  });

  it('skips an event that is not about a pull request, saying so', () => {
    const push: RunEvent = { ...pullRequestRun(), eventName: 'push', payload: { ref: 'refs/heads/main' } };
    expect(pullRequestTarget(push)).toEqual({
      comment: false,
      reason:
        "this run is for a 'push' event, not a pull request: nothing to comment on; the summary is in the job summary",
    });
  });

  it("skips a fork's pull_request run (read-only token), saying why and what to do", () => {
    const decision = pullRequestTarget(pullRequestRun({ headRepo: 'someone/octo-repo' }));
    expect(decision).toEqual({
      comment: false,
      reason: expect.stringMatching(
        /^pull request #7 comes from the fork 'someone\/octo-repo', and GitHub gives a pull_request run from a fork a read-only token: not commenting.*run on pull_request_target/,
      ),
    });
  });

  it('skips a pull_request run whose fork was deleted', () => {
    expect(pullRequestTarget(pullRequestRun({ headRepo: null }))).toMatchObject({
      comment: false,
      reason: expect.stringContaining('comes from a fork that no longer exists'),
    });
  });

  it('takes the repository names case-insensitively, as GitHub does', () => {
    expect(pullRequestTarget(pullRequestRun({ headRepo: 'Octo-Org/Octo-Repo' }))).toMatchObject({ comment: true });
  });

  it('skips a payload without a pull request number', () => {
    const run = pullRequestRun();
    run.payload = { pull_request: { number: 'seven' } };
    expect(pullRequestTarget(run)).toMatchObject({
      comment: false,
      reason: expect.stringContaining('no pull request number'),
    });
  });
});
