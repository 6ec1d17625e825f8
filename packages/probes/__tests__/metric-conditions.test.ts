import { describe, expect, it } from '@jest/globals';
import {
  conditionHolds,
  evaluateMetric,
  parseMetricCondition,
  parseMetrics,
  readMetricDefinitions,
  type MetricDefinition,
} from '../src/metric-conditions.js';
import type { PrometheusResult } from '../src/prometheus.js';
import { configurationError, configurationErrorAsync } from './support/configuration-error.js';

describe('parseMetrics', () => {
  it('reads a list of metrics with their defaults', async () => {
    const text = `
- name: error-rate
  query: sum(rate(http_errors_total[1m])) / sum(rate(http_requests_total[1m]))
  condition: < 0.01
- name: availability
  query: avg(up{job="api"})
  condition: ">= 0.95"
  on-empty: inconclusive
  failure-limit: 2
`;
    expect(await parseMetrics(text)).toEqual([
      {
        name: 'error-rate',
        query: 'sum(rate(http_errors_total[1m])) / sum(rate(http_requests_total[1m]))',
        condition: { text: '< 0.01', operator: '<', threshold: 0.01 },
        onEmpty: 'fail',
      },
      {
        name: 'availability',
        query: 'avg(up{job="api"})',
        condition: { text: '>= 0.95', operator: '>=', threshold: 0.95 },
        onEmpty: 'inconclusive',
        failureLimit: 2,
      },
    ]);
  });

  it('reads blank text as no metrics', async () => {
    expect(await parseMetrics('')).toEqual([]);
    expect(await parseMetrics('# none yet\n')).toEqual([]);
  });

  it('says to quote a condition that starts with >, the YAML mistake everyone makes', async () => {
    const message = await configurationErrorAsync(() =>
      parseMetrics('- name: availability\n  query: up\n  condition: >= 0.95\n'),
    );
    expect(message).toMatch(/^metrics: not valid YAML at line 3: /);
    expect(message).toContain(`; put a condition starting with > in quotes: condition: ">= 0.95"`);
  });

  it('names the line of other YAML errors without the hint', async () => {
    const message = await configurationErrorAsync(() => parseMetrics('- name: a\n  query: [unclosed\n'));
    expect(message).toMatch(/^metrics: not valid YAML at line \d: /);
    expect(message).not.toContain('in quotes');
  });
});

describe('readMetricDefinitions', () => {
  const valid = { name: 'error-rate', query: 'up', condition: '< 1' };

  it.each([
    [{ name: 'rate' }, 'metrics: expected a YAML list of metrics, found a mapping; e.g.\n- name: error-rate'],
    ['up', "metrics: expected a YAML list of metrics, found string 'up'"],
  ])('refuses a document that is not a list: %j', (document, message) => {
    expect(configurationError(() => readMetricDefinitions(document)).slice(0, message.length)).toBe(message);
  });

  it.each([
    [['up'], "metrics: item 1: expected a mapping with name, query and condition, found string 'up'"],
    [
      [{ ...valid, onEmpty: 'pass' }],
      "metrics: item 1: unknown key 'onEmpty'; the keys are name, query, condition, on-empty, failure-limit",
    ],
    [[{ query: 'up', condition: '< 1' }], "metrics: item 1: 'name' must be a non-empty string, it is missing; e.g."],
    [
      [{ ...valid, name: 'error rate' }],
      "metrics: item 1: name 'error rate' is not a metric name; use up to 64 letters",
    ],
    [[{ ...valid, query: '' }], "metrics: item 1 (error-rate): 'query' must be a non-empty string, found string ''"],
    [[{ ...valid, query: 5 }], "metrics: item 1 (error-rate): 'query' must be a non-empty string, found number '5'"],
    [
      [{ ...valid, condition: 5 }],
      "metrics: item 1 (error-rate): 'condition' must be a non-empty string, found number '5'",
    ],
    [
      [{ ...valid, condition: 'below 1' }],
      "metrics: item 1 (error-rate): condition: 'below 1' is not a condition; write an operator (== != <= >= < >) and a number, such as < 0.01 or >= 0.95",
    ],
    [[{ ...valid, condition: '< 1e-3' }], "metrics: item 1 (error-rate): condition: '< 1e-3' is not a condition"],
    [
      [{ ...valid, 'on-empty': 'skip' }],
      "metrics: item 1 (error-rate): on-empty: 'skip' is not an accepted value; use one of 'fail', 'pass', 'inconclusive'",
    ],
    [
      [{ ...valid, 'failure-limit': -1 }],
      "metrics: item 1 (error-rate): failure-limit: '-1' is less than the minimum of 0",
    ],
    [[{ ...valid, 'failure-limit': 1.5 }], "metrics: item 1 (error-rate): failure-limit: '1.5' is not an integer"],
    [
      [valid, { ...valid }],
      'metrics: item 2: the name error-rate is already used by an earlier item; give each metric its own name',
    ],
  ])('refuses %j, naming the item and the fix', (document, message) => {
    expect(configurationError(() => readMetricDefinitions(document)).slice(0, message.length)).toBe(message);
  });

  it('names the input it is given', () => {
    expect(configurationError(() => readMetricDefinitions('x', 'rollback-metrics'))).toMatch(/^rollback-metrics: /);
  });
});

