// What a failed GitHub API request means for the comment: a rate limit to wait out (GitHub's documented headers),
// a server or network fault worth another try, or a refusal to explain. Pure: the answer in, the judgement out.

/** A request that did not succeed, as Octokit reported it. */
export interface FailedRequest {
  method: string;
  /** The answer's status; undefined when no answer came (refused connection, DNS, reset). */
  status: number | undefined;
  /** The answer's headers, names in lower case. */
  headers: Readonly<Record<string, string | number | undefined>>;
  /** GitHub's message (text from outside: quote it), or the network error's. */
  message: string;
}

export type Judgement =
  /** Rate limited: the request may be sent again after `waitMs`. */
  | { kind: 'rate-limited'; waitMs: number }
  /** A 5xx or no answer at all: may be tried again, unless it may have been carried out (a POST). */
  | { kind: 'unavailable' }
  /** Any other answer: trying again would get the same. */
  | { kind: 'refused' };

/** GitHub's advice for a secondary rate limit that gives no retry-after: wait at least a minute. */
const SECONDARY_LIMIT_WAIT_MS = 60_000;

export function judge(failed: FailedRequest, nowMs: number): Judgement {
  const { status, headers } = failed;
  if (status === undefined || status >= 500) return { kind: 'unavailable' };
  if (status !== 403 && status !== 429) return { kind: 'refused' };
  const retryAfter = seconds(headers['retry-after']);
  if (retryAfter !== undefined) return { kind: 'rate-limited', waitMs: retryAfter * 1_000 };
  const reset = seconds(headers['x-ratelimit-reset']);
  if (String(headers['x-ratelimit-remaining']) === '0' && reset !== undefined) {
    return { kind: 'rate-limited', waitMs: Math.max(1_000, reset * 1_000 - nowMs) };
  }
  if (/secondary rate limit/i.test(failed.message)) return { kind: 'rate-limited', waitMs: SECONDARY_LIMIT_WAIT_MS };
  if (status === 429) return { kind: 'rate-limited', waitMs: SECONDARY_LIMIT_WAIT_MS };
  return { kind: 'refused' };
}

export interface RetryPolicy {
  /** The most time all the waits of one comment's requests may add up to; a longer rate limit is given up on. */
  maxTotalWaitMs: number;
  /** Waits before the 1st, 2nd… new try of a request GitHub could not answer; their count is the tries. */
  unavailableBackoffMs: readonly number[];
  /** How many times one request is sent again after a rate limit. */
  maxRateLimitRetries: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxTotalWaitMs: 60_000,
  unavailableBackoffMs: [1_000, 3_000],
  maxRateLimitRetries: 2,
};

/**
 * How long to wait before sending the request again, or undefined to give up. `retries` counts the earlier new tries
 * of this request, `waitedMs` the time already waited for the whole comment. A POST that got no answer or a 5xx is
 * not sent again: GitHub may have created the comment, and a second one would be a duplicate.
 */
export function retryWait(
  failed: FailedRequest,
  judgement: Judgement,
  retries: number,
  waitedMs: number,
  policy: RetryPolicy,
): number | undefined {
  let waitMs: number | undefined;
  if (judgement.kind === 'rate-limited' && retries < policy.maxRateLimitRetries) waitMs = judgement.waitMs;
  if (judgement.kind === 'unavailable' && failed.method !== 'POST') waitMs = policy.unavailableBackoffMs[retries];
  if (waitMs === undefined || waitedMs + waitMs > policy.maxTotalWaitMs) return undefined;
  return waitMs;
}

function seconds(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  return Number.isFinite(number) && number >= 0 ? number : undefined;
}
