// A Prometheus instant query over its HTTP API (`/api/v1/query`), and what its answer means for a health check:
// samples, no data, a query Prometheus rejects, or a Prometheus that cannot answer.
import type { IncomingHttpHeaders } from 'node:http';
import { ConfigurationError, humanDuration, quoteValue } from '@actions-kit/core';
import { describeFailure } from './failure-reason.js';

export interface PrometheusSample {
  /** The series' labels, as Prometheus sent them (text from outside: shorten and escape before printing). */
  labels: Record<string, string>;
  /** NaN and ±Infinity are kept as such: Prometheus writes them "NaN", "+Inf", "-Inf". */
  value: number;
}

export type PrometheusResult =
  /** An instant vector with at least one series, or a scalar (one sample without labels). */
  | { kind: 'samples'; resultType: 'vector' | 'scalar'; samples: PrometheusSample[] }
  /** An instant vector with no series: the metric does not exist, or nothing matched. */
  | { kind: 'empty' }
  /** A range vector or a string, which no condition can compare. */
  | { kind: 'unsupported'; resultType: 'matrix' | 'string' }
  /** Prometheus refused or could not run the query; `detail` is its own error text, shortened. */
  | { kind: 'bad-query'; detail: string }
  /** No usable answer: refused, reset, DNS, TLS, timeout, a 5xx, or something that is not Prometheus's API. */
  | { kind: 'prometheus-down'; detail: string };

export interface PrometheusQuery {
  /** The `prometheus-url` input: Prometheus's base URL, possibly with a path prefix (https://host/prometheus). */
  baseUrl: URL;
  /** PromQL, evaluated at the time of the request. */
  query: string;
  /** Sent with every query (e.g. Authorization); their values are never part of a result. */
  headers?: Record<string, string>;
  /** For the whole exchange, from connecting to the last byte of the answer. */
  timeoutMs: number;
  /** Cancels the query: it then rejects with the signal's reason instead of resolving. */
  signal?: AbortSignal;
}

/** An answer larger than this is a query that returns far too many series, not something to read. */
export const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

/** Reads the `prometheus-url` input: an absolute http or https URL. */
export function parsePrometheusUrl(text: string, inputName = 'prometheus-url'): URL {
  const fail = (problem: string): ConfigurationError =>
    new ConfigurationError(
      `${inputName}: ${quoteValue(text)} ${problem}; use Prometheus's base URL, such as http://prometheus:9090`,
    );
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw fail('is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw fail('is not an http or https URL');
  if (url.search !== '' || url.hash !== '') throw fail('has a query or a fragment, which the API path cannot follow');
  return url;
}

/** Where instant queries go: the API path below the base URL and any path prefix it has. */
export function queryEndpoint(baseUrl: URL): URL {
  const base = new URL(baseUrl.href);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return new URL('api/v1/query', base);
}

/**
 * Runs one instant query. Resolves with a classified result for every answer and every network failure; rejects
 * only when `signal` aborts.
 */
export async function queryPrometheus(request: PrometheusQuery): Promise<PrometheusResult> {
  const endpoint = queryEndpoint(request.baseUrl);
  // Loaded here, not at the top: most runs have no metrics, and only https Prometheus needs the TLS module.
  const transport = endpoint.protocol === 'https:' ? await import('node:https') : await import('node:http');
  request.signal?.throwIfAborted();
  const form = new URLSearchParams({ query: request.query }).toString();
  return new Promise<PrometheusResult>((resolve, reject) => {
    let settled = false;
    // The first of answer, failure, timeout and cancellation wins; the request is then closed whatever state it is in.
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
      clientRequest.destroy();
      outcome();
    };
    const finish = (result: PrometheusResult): void => settle(() => resolve(result));
    const onAbort = (): void => settle(() => reject(request.signal?.reason));
    const clientRequest = transport.request(endpoint, {
      method: 'POST',
      headers: {
        ...request.headers,
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': Buffer.byteLength(form),
        accept: 'application/json',
      },
    });
    const timer = setTimeout(
      () =>
        finish({ kind: 'prometheus-down', detail: `no complete answer within ${humanDuration(request.timeoutMs)}` }),
      request.timeoutMs,
    );
    request.signal?.addEventListener('abort', onAbort, { once: true });
    clientRequest.on('error', (error) =>
      finish({ kind: 'prometheus-down', detail: describeFailure(error, 'connecting') }),
    );
    clientRequest.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) {
          finish({
            kind: 'bad-query',
            detail: `the answer is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MiB: aggregate the query (sum, max, topk) so it returns fewer series`,
          });
          return;
        }
        chunks.push(chunk);
      });
      response.on('error', (error) =>
        finish({ kind: 'prometheus-down', detail: describeFailure(error, 'connecting') }),
      );
      response.on('end', () =>
        finish(
          classifyPrometheusAnswer(response.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'), response.headers),
        ),
      );
    });
    clientRequest.end(form);
  });
}

