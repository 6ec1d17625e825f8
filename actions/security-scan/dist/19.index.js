export const id = 19;
export const ids = [19];
export const modules = {

/***/ 2019:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  commentOnPullRequest: () => (/* reexport */ commentOnPullRequest)
});

// UNUSED EXPORTS: COMMENT_LIMIT_CHARS, DEFAULT_RETRY_POLICY, commentBody, gitHubClient, isMarkedBy, parseCommentKey, pullRequestTarget, stickyMarker, upsertStickyComment

;// CONCATENATED MODULE: ../../packages/clock/src/index.ts
// The one clock every package waits and measures with: a leaf module, so traffic, probes and core can share it
// without depending on each other. Tests pass @actions-kit/testkit's ManualClock instead, so waits take no time.
const systemClock = {
    // process.hrtime is monotonic (a wall-clock step does not move it) and, unlike the global `performance`, loads
    // no module at start-up.
    now: () => {
        const [seconds, nanoseconds] = process.hrtime();
        return seconds * 1_000 + nanoseconds / 1_000_000;
    },
    sleep: (ms, signal) => new Promise((resolve, reject) => {
        if (signal?.aborted) {
            reject(signal.reason);
            return;
        }
        const onAbort = () => {
            clearTimeout(timer);
            reject(signal?.reason);
        };
        const timer = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
        }, ms);
        signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

;// CONCATENATED MODULE: ../../packages/pr-comment/src/github-answers.ts
// What a failed GitHub API request means for the comment: a rate limit to wait out (GitHub's documented headers),
// a server or network fault worth another try, or a refusal to explain. Pure: the answer in, the judgement out.
/** GitHub's advice for a secondary rate limit that gives no retry-after: wait at least a minute. */
const SECONDARY_LIMIT_WAIT_MS = 60_000;
function judge(failed, nowMs) {
    const { status, headers } = failed;
    if (status === undefined || status >= 500)
        return { kind: 'unavailable' };
    if (status !== 403 && status !== 429)
        return { kind: 'refused' };
    const retryAfter = seconds(headers['retry-after']);
    if (retryAfter !== undefined)
        return { kind: 'rate-limited', waitMs: retryAfter * 1_000 };
    const reset = seconds(headers['x-ratelimit-reset']);
    if (String(headers['x-ratelimit-remaining']) === '0' && reset !== undefined) {
        return { kind: 'rate-limited', waitMs: Math.max(1_000, reset * 1_000 - nowMs) };
    }
    if (/secondary rate limit/i.test(failed.message))
        return { kind: 'rate-limited', waitMs: SECONDARY_LIMIT_WAIT_MS };
    if (status === 429)
        return { kind: 'rate-limited', waitMs: SECONDARY_LIMIT_WAIT_MS };
    return { kind: 'refused' };
}
const DEFAULT_RETRY_POLICY = {
    maxTotalWaitMs: 60_000,
    unavailableBackoffMs: [1_000, 3_000],
    maxRateLimitRetries: 2,
};
/**
 * How long to wait before sending the request again, or undefined to give up. `retries` counts the earlier new tries
 * of this request, `waitedMs` the time already waited for the whole comment. A POST that got no answer or a 5xx is
 * not sent again: GitHub may have created the comment, and a second one would be a duplicate.
 */
function retryWait(failed, judgement, retries, waitedMs, policy) {
    let waitMs;
    if (judgement.kind === 'rate-limited' && retries < policy.maxRateLimitRetries)
        waitMs = judgement.waitMs;
    if (judgement.kind === 'unavailable' && failed.method !== 'POST')
        waitMs = policy.unavailableBackoffMs[retries];
    if (waitMs === undefined || waitedMs + waitMs > policy.maxTotalWaitMs)
        return undefined;
    return waitMs;
}
function seconds(value) {
    if (value === undefined)
        return undefined;
    const number = Number(value);
    return Number.isFinite(number) && number >= 0 ? number : undefined;
}

;// CONCATENATED MODULE: ../../packages/pr-comment/src/github-client.ts

async function gitHubClient(options) {
    const { getOctokit } = await Promise.all(/* import() */[__webpack_require__.e(225), __webpack_require__.e(258)]).then(__webpack_require__.bind(__webpack_require__, 8258));
    const quiet = () => undefined;
    const github = getOctokit(options.token, {
        baseUrl: options.apiUrl.replace(/\/+$/, ''),
        log: { debug: quiet, info: quiet, warn: options.debug, error: options.debug },
    });
    let waitedMs = 0;
    github.hook.wrap('request', async (request, requestOptions) => {
        for (let retries = 0;; retries++) {
            try {
                return await request(requestOptions);
            }
            catch (error) {
                const failed = failedRequest(error, requestOptions.method);
                if (!failed)
                    throw error;
                const waitMs = retryWait(failed, judge(failed, options.wallNow()), retries, waitedMs, options.policy);
                if (waitMs === undefined)
                    throw error;
                options.info(`comment-on-pr: GitHub answered ${failed.status ?? 'nothing'} to ${failed.method} ${requestOptions.url.split('?')[0]}; ` +
                    `trying again in ${Math.ceil(waitMs / 1_000)} s`);
                waitedMs += waitMs;
                await options.clock.sleep(waitMs);
            }
        }
    });
    return github;
}
/** The failure as judge() reads it; undefined for anything but an HTTP request's failure (a bug: not retried). */
function failedRequest(error, method) {
    // Octokit's RequestError, known by its shape: its class is not worth a dependency of its own.
    if (!(error instanceof Error) || error.name !== 'HttpError' || !('status' in error))
        return undefined;
    const { status, response } = error;
    // Octokit reports a request that got no answer as a 500 without a response, its message often just "fetch failed".
    if (!response)
        return { method, status: undefined, headers: {}, message: rootCause(error) };
    return {
        method,
        status: typeof status === 'number' ? status : undefined,
        headers: response.headers ?? {},
        message: error.message,
    };
}
/** The innermost message of an error's causes (fetch failed → connect ECONNREFUSED 127.0.0.1:443). */
function rootCause(error) {
    let message = error.message;
    let cause = error.cause;
    for (let depth = 0; depth < 5 && typeof cause === 'object' && cause !== null; depth++) {
        const next = cause.message;
        if (typeof next === 'string' && next !== '')
            message = next;
        cause = cause.cause;
    }
    return message;
}

// EXTERNAL MODULE: ../../packages/core/src/index.ts + 14 modules
var src = __webpack_require__(9507);
;// CONCATENATED MODULE: ../../packages/pr-comment/src/failure-message.ts
// Why a comment was not posted, in words that say what to change: the token's permissions, a rate limit, an API
// that did not answer. GitHub's own message is quoted, never trusted.


function failureMessage(failed, target, nowMs) {
    const where = `pull request #${target.number} in ${target.owner}/${target.repo}`;
    const said = (0,src/* quoteValue */.cl)(failed.message);
    const judgement = judge(failed, nowMs);
    if (judgement.kind === 'rate-limited') {
        return `GitHub's API rate limit is used up for another ${minutes(judgement.waitMs)} (${failed.status} ${said}); the comment on ${where} was not updated`;
    }
    if (failed.status === undefined)
        return `GitHub's API did not answer (${said}); no comment was posted on ${where}`;
    if (failed.status >= 500)
        return `GitHub's API failed (${failed.status} ${said}); the comment on ${where} may be out of date`;
    switch (failed.status) {
        case 401:
            return `GitHub refused the token (401 ${said}): set github-token to a valid token (the default is github.token)`;
        case 403:
            return (`the token may not comment on ${where} (403 ${said}): give the job "permissions: pull-requests: write"` +
                (target.byDependabot
                    ? "; Dependabot's pull_request runs get a read-only token unless the workflow grants it"
                    : ''));
        case 404:
            return `GitHub answered 404 (${said}) for ${where}: the token cannot see that repository, or the pull request is gone`;
        default:
            return `GitHub refused the comment on ${where} (${failed.status} ${said})`;
    }
}
function minutes(ms) {
    const whole = Math.ceil(ms / 60_000);
    return `${whole} minute${whole === 1 ? '' : 's'}`;
}

// EXTERNAL MODULE: ../../packages/pr-comment/src/marker.ts
var src_marker = __webpack_require__(2061);
;// CONCATENATED MODULE: ../../packages/pr-comment/src/pull-request.ts
// Which pull request a run may comment on, decided from the event alone: none for an event that is not about a pull
// request, none for a fork's pull request under `pull_request` (GitHub gives that run a read-only token).

const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target'];
function pullRequestTarget(run) {
    const event = run.eventName ?? '';
    const pullRequest = objectAt(run.payload, 'pull_request');
    if (!PULL_REQUEST_EVENTS.includes(event) || !pullRequest) {
        return {
            comment: false,
            reason: `this run is for ${event === '' ? 'no event' : `a ${(0,src/* quoteValue */.cl)(event)} event`}, not a pull request: ` +
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
        const from = head === undefined ? 'a fork that no longer exists' : `the fork ${(0,src/* quoteValue */.cl)(head)}`;
        return {
            comment: false,
            reason: `pull request #${number} comes from ${from}, and GitHub gives a pull_request run from a fork a read-only ` +
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
function objectAt(value, key) {
    if (typeof value !== 'object' || value === null)
        return undefined;
    const inner = value[key];
    return typeof inner === 'object' && inner !== null && !Array.isArray(inner)
        ? inner
        : undefined;
}
function stringAt(value, key) {
    const inner = value?.[key];
    return typeof inner === 'string' ? inner : undefined;
}

;// CONCATENATED MODULE: ../../packages/pr-comment/src/comment-body.ts
// The comment's text: the marker line, the summary cut to fit GitHub's limit for a comment, and a footer saying
// which commit and run it describes (a comment kept across pushes must say which push it is about).

/** GitHub refuses a comment body over 65,536 characters (422 "Body is too long"). */
const COMMENT_LIMIT_CHARS = 65_536;
function commentBody(parts) {
    const limit = parts.limitChars ?? COMMENT_LIMIT_CHARS;
    const head = `${parts.marker}\n`;
    const foot = `\n---\n${parts.footer}\n`;
    // The summary is cut in UTF-8 bytes, which are never fewer than characters (in GitHub's count or JavaScript's),
    // so a summary cut to the characters left fits whatever it holds. The frame is counted in UTF-16 units, which are
    // never fewer than characters either.
    const room = limit - head.length - foot.length;
    const whose = limit === COMMENT_LIMIT_CHARS ? "GitHub's limit" : 'the limit';
    const limitText = `${whose} is ${(0,src/* groupDigits */.K9)(limit)} characters per comment`;
    const summary = parts.summary.toMarkdown(room, limitText).replace(/\n+$/, '\n');
    return `${head}${summary}${foot}`;
}

;// CONCATENATED MODULE: ../../packages/pr-comment/src/sticky-comment.ts


/** The most comments GitHub returns on one page. */
const PAGE_SIZE = 100;
async function upsertStickyComment(github, comment) {
    const { owner, repo, number, marker } = comment;
    const body = commentBody(comment);
    const pages = github.paginate.iterator(github.rest.issues.listComments, {
        owner,
        repo,
        issue_number: number,
        per_page: PAGE_SIZE,
    });
    const writtenByToken = tokenAuthorship(github);
    for await (const page of pages) {
        // The oldest marked comment is the one kept: if two runs ever raced to create one, the same one wins each time.
        let ours;
        for (const existing of page.data) {
            if ((0,src_marker/* isMarkedBy */.yS)(existing.body, marker) && (await writtenByToken(existing.user))) {
                ours = existing;
                break;
            }
        }
        if (ours) {
            const updated = await github.rest.issues.updateComment({ owner, repo, comment_id: ours.id, body });
            return { action: 'updated', id: updated.data.id, url: updated.data.html_url };
        }
    }
    const created = await github.rest.issues.createComment({ owner, repo, issue_number: number, body });
    return { action: 'created', id: created.data.id, url: created.data.html_url };
}
/**
 * Whether a comment's author could be the token: any GitHub App (an installation token cannot ask who it is, and
 * only the app can write as its bot), or the user the token belongs to, asked once (GET /user) when a person's
 * marked comment is met.
 */
function tokenAuthorship(github) {
    let tokenUser;
    return async (author) => {
        if (!author)
            return false;
        if (author.type === 'Bot')
            return true;
        tokenUser ??= github.rest.users.getAuthenticated().then((answer) => answer.data.login, () => undefined);
        return (await tokenUser) === author.login;
    };
}

;// CONCATENATED MODULE: ../../packages/pr-comment/src/comment-on-pull-request.ts
// What an action calls to post its summary on the run's pull request: decides whether there is one to comment on,
// then creates or updates the action's sticky comment. Never throws for GitHub's answers: the action's verdict must
// not change because a comment could not be posted, so a refusal is a warning that says why and what to do.







async function commentOnPullRequest(request, log, options = {}) {
    const marker = (0,src_marker/* stickyMarker */.YL)(request.action, request.key);
    const wallNow = options.wallNow ?? Date.now;
    let target;
    try {
        // The context reads the event payload (GITHUB_EVENT_PATH) when @actions/github is first loaded.
        const { context } = await Promise.all(/* import() */[__webpack_require__.e(225), __webpack_require__.e(258)]).then(__webpack_require__.bind(__webpack_require__, 8258));
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
    }
    catch (error) {
        const failed = target && failedRequest(error, '');
        const reason = failed && target
            ? failureMessage(failed, target, wallNow())
            : `could not comment on the pull request: ${error instanceof Error ? error.message : String(error)}`;
        if (!failed && error instanceof Error && error.stack)
            log.debug(error.stack);
        log.warning(`comment-on-pr: ${reason}`);
        return { status: 'failed', reason };
    }
}
/** Which commit and run the comment describes, so a comment kept across pushes says how current it is. */
function footer(action, target, run) {
    const commit = target.headSha && /^[0-9a-f]{7,64}$/.test(target.headSha) ? ` for commit ${target.headSha.slice(0, 7)}` : '';
    const runPage = `${run.serverUrl}/${target.owner}/${target.repo}/actions/runs/${run.runId}`;
    const where = Number.isSafeInteger(run.runId) && /^https?:\/\//.test(run.serverUrl)
        ? ` in [run ${run.runNumber}](${runPage})`
        : '';
    return `Posted by ${action}${commit}${where}; updated on each push.`;
}

;// CONCATENATED MODULE: ../../packages/pr-comment/src/index.ts
// Public surface of the pr-comment package: an action's summary as one sticky pull-request comment.









/***/ })

};
