import { describe, expect, it } from '@jest/globals';
import { classifyPrometheusAnswer, parsePrometheusUrl, queryEndpoint } from '../src/prometheus.js';
import { configurationError } from './support/configuration-error.js';

/** Prometheus's success envelope around `data`. */
const success = (data: unknown): string => JSON.stringify({ status: 'success', data });

describe('classifyPrometheusAnswer', () => {
  it('reads an instant vector, labels and values', () => {
    const body = success({
      resultType: 'vector',
      result: [
        { metric: { __name__: 'errors', job: 'api' }, value: [1712345678.9, '0.25'] },
        { metric: { job: 'web' }, value: [1712345678.9, '0'] },
      ],
    });
    expect(classifyPrometheusAnswer(200, body)).toEqual({
      kind: 'samples',
      resultType: 'vector',
      samples: [
        { labels: { __name__: 'errors', job: 'api' }, value: 0.25 },
        { labels: { job: 'web' }, value: 0 },
      ],
    });
  });

  it('reads a scalar as one sample without labels', () => {
    expect(classifyPrometheusAnswer(200, success({ resultType: 'scalar', result: [1712345678.9, '3'] }))).toEqual({
      kind: 'samples',
      resultType: 'scalar',
      samples: [{ labels: {}, value: 3 }],
    });
  });

  it.each([
    ['NaN', NaN],
    ['+Inf', Infinity],
    ['-Inf', -Infinity],
    ['', NaN],
    ['not a number', NaN],
  ])('reads the value %j as %d', (text, value) => {
    const body = success({ resultType: 'vector', result: [{ metric: {}, value: [1, text] }] });
    expect(classifyPrometheusAnswer(200, body)).toMatchObject({ samples: [{ value }] });
  });

  it('reads a sample without a value as NaN, which never passes', () => {
    const body = success({ resultType: 'vector', result: [{ metric: {} }] });
    expect(classifyPrometheusAnswer(200, body)).toMatchObject({ samples: [{ labels: {}, value: NaN }] });
  });

  it('reads a vector with no series as empty', () => {
    expect(classifyPrometheusAnswer(200, success({ resultType: 'vector', result: [] }))).toEqual({ kind: 'empty' });
  });

  it.each(['matrix', 'string'])('reads a %s result as unsupported', (resultType) => {
    expect(classifyPrometheusAnswer(200, success({ resultType, result: [] }))).toEqual({
      kind: 'unsupported',
      resultType,
    });
  });

  it.each([400, 422])("reads HTTP %d with Prometheus's error as a bad query, with its text", (status) => {
    const body = JSON.stringify({
      status: 'error',
      errorType: 'bad_data',
      error: 'invalid parameter "query": 1:5: parse error: unexpected end of input',
    });
    expect(classifyPrometheusAnswer(status, body)).toEqual({
      kind: 'bad-query',
      detail: `'bad_data: invalid parameter "query": 1:5: parse error: unexpected end of input'`,
    });
  });

  it("shortens Prometheus's error text", () => {
    const body = JSON.stringify({ status: 'error', errorType: 'bad_data', error: `::error::${'x'.repeat(5_000)}\n` });
    const result = classifyPrometheusAnswer(400, body);
    expect(result.kind).toBe('bad-query');
    expect(result.kind === 'bad-query' && result.detail.length).toBeLessThan(110);
  });

  it.each([
    [
      503,
      JSON.stringify({ status: 'error', errorType: 'unavailable', error: 'tsdb not ready' }),
      `HTTP 503 'unavailable: tsdb not ready'`,
    ],
    [502, '<html>Bad Gateway</html>', 'HTTP 502'],
    [401, 'Unauthorized', 'HTTP 401 (check prometheus-url and prometheus-headers)'],
    [404, '404 page not found', 'HTTP 404 (check prometheus-url and prometheus-headers)'],
    [400, 'a proxy said no', 'HTTP 400 (check prometheus-url and prometheus-headers)'],
  ])('reads HTTP %d as prometheus-down, naming it', (status, body, detail) => {
    expect(classifyPrometheusAnswer(status, body)).toEqual({ kind: 'prometheus-down', detail });
  });

  it.each([
    ['<!doctype html><title>Grafana</title>', { 'content-type': 'text/html' }, `(HTTP 200, 'text/html')`],
    [JSON.stringify({ status: 'success' }), {}, `(HTTP 200, 'no content type')`],
    ['[1, 2]', {}, `(HTTP 200, 'no content type')`],
  ])('reads a 200 that is not the query API (%j) as prometheus-down', (body, headers, where) => {
    expect(classifyPrometheusAnswer(200, body, headers)).toEqual({
      kind: 'prometheus-down',
      detail: `the answer is not Prometheus's query API JSON ${where}`,
    });
  });

  it('names an unknown result type, shortened', () => {
    expect(classifyPrometheusAnswer(200, success({ resultType: 'histogram', result: [] }))).toEqual({
      kind: 'prometheus-down',
      detail: "the answer has an unknown result type 'histogram'",
    });
  });
});

describe('parsePrometheusUrl and queryEndpoint', () => {
  it.each([
    ['http://127.0.0.1:9090', 'http://127.0.0.1:9090/api/v1/query'],
    ['http://127.0.0.1:9090/', 'http://127.0.0.1:9090/api/v1/query'],
    [' https://monitoring.example/prometheus ', 'https://monitoring.example/prometheus/api/v1/query'],
    ['https://monitoring.example/prometheus/', 'https://monitoring.example/prometheus/api/v1/query'],
  ])('queries %j at %s', (text, endpoint) => {
    expect(queryEndpoint(parsePrometheusUrl(text)).href).toBe(endpoint);
  });

  it.each([
    ['prometheus:9090', "prometheus-url: 'prometheus:9090' is not an http or https URL"],
    ['not a url', "prometheus-url: 'not a url' is not a URL"],
    ['ftp://host', "prometheus-url: 'ftp://host' is not an http or https URL"],
    ['http://host/?x=1', "prometheus-url: 'http://host/?x=1' has a query or a fragment"],
  ])('refuses %j', (text, message) => {
    const error = configurationError(() => parsePrometheusUrl(text));
    expect(error.slice(0, message.length)).toBe(message);
    expect(error).toContain('; use Prometheus');
  });
});
