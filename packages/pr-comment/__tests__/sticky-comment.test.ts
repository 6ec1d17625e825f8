// The sticky comment against a real HTTP server on loopback playing GitHub's REST API: the exact requests sent to
// list (page by page), create and update, which comment the marker finds, refusals, rate limits and retries.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { SummaryBuilder } from '@actions-kit/core';
import { startFakeGitHubApi, type FakeGitHubApi } from '@actions-kit/testkit';
import { DEFAULT_RETRY_POLICY } from '../src/github-answers.js';
import { failedRequest, gitHubClient } from '../src/github-client.js';
import { stickyMarker } from '../src/marker.js';
import { upsertStickyComment, type GitHubClient } from '../src/sticky-comment.js';

const REPO = 'octo-org/octo-repo';
const LIST = '/repos/octo-org/octo-repo/issues/7/comments';
const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const marker = stickyMarker('security-scan', 'backend');
const footer = 'Posted by security-scan; updated on each push.';
const summary = (text: string): SummaryBuilder => new SummaryBuilder().raw(`## Security scan: ${text}`);

let api: FakeGitHubApi;
let waits: number[];
let logged: string[];
let github: GitHubClient;

beforeEach(async () => {
  api = await startFakeGitHubApi();
  waits = [];
  logged = [];
  github = await gitHubClient({
    token: 'ghs_test-token',
    apiUrl: api.apiUrl,
    policy: DEFAULT_RETRY_POLICY,
    // Waits are recorded, not slept: what the client asked for is what the test checks.
    clock: { sleep: async (ms) => void waits.push(ms) },
    wallNow: () => NOW,
    debug: (line) => void logged.push(`debug: ${line}`),
    info: (line) => void logged.push(line),
  });
});
afterEach(() => api.stop());

const upsert = (text: string) =>
  upsertStickyComment(github, {
    owner: 'octo-org',
    repo: 'octo-repo',
    number: 7,
    marker,
    summary: summary(text),
    footer,
  });
const requestLines = (): string[] =>
  api.requests.map((r) => `${r.method} ${r.path}${r.query['page'] ? ` page=${r.query['page']}` : ''}`);

