// Sends one HTTP request to a destination and keeps trying while that can help: after a 429 (waiting what
// Retry-After asks), a 5xx or no answer at all, with a growing pause, until the destination's deadline. Any other
// refusal ends at once with the destination's own words, quoted. The judgement is pure; the loop takes the clock.
import type { Clock } from '@actions-kit/clock';
import { quoteValue } from '@actions-kit/core';

export interface HttpRequest {
  method: 'POST' | 'PATCH' | 'PUT' | 'GET';
  url: URL;
  headers?: Record<string, string>;
  /** Sent as it is; a JSON body is a string the sender made (a signature covers these exact bytes). */
  body?: string;
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  /** The body as text, at most BODY_LIMIT characters read. */
  body: string;
}

/** What the delivery loop needs: how to send once, and the clock it waits with. */
export interface Http {
  /** One try, given up after `timeoutMs`. */
  send(request: HttpRequest, timeoutMs: number): Promise<HttpAnswer>;
}

/** A destination that did not take the message: `message` says why, in the destination's words where it gave any. */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
}

export interface DeliveryPolicy {
  http: Http;
  clock: Clock;
  /** When the whole delivery (every try and wait) must be over, on the clock's scale. */
  deadline: number;
  /** Pauses after the 1st, 2nd… failed try; the last repeats. DEFAULT_BACKOFF_MS unless given. */
  backoffMs?: readonly number[];
}

export const DEFAULT_BACKOFF_MS: readonly number[] = [500, 1_000, 2_000, 4_000];

/** One failed try and what it means for the next. */
export type Judgement = { retry: true; waitMs: number; why: string } | { retry: false; why: string };

/**
 * Whether a failed try is worth another and after how long: `answer` undefined means no answer came (`network`
 * says why). A Retry-After beyond the time left is not waited for: the answer would come after the deadline.
 */
export function judge(
  answer: { status: number; retryAfter: string | null; body: string } | undefined,
  network: string,
  tries: number,
  backoffMs: readonly number[] = DEFAULT_BACKOFF_MS,
  nowMs: number = Date.now(),
): Judgement {
  const backoff = backoffMs[Math.min(tries - 1, backoffMs.length - 1)] ?? 0;
  if (answer === undefined) return { retry: true, waitMs: backoff, why: `no answer (${network})` };
  const said = answer.body.trim() === '' ? '' : `: ${quoteValue(answer.body.trim())}`;
  if (answer.status === 429) {
    const waitMs = retryAfterMs(answer.retryAfter, nowMs) ?? backoff;
    return { retry: true, waitMs, why: `rate limited (429${said})` };
  }
  if (answer.status >= 500) return { retry: true, waitMs: backoff, why: `server error ${answer.status}${said}` };
  return { retry: false, why: `refused with ${answer.status}${said}` };
}

/** Retry-After as seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1_000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/**
 * Sends until an answer is accepted by `accept` (default: any 2xx) or the deadline: returns the accepted answer, or
 * throws DeliveryError naming the last reason and how many tries were made.
 */
export async function deliver(
  policy: DeliveryPolicy,
  request: HttpRequest,
  accept: (answer: HttpAnswer) => boolean = (answer) => answer.status >= 200 && answer.status < 300,
): Promise<HttpAnswer> {
  const { http, clock } = policy;
  for (let tries = 1; ; tries++) {
    let answer: HttpAnswer | undefined;
    let network = '';
    try {
      answer = await http.send(request, Math.max(1, Math.floor(policy.deadline - clock.now())));
      if (accept(answer)) return answer;
    } catch (error) {
      if (error instanceof DeliveryError) throw error;
      network = networkReason(error);
    }
    const judgement = judge(
      answer && { status: answer.status, retryAfter: answer.headers.get('retry-after'), body: answer.body },
      network,
      tries,
      policy.backoffMs,
    );
    const attempts = tries === 1 ? '' : ` (after ${tries} tries)`;
    if (!judgement.retry) throw new DeliveryError(`${judgement.why}${attempts}`);
    const left = policy.deadline - clock.now();
    if (judgement.waitMs >= left) {
      const waited =
        judgement.waitMs > 0 && answer?.status === 429 ? `; it asked to wait ${seconds(judgement.waitMs)}` : '';
      throw new DeliveryError(`${judgement.why}${attempts}, and the deadline came${waited}`);
    }
    await clock.sleep(judgement.waitMs);
  }
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if ((error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError') return 'timed out';
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

/** How much of an answer's body is kept: enough for an error text, never a whole page in memory. */
export const BODY_LIMIT = 64 * 1024;

/**
 * HTTP over the runtime's fetch. Credentials written in a URL (https://user:pass@host) become a Basic
 * Authorization header, as fetch refuses them in the URL. Redirects are not followed: a webhook that moved is an
 * answer to report, and its credentials must not follow it elsewhere.
 */
export function fetchHttp(): Http {
  return {
    async send(request, timeoutMs) {
      const url = new URL(request.url);
      const headers: Record<string, string> = { ...request.headers };
      if (url.username !== '' || url.password !== '') {
        const user = decodeURIComponent(url.username);
        const password = decodeURIComponent(url.password);
        headers['authorization'] ??= `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
        url.username = '';
        url.password = '';
      }
      const response = await fetch(url, {
        method: request.method,
        headers,
        body: request.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = await readSome(response);
      return { status: response.status, headers: response.headers, body };
    },
  };
}

async function readSome(response: Response): Promise<string> {
  if (response.body === null) return '';
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    text += decoder.decode(chunk, { stream: true });
    // Leaving the loop early cancels the stream: the rest of a long body is never read.
    if (text.length >= BODY_LIMIT) return text.slice(0, BODY_LIMIT);
  }
  return text + decoder.decode();
}

/** A base URL an API path is resolved below, keeping its sub-path (https://host/grafana → https://host/grafana/). */
export function directoryUrl(url: URL): URL {
  return url.pathname.endsWith('/') ? url : new URL(`${url.href}/`);
}
