// The Prometheus client and metric conditions against a real Prometheus scraping an exporter the test controls:
// passing and failing values, no data, NaN, a rejected query, a range vector and a stopped Prometheus. The client's
// own limits (timeout, answer size, headers, cancellation) against small Node servers that misbehave on purpose.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  startMetricsExporter,
  startPrometheus,
  waitFor,
  type MetricsExporter,
  type PrometheusHandle,
} from '@actions-kit/testkit';
import { evaluateMetric, parseMetrics, type MetricDefinition } from '../src/metric-conditions.js';
import { queryPrometheus, type PrometheusResult } from '../src/prometheus.js';

jest.setTimeout(90_000);

const TIMEOUT_MS = 5_000;

describe('metric conditions against a real Prometheus', () => {
  let dir = '';
  let exporter: MetricsExporter | undefined;
  let prometheus: PrometheusHandle | undefined;
  let metrics: Map<string, MetricDefinition>;

  const query = (text: string, url = prometheus?.url): Promise<PrometheusResult> =>
    queryPrometheus({ baseUrl: url ?? new URL('http://127.0.0.1:1/'), query: text, timeoutMs: TIMEOUT_MS });
  const evaluate = async (name: string) => {
    const metric = metrics.get(name);
    if (metric === undefined) throw new Error(`no metric ${name} in the test's list`);
    return evaluateMetric(metric, await query(metric.query));
  };
  /** Waits until Prometheus has scraped `value` (it scrapes every second). */
  const scraped = (value: number) =>
    waitFor(
      `a scrape of app_error_ratio = ${value}`,
      async () => {
        const result = await query('app_error_ratio');
        return result.kind === 'samples' && result.samples[0]?.value === value;
      },
      30_000,
    );

  beforeAll(async () => {
    metrics = new Map(
      (
        await parseMetrics(`
- name: error-rate
  query: max(app_error_ratio{service="api"})
  condition: < 0.01
- name: error-rate-by-series
  query: app_error_ratio
  condition: < 0.01
- name: missing
  query: app_requests_that_do_not_exist_total
  condition: "> 0"
- name: missing-tolerated
  query: app_requests_that_do_not_exist_total
  condition: "> 0"
  on-empty: inconclusive
- name: not-a-number
  query: 0/0
  condition: "< 1"
- name: not-a-number-by-series
  query: app_error_ratio * 0 / 0
  condition: "< 1"
- name: broken
  query: sum(app_error_ratio
  condition: < 1
- name: range
  query: app_error_ratio[1m]
  condition: < 1
`)
      ).map((metric) => [metric.name, metric]),
    );
    dir = await mkdtemp(path.join(os.tmpdir(), 'probes-prometheus-'));
    exporter = await startMetricsExporter(0.002);
    prometheus = await startPrometheus(dir, exporter.address);
    await scraped(0.002);
  });

  afterAll(async () => {
    await prometheus?.stop();
    await exporter?.stop();
    if (dir !== '') await rm(dir, { recursive: true, force: true });
  });

  it('passes a value that meets the condition', async () => {
    expect(await evaluate('error-rate')).toEqual({
      name: 'error-rate',
      verdict: 'pass',
      reason: 'ok',
      values: [0.002],
      series: 1,
      detail: '0.002 < 0.01',
    });
  });

  it('fails a value that does not, naming the series', async () => {
    exporter?.setErrorRatio(0.25);
    await scraped(0.25);
    expect(await evaluate('error-rate')).toMatchObject({ verdict: 'fail', reason: 'metric', values: [0.25] });
    expect(await evaluate('error-rate-by-series')).toMatchObject({
      verdict: 'fail',
      reason: 'metric',
      detail: expect.stringMatching(/^0\.25 is not < 0\.01 for '\{__name__="app_error_ratio", .*service="api"\}'$/),
    });
    exporter?.setErrorRatio(0.002);
    await scraped(0.002);
    expect((await evaluate('error-rate')).verdict).toBe('pass');
  });

  it('fails a metric that does not exist as metric-empty, or leaves it inconclusive when told to', async () => {
    expect(await query(metrics.get('missing')?.query ?? '')).toEqual({ kind: 'empty' });
    expect(await evaluate('missing')).toMatchObject({ verdict: 'fail', reason: 'metric-empty', series: 0 });
    expect(await evaluate('missing-tolerated')).toMatchObject({ verdict: 'inconclusive', reason: 'metric-empty' });
  });

  it('never passes NaN, as a scalar or in a vector', async () => {
    expect(await query('0/0')).toEqual({
      kind: 'samples',
      resultType: 'scalar',
      samples: [{ labels: {}, value: NaN }],
    });
    expect(await evaluate('not-a-number')).toMatchObject({
      verdict: 'fail',
      reason: 'metric',
      detail: 'NaN (no number, which never passes) is not < 1',
    });
    expect(await evaluate('not-a-number-by-series')).toMatchObject({ verdict: 'fail', reason: 'metric' });
  });

  it("names a query Prometheus rejects, with Prometheus's own error", async () => {
    expect(await query('sum(app_error_ratio')).toEqual({
      kind: 'bad-query',
      detail: expect.stringMatching(/^'bad_data: .*parse error.*'$/),
    });
    expect(await evaluate('broken')).toMatchObject({
      verdict: 'error',
      reason: 'metric',
      detail: expect.stringMatching(/^Prometheus rejected the query 'sum\(app_error_ratio': 'bad_data: /),
    });
  });

  it('names a query that returns a range vector', async () => {
    expect(await query('app_error_ratio[1m]')).toEqual({ kind: 'unsupported', resultType: 'matrix' });
    expect(await evaluate('range')).toMatchObject({
      verdict: 'error',
      detail: expect.stringMatching(/^the query 'app_error_ratio\[1m\]' returns a range vector; /),
    });
  });

  it('names a stopped Prometheus as prometheus-down', async () => {
    const url = prometheus?.url;
    await prometheus?.stop();
    prometheus = undefined;
    const result = await query('app_error_ratio', url);
    // A connection the kernel had already accepted while Prometheus shut down is reset rather than refused: either
    // way the failure is named, and it is prometheus-down.
    expect(result).toEqual({
      kind: 'prometheus-down',
      detail: expect.stringMatching(/^connection (refused \(ECONNREFUSED\)|reset \(ECONNRESET\))$/),
    });
    expect(evaluateMetric(metrics.get('error-rate') as MetricDefinition, result)).toMatchObject({
      verdict: 'fail',
      reason: 'prometheus-down',
      detail: `Prometheus did not answer: ${result.kind === 'prometheus-down' ? result.detail : ''}`,
    });
  });
});

describe('the Prometheus client against servers that misbehave', () => {
  const servers: http.Server[] = [];

  /** A loopback server answering every request with `handler`; closed after the tests. */
  async function serve(handler: http.RequestListener): Promise<URL> {
    const server = http.createServer(handler);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/prometheus`);
  }
  const vector = JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } });

  afterAll(async () => {
    await Promise.all(
      servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      ),
    );
  });

  it('posts the query with the headers given, below the path prefix', async () => {
    const seen: { method?: string; url?: string; authorization?: string; body: string } = { body: '' };
    const url = await serve((request, response) => {
      Object.assign(seen, { method: request.method, url: request.url, authorization: request.headers.authorization });
      request.on('data', (chunk: Buffer) => (seen.body += chunk.toString()));
      request.on('end', () => response.end(vector));
    });
    const result = await queryPrometheus({
      baseUrl: url,
      query: 'sum(rate(x{a="b"}[1m]))',
      headers: { Authorization: 'Bearer secret-token' },
      timeoutMs: TIMEOUT_MS,
    });
    expect(result).toEqual({ kind: 'empty' });
    expect(seen).toEqual({
      method: 'POST',
      url: '/prometheus/api/v1/query',
      authorization: 'Bearer secret-token',
      body: 'query=sum%28rate%28x%7Ba%3D%22b%22%7D%5B1m%5D%29%29',
    });
  });

  it('gives up on an answer that does not end within the timeout', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"status":"succ'); // and never more
    });
    expect(await queryPrometheus({ baseUrl: url, query: 'up', timeoutMs: 300 })).toEqual({
      kind: 'prometheus-down',
      detail: 'no complete answer within 300 ms',
    });
  });

  it('stops reading an answer larger than it will ever judge', async () => {
    const url = await serve((_request, response) => {
      const chunk = Buffer.alloc(1024 * 1024, 'x');
      const write = (left: number): void => {
        if (left === 0) return void response.end();
        if (response.write(chunk)) write(left - 1);
        else response.once('drain', () => write(left - 1));
      };
      write(20);
    });
    expect(await queryPrometheus({ baseUrl: url, query: 'up', timeoutMs: TIMEOUT_MS })).toEqual({
      kind: 'bad-query',
      detail: 'the answer is larger than 8 MiB: aggregate the query (sum, max, topk) so it returns fewer series',
    });
  });

  it('names a server error as prometheus-down', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(503).end('overloaded');
    });
    expect(await queryPrometheus({ baseUrl: url, query: 'up', timeoutMs: TIMEOUT_MS })).toEqual({
      kind: 'prometheus-down',
      detail: 'HTTP 503',
    });
  });

  it('names a reset connection as prometheus-down', async () => {
    const url = await serve((request) => request.socket.destroy());
    // Whether the client was still writing the form when the socket closed decides which of the two Node reports.
    expect(await queryPrometheus({ baseUrl: url, query: 'up', timeoutMs: TIMEOUT_MS })).toEqual({
      kind: 'prometheus-down',
      detail: expect.stringMatching(/^connection reset \((ECONNRESET|EPIPE)\)$/),
    });
  });

  it('rejects with the reason when cancelled, rather than calling Prometheus down', async () => {
    const url = await serve(() => undefined); // never answers
    const controller = new AbortController();
    const pending = queryPrometheus({ baseUrl: url, query: 'up', timeoutMs: 10_000, signal: controller.signal });
    setTimeout(() => controller.abort(new Error('cancelled by the runner')), 100);
    await expect(pending).rejects.toThrow('cancelled by the runner');
  });
});
