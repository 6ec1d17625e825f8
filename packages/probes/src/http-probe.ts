// One HTTP request made as a new client makes it: on a fresh connection, bounded as a whole by one timeout, timed,
// and ending in either the response (whose status and body the caller judges) or the named reason there was none.
import http from 'node:http';
import { systemClock } from '@actions-kit/clock';
import { humanDuration } from '@actions-kit/core';
import { failureReason, type ProbeFailureReason, type RequestPhase } from './failure-reason.js';

export interface HttpProbeRequest {
  url: string | URL;
  /** GET unless given. */
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Bounds the whole exchange: name lookup, connection, TLS, headers, body and redirects. Below 1 ms is 1 ms. */
  timeoutMs: number;
  /** https: the PEM certificates to trust instead of Node's bundled ones (the file's contents, not its path). */
  ca?: string;
  /** https: accept any certificate, e.g. a self-signed one when no CA file is at hand. */
  insecure?: boolean;
  /** Follow a 3xx that has a Location, up to maxRedirects; off by default, so a redirect is the answer judged. */
  followRedirects?: boolean;
  /** Default 5; the last redirect's response is returned as it is. */
  maxRedirects?: number;
  /** The most body kept, in bytes; a longer body is cut there and not read further. Default 64 KiB. */
  maxBodyBytes?: number;
}

export interface HttpProbeAnswer {
  answered: true;
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as UTF-8, at most maxBodyBytes of it: text from outside, never printed unguarded. */
  body: string;
  /** The body was longer than maxBodyBytes. */
  bodyCut: boolean;
  /** The URL that answered: the request's, or the last redirect's. */
  url: string;
  /** From the start of the request to the end of the body kept, redirects included. */
  latencyMs: number;
}

export interface HttpProbeFailure {
  answered: false;
  reason: ProbeFailureReason;
  /** Node's message ("connect ECONNREFUSED 127.0.0.1:1"), or what did not come in time ("no answer within 2000 ms"). */
  message: string;
  /** The URL that failed: the request's, or a redirect's. */
  url: string;
  latencyMs: number;
}

export type HttpProbeResult = HttpProbeAnswer | HttpProbeFailure;

/** One request and its response, before the redirects and the timing are added. */
type Exchange = Omit<HttpProbeAnswer, 'url' | 'latencyMs'> | Omit<HttpProbeFailure, 'url' | 'latencyMs'>;

const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
const DEFAULT_MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export async function httpProbe(request: HttpProbeRequest): Promise<HttpProbeResult> {
  const started = systemClock.now();
  const latency = (): number => systemClock.now() - started;
  // Node refuses a negative timeout and takes 0 as none: a probe always ends.
  const timeoutMs = Math.max(1, Math.ceil(request.timeoutMs));
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  try {
    let url = new URL(request.url);
    let { method = 'GET', body } = request;
    for (let redirects = 0; ; redirects += 1) {
      const exchange = await exchangeOnce(url, { ...request, method, body }, deadline.signal, timeoutMs);
      const follow = request.followRedirects && redirects < (request.maxRedirects ?? DEFAULT_MAX_REDIRECTS);
      const next = exchange.answered && follow ? redirectTarget(exchange, url) : undefined;
      if (!exchange.answered || !next) return { ...exchange, url: url.href, latencyMs: latency() };
      // 303, and a POST answered by 301 or 302, become a GET without a body, as browsers and curl do.
      if (exchange.status === 303 || (method === 'POST' && exchange.status <= 302)) {
        method = 'GET';
        body = undefined;
      }
      url = next;
    }
  } finally {
    clearTimeout(timer);
  }
}

function redirectTarget(answer: { status: number; headers: http.IncomingHttpHeaders }, from: URL): URL | undefined {
  const location = answer.headers.location;
  if (!REDIRECT_STATUSES.has(answer.status) || !location) return undefined;
  try {
    const next = new URL(location, from);
    return next.protocol === 'http:' || next.protocol === 'https:' ? next : undefined;
  } catch {
    return undefined;
  }
}

async function exchangeOnce(
  url: URL,
  request: HttpProbeRequest,
  deadline: AbortSignal,
  timeoutMs: number,
): Promise<Exchange> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`httpProbe: '${url.href}' is not an http or https URL`);
  }
  const secure = url.protocol === 'https:';
  // node:https loads TLS (about 11 ms of an action's start-up on Node 24): only when a URL needs it.
  const client = secure ? await import('node:https') : http;
  const maxBodyBytes = request.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const headers: Record<string, string> = { connection: 'close', ...request.headers };
  if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
  const tls = secure ? { ca: request.ca, rejectUnauthorized: request.insecure !== true } : {};

  return new Promise<Exchange>((resolve) => {
    let phase: RequestPhase = 'connecting';
    let responseStarted = false;
    let settled = false;
    const settle = (exchange: Exchange): void => {
      if (settled) return;
      settled = true;
      deadline.removeEventListener('abort', onDeadline);
      resolve(exchange);
      outgoing.destroy(); // a cut body, a deadline or an error: nothing more is read on this connection
    };
    const fail = (error: unknown): void =>
      settle({ answered: false, reason: failureReason(error, phase), message: messageOf(error) });
    const onDeadline = (): void =>
      settle({
        answered: false,
        reason: 'timeout',
        message: responseStarted
          ? `the body did not end within ${humanDuration(timeoutMs)}`
          : `no answer within ${humanDuration(timeoutMs)}`,
      });

    const outgoing = client.request(url, { method: request.method, headers, agent: false, ...tls }, (response) => {
      responseStarted = true;
      const chunks: Buffer[] = [];
      let kept = 0;
      const finish = (bodyCut: boolean): void => {
        const body = Buffer.concat(chunks).toString('utf8');
        settle({ answered: true, status: response.statusCode ?? 0, headers: response.headers, body, bodyCut });
      };
      response.on('data', (chunk: Buffer) => {
        const room = maxBodyBytes - kept;
        chunks.push(chunk.subarray(0, room));
        kept += Math.min(chunk.length, room);
        if (chunk.length > room) finish(true);
      });
      response.on('end', () => finish(false));
      response.on('error', fail);
      response.on('close', () => {
        if (!response.complete)
          fail(Object.assign(new Error('the connection closed mid-body'), { code: 'ECONNRESET' }));
      });
    });
    outgoing.on('socket', (socket) => {
      socket.once('connect', () => {
        phase = secure ? 'handshake' : 'exchanging';
      });
      socket.once('secureConnect', () => {
        phase = 'exchanging';
      });
    });
    outgoing.on('error', fail);
    deadline.addEventListener('abort', onDeadline, { once: true });
    if (deadline.aborted) onDeadline();
    outgoing.end(request.body);
  });
}

/** Node's message, with its code when the message does not already name it. */
function messageOf(error: unknown): string {
  // Duck-typed: under Jest's VM modules, Node's own errors are not instances of this realm's Error.
  const { message, code } = (error ?? {}) as { message?: unknown; code?: unknown };
  if (typeof message !== 'string') return String(error);
  return typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message;
}
