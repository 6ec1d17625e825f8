import { describe, expect, it } from '@jest/globals';
import type { RoundResult } from '../src/health-decision.js';
import { roundTimeline, successfulLatencies } from '../src/health-timeline.js';

const round: RoundResult = {
  startedAt: 11_000.4,
  finishedAt: 11_250,
  urls: [
    { url: 'https://a.example/', reason: 'ok', status: 200, latencyMs: 12.6, detail: 'HTTP 200 in 13 ms' },
    { url: 'https://b.example/', reason: 'timeout', latencyMs: 3000, detail: 'no response (timeout)' },
    { url: 'https://c.example/', reason: 'refused', detail: 'connection refused' },
  ],
  metrics: [
    {
      name: 'error-rate',
      verdict: 'fail',
      reason: 'metric',
      values: [0.5, NaN, Infinity, -Infinity],
      series: 4,
      detail: '0.5 is not < 0.01',
    },
  ],
};

describe('roundTimeline', () => {
  const entries = roundTimeline(round, 3, 1_000);

  it('records every probe, then every query, with the round and its time from the start', () => {
    expect(entries).toEqual([
      {
        kind: 'probe',
        round: 3,
        atMs: 10_000,
        url: 'https://a.example/',
        reason: 'ok',
        status: 200,
        latencyMs: 13,
        detail: 'HTTP 200 in 13 ms',
      },
      {
        kind: 'probe',
        round: 3,
        atMs: 10_000,
        url: 'https://b.example/',
        reason: 'timeout',
        latencyMs: 3000,
        detail: 'no response (timeout)',
      },
      {
        kind: 'probe',
        round: 3,
        atMs: 10_000,
        url: 'https://c.example/',
        reason: 'refused',
        detail: 'connection refused',
      },
      {
        kind: 'query',
        round: 3,
        atMs: 10_000,
        metric: 'error-rate',
        verdict: 'fail',
        reason: 'metric',
        values: [0.5, 'NaN', '+Inf', '-Inf'],
        series: 4,
        detail: '0.5 is not < 0.01',
      },
    ]);
  });

  it('survives JSON: values JSON cannot hold are written as Prometheus writes them', () => {
    expect(JSON.parse(JSON.stringify(entries))).toEqual(entries);
  });
});

describe('successfulLatencies', () => {
  it('takes the latencies of successful probes only', () => {
    const second = roundTimeline({ ...round, urls: [{ ...round.urls[0]!, latencyMs: 40 }] }, 4, 1_000);
    expect(successfulLatencies([...roundTimeline(round, 3, 1_000), ...second])).toEqual([13, 40]);
  });
});