/** What one HTTP answer from `/api/v1/query` means; pure, so every shape Prometheus sends is unit-tested. */
export function classifyPrometheusAnswer(
  status: number,
  body: string,
  headers: IncomingHttpHeaders = {},
): PrometheusResult {
  const answer = parseJsonObject(body);
  const errorText =
    answer !== undefined && typeof answer['error'] === 'string'
      ? quoteValue(`${String(answer['errorType'] ?? 'error')}: ${answer['error']}`)
      : undefined;
  // 400: the query does not parse; 422: it parses but cannot be run (too many samples, a bad function argument).
  if ((status === 400 || status === 422) && errorText !== undefined) return { kind: 'bad-query', detail: errorText };
  if (status !== 200) {
    const hint = status >= 500 ? '' : ' (check prometheus-url and prometheus-headers)';
    return {
      kind: 'prometheus-down',
      detail: `HTTP ${status}${errorText === undefined ? '' : ` ${errorText}`}${hint}`,
    };
  }
  const data = answer?.['data'];
  if (answer?.['status'] !== 'success' || data === null || typeof data !== 'object') {
    const type = quoteValue(String(headers['content-type'] ?? 'no content type'));
    return { kind: 'prometheus-down', detail: `the answer is not Prometheus's query API JSON (HTTP 200, ${type})` };
  }
  return classifyData(data as Record<string, unknown>);
}

function classifyData(data: Record<string, unknown>): PrometheusResult {
  const { resultType, result } = data;
  if (resultType === 'matrix' || resultType === 'string') return { kind: 'unsupported', resultType };
  if (resultType === 'scalar' && Array.isArray(result)) {
    return { kind: 'samples', resultType, samples: [{ labels: {}, value: sampleValue(result) }] };
  }
  if (resultType === 'vector' && Array.isArray(result)) {
    if (result.length === 0) return { kind: 'empty' };
    const samples = result.map((series: unknown): PrometheusSample => {
      const { metric, value } = (series ?? {}) as { metric?: unknown; value?: unknown };
      return { labels: labelsOf(metric), value: sampleValue(value) };
    });
    return { kind: 'samples', resultType, samples };
  }
  return {
    kind: 'prometheus-down',
    detail: `the answer has an unknown result type ${quoteValue(String(resultType))}`,
  };
}

/** `[1712345678.9, "0.5"]` → 0.5; "NaN", "+Inf" and "-Inf" as Prometheus writes them; anything else is NaN. */
function sampleValue(pair: unknown): number {
  const text = Array.isArray(pair) ? pair[1] : undefined;
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return typeof text === 'string' && text.trim() !== '' ? Number(text) : NaN;
}

function labelsOf(metric: unknown): Record<string, string> {
  const labels: Record<string, string> = {};
  if (metric === null || typeof metric !== 'object') return labels;
  for (const [name, value] of Object.entries(metric)) labels[name] = String(value);
  return labels;
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