describe('parseMetricCondition', () => {
  it.each([
    ['< 0.01', '<', 0.01],
    ['>=0.95', '>=', 0.95],
    ['== 1', '==', 1],
    ['!= 0', '!=', 0],
    ['> -2.5', '>', -2.5],
    ['  <= 100  ', '<=', 100],
  ])('reads %j', (text, operator, threshold) => {
    expect(parseMetricCondition(text, 'c')).toEqual({ text: text.trim(), operator, threshold });
  });

  it.each(['0.01', '< ', '=< 1', '< one', '<< 1'])('refuses %j', (text) => {
    expect(configurationError(() => parseMetricCondition(text, 'metrics: item 1 (x): condition'))).toMatch(
      /^metrics: item 1 \(x\): condition: '.*' is not a condition; write an operator/,
    );
  });

  it('never lets NaN pass, whatever the operator', () => {
    for (const text of ['< 1', '<= 1', '> 1', '>= 1', '== 1', '!= 1']) {
      expect(conditionHolds(parseMetricCondition(text, 'c'), NaN)).toBe(false);
    }
  });
});

describe('evaluateMetric', () => {
  const metric: MetricDefinition = {
    name: 'error-rate',
    query: 'sum(rate(errors[1m]))',
    condition: { text: '< 0.01', operator: '<', threshold: 0.01 },
    onEmpty: 'fail',
  };
  const vector = (...values: number[]): PrometheusResult => ({
    kind: 'samples',
    resultType: 'vector',
    samples: values.map((value, index) => ({ labels: { instance: `app-${index}` }, value })),
  });

  it('passes when every sample meets the condition', () => {
    expect(evaluateMetric(metric, vector(0.001, 0.002))).toEqual({
      name: 'error-rate',
      verdict: 'pass',
      reason: 'ok',
      values: [0.001, 0.002],
      series: 2,
      detail: 'all 2 series < 0.01',
    });
  });

  it('passes a scalar that meets the condition', () => {
    const scalar: PrometheusResult = { kind: 'samples', resultType: 'scalar', samples: [{ labels: {}, value: 0 }] };
    expect(evaluateMetric(metric, scalar)).toMatchObject({ verdict: 'pass', detail: '0 < 0.01' });
  });

  it('fails when one sample does not, naming its series', () => {
    expect(evaluateMetric(metric, vector(0.001, 0.5))).toMatchObject({
      verdict: 'fail',
      reason: 'metric',
      values: [0.001, 0.5],
      detail: `0.5 is not < 0.01 for '{instance="app-1"}'`,
    });
  });

  it('fails on NaN, saying it never passes', () => {
    expect(evaluateMetric(metric, vector(NaN))).toMatchObject({
      verdict: 'fail',
      reason: 'metric',
      detail: `NaN (no number, which never passes) is not < 0.01 for '{instance="app-0"}'`,
    });
  });

  it('fails on an infinite value', () => {
    expect(evaluateMetric(metric, vector(Infinity)).verdict).toBe('fail');
  });

  it('shortens labels from Prometheus and shows their control characters', () => {
    const result: PrometheusResult = {
      kind: 'samples',
      resultType: 'vector',
      samples: [{ labels: { path: `/::error::x\n${'a'.repeat(5_000)}` }, value: 1 }],
    };
    const { detail } = evaluateMetric(metric, result);
    expect(detail.length).toBeLessThan(160);
    expect(detail).not.toMatch(/\n/);
  });

  it('keeps the first ten values and counts every series', () => {
    const outcome = evaluateMetric(metric, vector(...Array.from({ length: 25 }, () => 0)));
    expect([outcome.values.length, outcome.series]).toEqual([10, 25]);
  });

  it.each([
    ['fail', 'fail', 'metric-empty', 'the query returned no data (on-empty: fail); check the metric name and labels'],
    ['pass', 'pass', 'ok', 'no data, which on-empty: pass accepts'],
    [
      'inconclusive',
      'inconclusive',
      'metric-empty',
      'the query returned no data (on-empty: inconclusive); check the metric name and labels',
    ],
  ] as const)('an empty result with on-empty: %s is %s', (onEmpty, verdict, reason, detail) => {
    expect(evaluateMetric({ ...metric, onEmpty }, { kind: 'empty' })).toEqual({
      name: 'error-rate',
      verdict,
      reason,
      values: [],
      series: 0,
      detail,
    });
  });

  it('fails with prometheus-down when Prometheus did not answer', () => {
    expect(
      evaluateMetric(metric, { kind: 'prometheus-down', detail: 'connection refused (ECONNREFUSED)' }),
    ).toMatchObject({
      verdict: 'fail',
      reason: 'prometheus-down',
      detail: 'Prometheus did not answer: connection refused (ECONNREFUSED)',
    });
  });

  it('is an error naming the query when Prometheus rejects it', () => {
    expect(evaluateMetric(metric, { kind: 'bad-query', detail: "'bad_data: parse error'" })).toMatchObject({
      verdict: 'error',
      reason: 'metric',
      detail: "Prometheus rejected the query 'sum(rate(errors[1m]))': 'bad_data: parse error'",
    });
  });

  it.each([
    ['matrix', 'range vector'],
    ['string', 'string'],
  ] as const)('is an error naming the query for a %s result', (resultType, words) => {
    expect(evaluateMetric(metric, { kind: 'unsupported', resultType })).toMatchObject({
      verdict: 'error',
      reason: 'metric',
      detail: expect.stringMatching(new RegExp(`^the query 'sum\\(rate\\(errors\\[1m\\]\\)\\)' returns a ${words}; `)),
    });
  });
});
