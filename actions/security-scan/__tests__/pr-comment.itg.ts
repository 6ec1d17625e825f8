// comment-on-pr end to end: the bundled security-scan run through the harness on a pull_request event, against a
// loopback server playing GitHub's REST API (GITHUB_API_URL). The comment it posts, then updates on the next push;
// the notices that say why it did not comment; a refusal that warns without changing the scan's verdict.
// Needs `pnpm build` first. The Node 24 binary is resolved inside each test, so a missing one fails them.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { HARNESS_GITHUB_TOKEN, type StepResult } from '@actions-kit/harness';
import { renderedText, startFakeGitHubApi, type FakeGitHubApi } from '@actions-kit/testkit';
import { NODES, bundledAction, rendered } from '@actions-kit/testkit/bundles';
import { banditReport, type BanditIssue } from './sample-reports.js';
import { tempWorkspace, type TempWorkspace } from './temp-workspace.js';

const action = bundledAction(new URL('..', import.meta.url));
const REPO = 'octo-org/octo-repo';
const LIST = '/repos/octo-org/octo-repo/issues/7/comments';
const HEAD_SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const MARKER = '<!-- actions-kit:security-scan -->';
const SHELL: BanditIssue = {
  id: 'B602',
  severity: 'HIGH',
  text: 'subprocess call with shell=True',
  file: 'app/run.py',
  line: 7,
};

/** A pull_request event for pull request #7, from `headRepo` (the repository itself unless a fork is named). */
function pullRequestEvent(headRepo = REPO): { name: string; payload: unknown } {
  const repository = { name: 'octo-repo', full_name: REPO, owner: { login: 'octo-org' } };
  return {
    name: 'pull_request',
    payload: {
      action: 'synchronize',
      number: 7,
      pull_request: {
        number: 7,
        head: { ref: 'feature', sha: HEAD_SHA, repo: { full_name: headRepo } },
        base: { ref: 'main', repo: repository },
      },
      repository,
      sender: { login: 'octocat' },
    },
  };
}

const messagesOf = (step: StepResult, level: 'error' | 'warning' | 'notice'): string[] =>
  step.annotations.filter((a) => a.level === level).map((a) => a.message);