describe('upsertStickyComment', () => {
  it('creates the comment when the pull request has none, with the token', async () => {
    const result = await upsert('✅ passed');

    expect(requestLines()).toEqual([`GET ${LIST}`, `POST ${LIST}`]);
    expect(api.requests[0]!.query).toEqual({ per_page: '100' });
    expect(api.requests.every((r) => r.authorization === 'token ghs_test-token')).toBe(true);
    const [comment] = api.comments(REPO, 7);
    expect(comment!.body).toBe(`${marker}\n## Security scan: ✅ passed\n\n---\n${footer}\n`);
    expect(result).toEqual({ action: 'created', id: comment!.id, url: comment!.html_url });
  });

  it('updates its own comment on the next push instead of adding one', async () => {
    await upsert('❌ failed');
    const created = api.comments(REPO, 7)[0]!;
    const result = await upsert('✅ passed');

    expect(requestLines()).toEqual([
      `GET ${LIST}`,
      `POST ${LIST}`,
      `GET ${LIST}`,
      `PATCH /repos/octo-org/octo-repo/issues/comments/${created.id}`,
    ]);
    expect(api.comments(REPO, 7)).toHaveLength(1);
    expect(api.comments(REPO, 7)[0]!.body).toContain('## Security scan: ✅ passed');
    expect(result).toMatchObject({ action: 'updated', id: created.id });
  });

  it('follows the pages until its comment turns up, and stops there', async () => {
    for (let i = 0; i < 150; i++) api.addComment(REPO, 7, `comment ${i}`);
    const ours = api.addComment(REPO, 7, `${marker}\nold summary`, 'github-actions[bot]');
    for (let i = 0; i < 120; i++) api.addComment(REPO, 7, `later comment ${i}`);

    await upsert('✅ passed');

    expect(requestLines()).toEqual([
      `GET ${LIST}`,
      `GET ${LIST} page=2`,
      `PATCH /repos/octo-org/octo-repo/issues/comments/${ours.id}`,
    ]);
    expect(api.comments(REPO, 7).find((c) => c.id === ours.id)!.body).toContain('✅ passed');
  });

  it("reads every page before creating, and leaves other keys' and quoted markers alone", async () => {
    api.addComment(REPO, 7, `${stickyMarker('security-scan', 'frontend')}\nthe frontend's`, 'github-actions[bot]');
    api.addComment(REPO, 7, `${stickyMarker('security-scan', '')}\nthe key-less one`, 'github-actions[bot]');
    for (let i = 0; i < 120; i++) api.addComment(REPO, 7, `comment ${i}`);
    api.addComment(REPO, 7, `Why does it say this?\n> ${marker}`);

    await upsert('✅ passed');

    expect(requestLines()).toEqual([`GET ${LIST}`, `GET ${LIST} page=2`, `POST ${LIST}`]);
    const comments = api.comments(REPO, 7);
    expect(comments).toHaveLength(124);
    expect(comments[0]!.body).toContain("the frontend's");
    expect(comments[1]!.body).toContain('the key-less one');
    expect(comments.at(-1)!.body.startsWith(`${marker}\n`)).toBe(true);
  });

  it("never takes a person's comment that carries the marker for its own: it posts its own beside it", async () => {
    const planted = api.addComment(REPO, 7, `${marker}\nAll clear, merge away!`, 'mallory');

    await upsert('❌ failed');

    // GITHUB_TOKEN cannot ask who it is (403): only a bot's comment could be its own.
    expect(requestLines()).toEqual([`GET ${LIST}`, 'GET /user', `POST ${LIST}`]);
    const [kept, posted] = api.comments(REPO, 7);
    expect(kept).toEqual(planted);
    expect(posted!.user.login).toBe('github-actions[bot]');
    expect(posted!.body).toContain('❌ failed');
  });

  it("updates the comment of the person whose token it is, and leaves another person's alone", async () => {
    await api.stop();
    api = await startFakeGitHubApi({ people: { ghp_dev: 'octo-dev' } });
    github = await gitHubClient({
      token: 'ghp_dev',
      apiUrl: api.apiUrl,
      policy: DEFAULT_RETRY_POLICY,
      clock: { sleep: async (ms) => void waits.push(ms) },
      wallNow: () => NOW,
      debug: (line) => void logged.push(`debug: ${line}`),
      info: (line) => void logged.push(line),
    });
    api.addComment(REPO, 7, `${marker}\nplanted`, 'mallory');
    const own = api.addComment(REPO, 7, `${marker}\nlast push's summary`, 'octo-dev');

    await upsert('✅ passed');

    // Who the token is is asked once, however many people's marked comments there are.
    expect(requestLines()).toEqual([
      `GET ${LIST}`,
      'GET /user',
      `PATCH /repos/octo-org/octo-repo/issues/comments/${own.id}`,
    ]);
    const comments = api.comments(REPO, 7);
    expect(comments.map((c) => c.body.split('\n')[1])).toEqual(['planted', '## Security scan: ✅ passed']);
  });

  it("keeps a summary over GitHub's limit within it: GitHub takes the comment", async () => {
    const huge = new SummaryBuilder()
      .raw('## Security scan: ❌ failed')
      .list(Array.from({ length: 20_000 }, (_, i) => `finding ${i}`));
    const result = await upsertStickyComment(github, {
      owner: 'octo-org',
      repo: 'octo-repo',
      number: 7,
      marker,
      summary: huge,
      footer,
    });

    expect(result.action).toBe('created');
    const body = api.comments(REPO, 7)[0]!.body;
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toContain("(GitHub's limit is 65,536 characters per comment)");
  });

  it('throws a 403 refusal at once, without trying again', async () => {
    api.answerNext({ status: 403, body: { message: 'Resource not accessible by integration' } });

    await expect(upsert('✅ passed')).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining('Resource not accessible by integration'),
    });
    expect(requestLines()).toEqual([`GET ${LIST}`]);
    expect(waits).toEqual([]);
  });

  it('waits out a primary rate limit until x-ratelimit-reset, then carries on', async () => {
    const reset = String(NOW / 1_000 + 20);
    api.answerNext({
      status: 403,
      body: { message: 'API rate limit exceeded' },
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
    });

    expect((await upsert('✅ passed')).action).toBe('created');
    expect(requestLines()).toEqual([`GET ${LIST}`, `GET ${LIST}`, `POST ${LIST}`]);
    expect(waits).toEqual([20_000]);
    expect(logged).toEqual([`comment-on-pr: GitHub answered 403 to GET ${api.apiUrl}${LIST}; trying again in 20 s`]);
  });

  it("sends a create again after a secondary rate limit's retry-after: GitHub did not carry it out", async () => {
    api.answerNext(
      { status: 200, body: [] },
      { status: 429, body: { message: 'secondary rate limit' }, headers: { 'retry-after': '5' } },
    );

    expect((await upsert('✅ passed')).action).toBe('created');
    expect(requestLines()).toEqual([`GET ${LIST}`, `POST ${LIST}`, `POST ${LIST}`]);
    expect(waits).toEqual([5_000]);
    expect(api.comments(REPO, 7)).toHaveLength(1);
  });

  it('gives up at once on a rate limit longer than a minute', async () => {
    api.answerNext({
      status: 403,
      body: { message: 'API rate limit exceeded' },
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1_000 + 3_600) },
    });

    await expect(upsert('✅ passed')).rejects.toMatchObject({ status: 403 });
    expect(requestLines()).toEqual([`GET ${LIST}`]);
    expect(waits).toEqual([]);
  });

  it('tries a list again after a 502, but never a create', async () => {
    api.answerNext({ status: 502, body: { message: 'Server Error' } });
    expect((await upsert('first')).action).toBe('created');
    expect(waits).toEqual([1_000]);

    api.answerNext({ status: 200, body: [] }, { status: 502, body: { message: 'Server Error' } });
    const other = stickyMarker('security-scan', 'other');
    await expect(
      upsertStickyComment(github, {
        owner: 'octo-org',
        repo: 'octo-repo',
        number: 7,
        marker: other,
        summary: summary('x'),
        footer,
      }),
    ).rejects.toMatchObject({ status: 502 });
    expect(requestLines().slice(3)).toEqual([`GET ${LIST}`, `POST ${LIST}`]);
  });

  it('tries a list twice more when nothing answers, then reports that no answer came', async () => {
    await api.stop();

    const error = await upsert('✅ passed').catch((reason: unknown) => reason);
    expect(waits).toEqual([1_000, 3_000]);
    expect(failedRequest(error, 'GET')).toEqual({
      method: 'GET',
      status: undefined,
      headers: {},
      message: expect.stringContaining('ECONNREFUSED'),
    });
  });
});
