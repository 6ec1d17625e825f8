// commentOnPullRequest as an action calls it, with @actions/github's real context read from the environment the
// runner sets (GITHUB_EVENT_PATH, GITHUB_API_URL, …) and a loopback server playing GitHub's API. The context is read
// once, when @actions/github is first loaded, so every test in this file is on the same pull_request event; the
// other events are covered by pull-request.test.ts and by security-scan's bundle in pr-comment.itg.ts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SummaryBuilder } from '@actions-kit/core';
import { startFakeGitHubApi, type FakeGitHubApi } from '@actions-kit/testkit';
import { commentOnPullRequest, type CommentLog } from '../src/comment-on-pull-request.js';

const REPO = 'octo-org/octo-repo';
const HEAD_SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const RUNNER_ENV = ['GITHUB_EVENT_PATH', 'GITHUB_EVENT_NAME', 'GITHUB_REPOSITORY', 'GITHUB_API_URL', 'GITHUB_ACTOR'];
const RUN_ENV = ['GITHUB_SERVER_URL', 'GITHUB_RUN_ID', 'GITHUB_RUN_NUMBER'];

let api: FakeGitHubApi;
let dir: string;
const saved = { ...process.env };

beforeAll(async () => {
  api = await startFakeGitHubApi();
  dir = mkdtempSync(path.join(os.tmpdir(), 'pr-comment-event-'));
  const eventPath = path.join(dir, 'event.json');
  const repository = { name: 'octo-repo', full_name: REPO, owner: { login: 'octo-org' } };
  writeFileSync(
    eventPath,
    JSON.stringify({ number: 7, pull_request: { number: 7, head: { sha: HEAD_SHA, repo: repository } }, repository }),
  );
  Object.assign(process.env, {
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_REPOSITORY: REPO,
    GITHUB_API_URL: api.apiUrl,
    GITHUB_ACTOR: 'octocat',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_NUMBER: '42',
  });
});
afterAll(async () => {
  for (const name of [...RUNNER_ENV, ...RUN_ENV]) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  rmSync(dir, { recursive: true, force: true });
  await api.stop();
});

function recordingLog(): CommentLog & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    notice: (message) => void lines.push(`notice: ${message}`),
    warning: (message) => void lines.push(`warning: ${message}`),
    info: (message) => void lines.push(`info: ${message}`),
    debug: (message) => void lines.push(`debug: ${message}`),
  };
}

const request = (key: string, text: string) => ({
  action: 'quality-gate',
  key,
  token: 'ghs_test',
  summary: new SummaryBuilder().raw(`## Quality gate: ${text}`),
});

describe('commentOnPullRequest', () => {
  it("creates the comment on the run's pull request, then updates it, and says where it is", async () => {
    const log = recordingLog();
    const created = await commentOnPullRequest(request('', 'failed'), log);
    const updated = await commentOnPullRequest(request('', 'passed'), log);

    const [comment, ...others] = api.comments(REPO, 7);
    expect(others).toEqual([]);
    expect(created).toEqual({ status: 'created', url: comment!.html_url });
    expect(updated).toEqual({ status: 'updated', url: comment!.html_url });
    expect(comment!.body).toBe(
      '<!-- actions-kit:quality-gate -->\n## Quality gate: passed\n\n---\n' +
        'Posted by quality-gate for commit a1b2c3d in [run 42](https://github.com/octo-org/octo-repo/actions/runs/4242); updated on each push.\n',
    );
    expect(log.lines).toEqual([
      `info: comment-on-pr: created the comment on pull request #7: ${comment!.html_url}`,
      `info: comment-on-pr: updated the comment on pull request #7: ${comment!.html_url}`,
    ]);
  });

  it('returns a refusal as a warning that says what to change, and never throws', async () => {
    api.answerNext({ status: 403, body: { message: 'Resource not accessible by integration' } });
    const log = recordingLog();
    const outcome = await commentOnPullRequest(request('lint', 'passed'), log);

    const reason =
      "the token may not comment on pull request #7 in octo-org/octo-repo (403 'Resource not accessible by integration'): " +
      'give the job "permissions: pull-requests: write"';
    expect(outcome).toEqual({ status: 'failed', reason });
    expect(log.lines).toEqual([`warning: comment-on-pr: ${reason}`]);
  });

  it('names github-token when GitHub refuses the token', async () => {
    api.answerNext({ status: 401, body: { message: 'Bad credentials' } });
    const outcome = await commentOnPullRequest(request('lint', 'passed'), recordingLog());

    expect(outcome).toEqual({
      status: 'failed',
      reason:
        "GitHub refused the token (401 'Bad credentials'): set github-token to a valid token (the default is github.token)",
    });
  });
});