describe.each(NODES)('security-scan comment-on-pr under %s', (_label, nodePath) => {
  let ws: TempWorkspace;
  let api: FakeGitHubApi;
  beforeEach(async () => {
    ws = tempWorkspace();
    api = await startFakeGitHubApi();
  });
  afterEach(async () => {
    ws.remove();
    await api.stop();
  });

  const scan = (inputs: Record<string, string>, event = pullRequestEvent(), githubToken?: string) =>
    action.run(nodePath, {
      workspace: ws.dir,
      inputs: { reports: 'out/*.json', 'comment-on-pr': 'true', ...inputs },
      event,
      env: { GITHUB_API_URL: api.apiUrl, GITHUB_RUN_ID: '4242', GITHUB_RUN_NUMBER: '42' },
      ...(githubToken !== undefined && { githubToken }),
    });
  const requestLines = (): string[] => api.requests.map((r) => `${r.method} ${r.path}`);
  /** The comment as posted for a step: its marker, the step's own summary, and the footer. */
  const expectedBody = (step: StepResult): string =>
    `${MARKER}\n${step.summary.replace(/\n+$/, '\n')}\n---\n` +
    `Posted by security-scan for commit a1b2c3d in [run 42](https://github.com/octo-org/octo-repo/actions/runs/4242); updated on each push.\n`;

  it('posts the summary the step writes as a comment, and updates that comment on the next push', async () => {
    ws.write('out/bandit.json', banditReport([SHELL]));
    const failing = await scan({});

    // The verdict is the scan's: a high finding fails the step, and the comment is posted all the same.
    expect(failing.outcome).toBe('failure');
    expect(requestLines()).toEqual([`GET ${LIST}`, `POST ${LIST}`]);
    expect(api.requests.map((r) => r.authorization)).toEqual([
      `token ${HARNESS_GITHUB_TOKEN}`,
      `token ${HARNESS_GITHUB_TOKEN}`,
    ]);
    expect(failing.masks).toContain(HARNESS_GITHUB_TOKEN);
    const [first] = api.comments(REPO, 7);
    expect(first!.body).toBe(expectedBody(failing));
    expect(first!.body).toContain('## Security scan: ❌ failed');
    expect(failing.stdout).toContain(`comment-on-pr: created the comment on pull request #7: ${first!.html_url}`);

    ws.write('out/bandit.json', banditReport([]));
    const passing = await scan({});

    expect(passing.outcome).toBe('success');
    expect(requestLines()).toEqual([
      `GET ${LIST}`,
      `POST ${LIST}`,
      `GET ${LIST}`,
      `PATCH /repos/octo-org/octo-repo/issues/comments/${first!.id}`,
    ]);
    const comments = api.comments(REPO, 7);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toBe(expectedBody(passing));
    expect(comments[0]!.body).toContain('## Security scan: ✅ passed');
  });

  it("says on the comment when the scan stops before its summary, rather than keep the last push's result", async () => {
    ws.write('out/bandit.json', banditReport([]));
    await scan({});
    ws.write('out/bandit.json', '{"results": [');
    const broken = await scan({});

    expect(broken.outcome).toBe('failure');
    expect(messagesOf(broken, 'error')).toEqual([expect.stringMatching(/^security-scan: .*out\/bandit\.json/)]);
    const comments = api.comments(REPO, 7);
    expect(comments).toHaveLength(1);
    const reason = messagesOf(broken, 'error')[0]!.slice('security-scan: '.length);
    expect(renderedText(comments[0]!.body)).toContain(
      `## Security scan: ⚠️ did not finish\n\nThe scan stopped before it could judge this push: ${reason}\n`,
    );
    expect(comments[0]!.body).not.toContain('✅ passed');
  });

  it('keeps one comment per comment-key, so two jobs on one pull request do not overwrite each other', async () => {
    ws.write('out/bandit.json', banditReport([]));
    await scan({ 'comment-key': 'backend' });
    await scan({ 'comment-key': 'frontend' });
    await scan({ 'comment-key': 'backend' });

    const comments = api.comments(REPO, 7);
    expect(comments.map((c) => c.body.split('\n')[0])).toEqual([
      '<!-- actions-kit:security-scan key=backend -->',
      '<!-- actions-kit:security-scan key=frontend -->',
    ]);
    expect(api.requests.filter((r) => r.method !== 'GET').map((r) => r.method)).toEqual(['POST', 'POST', 'PATCH']);
  });

  it("warns when GitHub refuses the comment, says so in the summary, and keeps the scan's verdict", async () => {
    ws.write('out/bandit.json', banditReport([]));
    api.answerNext({ status: 403, body: { message: 'Resource not accessible by integration' } });
    const result = await scan({});

    expect(result.outcome).toBe('success');
    expect(result.outputs['passed']).toBe('true');
    const warning =
      "comment-on-pr: the token may not comment on pull request #7 in octo-org/octo-repo (403 'Resource not accessible by integration'): " +
      'give the job "permissions: pull-requests: write"';
    expect(messagesOf(result, 'warning')).toEqual([warning]);
    expect(rendered(result)).toContain(
      `The pull-request comment was not posted: ${warning.slice('comment-on-pr: '.length)}.`,
    );
    expect(api.comments(REPO, 7)).toEqual([]);
  });

  it('comments on nothing for a push, with a notice saying why', async () => {
    ws.write('out/bandit.json', banditReport([]));
    const result = await scan({}, { name: 'push', payload: { ref: 'refs/heads/main' } });

    expect(result.outcome).toBe('success');
    expect(messagesOf(result, 'notice')).toEqual([
      "comment-on-pr: this run is for a 'push' event, not a pull request: nothing to comment on; the summary is in the job summary",
    ]);
    expect(api.requests).toEqual([]);
    expect(result.summary).toContain('## Security scan: ✅ passed');
  });

  it("skips a fork's pull request (read-only token) with a notice, sending no request", async () => {
    ws.write('out/bandit.json', banditReport([SHELL]));
    const result = await scan({}, pullRequestEvent('someone/octo-repo'));

    expect(result.outcome).toBe('failure');
    expect(messagesOf(result, 'notice')).toEqual([
      expect.stringMatching(
        /^comment-on-pr: pull request #7 comes from the fork 'someone\/octo-repo', and GitHub gives a pull_request run from a fork a read-only token/,
      ),
    ]);
    expect(api.requests).toEqual([]);
  });

  it('posts with summary: false too, and writes no step summary', async () => {
    ws.write('out/bandit.json', banditReport([]));
    const result = await scan({ summary: 'false' });

    expect(result.summary).toBe('');
    expect(api.comments(REPO, 7)[0]!.body).toContain('## Security scan: ✅ passed');
  });

  it('fails before reading anything when comment-on-pr has no token, naming the input', async () => {
    ws.write('out/bandit.json', banditReport([]));
    const result = await scan({}, pullRequestEvent(), '');

    expect(result.outcome).toBe('failure');
    expect(messagesOf(result, 'error')).toEqual([
      expect.stringMatching(
        /^security-scan: github-token: empty, and comment-on-pr: true needs a token that may write pull requests/,
      ),
    ]);
    expect(result.outputs).toEqual({});
    expect(api.requests).toEqual([]);
  });

  it('refuses a comment-key that could break the marker, naming the input', async () => {
    ws.write('out/bandit.json', banditReport([]));
    const result = await scan({ 'comment-key': 'x -->' });

    expect(messagesOf(result, 'error')).toEqual([
      expect.stringMatching(/^security-scan: comment-key: 'x -->' is not a comment key/),
    ]);
  });
});
