// The Octokit of @actions/github, loaded only when a comment is to be posted (it brings undici and Octokit, which
// the step's start-up should not pay for), with GitHub's rate limits waited out and unanswered reads tried again.
import type { Clock } from '@actions-kit/clock';
import { judge, retryWait, type FailedRequest, type RetryPolicy } from './github-answers.js';
import type { GitHubClient } from './sticky-comment.js';

export interface ClientOptions {
  token: string;
  /** GITHUB_API_URL, read when the client is made (a test's loopback server, GitHub Enterprise's API). */
  apiUrl: string;
  policy: RetryPolicy;
  /** Waits between tries. */
  clock: Pick<Clock, 'sleep'>;
  /** Wall-clock milliseconds: x-ratelimit-reset is a wall-clock time. */
  wallNow: () => number;
  /** One line per request sent again, and Octokit's own warnings (they quote headers: never plain stdout). */
  debug: (message: string) => void;
  info: (message: string) => void;
}

export async function gitHubClient(options: ClientOptions): Promise<GitHubClient> {
  const { getOctokit } = await import('@actions/github');
  const quiet = (): void => undefined;
  const github = getOctokit(options.token, {
    baseUrl: options.apiUrl.replace(/\/+$/, ''),
    log: { debug: quiet, info: quiet, warn: options.debug, error: options.debug },
  });
  let waitedMs = 0;
  github.hook.wrap('request', async (request, requestOptions) => {
    for (let retries = 0; ; retries++) {
      try {
        return await request(requestOptions);
      } catch (error) {
        const failed = failedRequest(error, requestOptions.method);
        if (!failed) throw error;
        const waitMs = retryWait(failed, judge(failed, options.wallNow()), retries, waitedMs, options.policy);
        if (waitMs === undefined) throw error;
        options.info(
          `comment-on-pr: GitHub answered ${failed.status ?? 'nothing'} to ${failed.method} ${requestOptions.url.split('?')[0]}; ` +
            `trying again in ${Math.ceil(waitMs / 1_000)} s`,
        );
        waitedMs += waitMs;
        await options.clock.sleep(waitMs);
      }
    }
  });
  return github;
}

/** The failure as judge() reads it; undefined for anything but an HTTP request's failure (a bug: not retried). */
export function failedRequest(error: unknown, method: string): FailedRequest | undefined {
  // Octokit's RequestError, known by its shape: its class is not worth a dependency of its own.
  if (!(error instanceof Error) || error.name !== 'HttpError' || !('status' in error)) return undefined;
  const { status, response } = error as Error & { status: unknown; response?: { headers?: FailedRequest['headers'] } };
  // Octokit reports a request that got no answer as a 500 without a response, its message often just "fetch failed".
  if (!response) return { method, status: undefined, headers: {}, message: rootCause(error) };
  return {
    method,
    status: typeof status === 'number' ? status : undefined,
    headers: response.headers ?? {},
    message: error.message,
  };
}

/** The innermost message of an error's causes (fetch failed → connect ECONNREFUSED 127.0.0.1:443). */
function rootCause(error: Error): string {
  let message = error.message;
  let cause: unknown = error.cause;
  for (let depth = 0; depth < 5 && typeof cause === 'object' && cause !== null; depth++) {
    const next = (cause as { message?: unknown }).message;
    if (typeof next === 'string' && next !== '') message = next;
    cause = (cause as { cause?: unknown }).cause;
  }
  return message;
}
