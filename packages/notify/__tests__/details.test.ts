import { describe, expect, it } from '@jest/globals';
import { readDetails } from '../src/details.js';

describe("the headline of another action's report", () => {
  it('reads a health-check report', () => {
    expect(
      readDetails({
        verdict: 'unhealthy',
        reason: 'status',
        detail: '3 of 5 probes answered 503',
        attempts: 12,
        durationMs: 61_000,
        latency: { count: 9, p50Ms: 20, p95Ms: 1234.4 },
        timeline: [],
        rollback: { kind: 'command', succeeded: true, what: 'ran', durationMs: 10 },
      }),
    ).toEqual({
      source: 'health-check',
      headline: 'unhealthy after 12 rounds in 1 min 01 s',
      reason: '3 of 5 probes answered 503',
      figures: [
        { name: 'Reason', value: 'status' },
        { name: 'p95 latency', value: '1,234 ms' },
        { name: 'Rollback', value: 'succeeded' },
      ],
    });
  });

  it('reads a security-scan report', () => {
    expect(
      readDetails({
        schemaVersion: 1,
        policy: { failOn: 'high', scope: 'new', passed: false, summary: '2 new high findings' },
        counts: {
          total: 1_204,
          critical: 0,
          high: 2,
          medium: 1_202,
          low: 0,
          info: 0,
          new: 2,
          existing: 1_202,
          suppressed: 0,
          fixed: 1,
        },
        findings: [],
      }),
    ).toEqual({
      source: 'security-scan',
      headline: 'failed: 1,204 open findings (2 high, 1,202 medium)',
      reason: '2 new high findings',
      figures: [
        { name: 'New', value: '2' },
        { name: 'Fixed', value: '1' },
      ],
    });
  });

  it('reads a quality-gate result file', () => {
    expect(
      readDetails({
        schema: 'actions-kit/quality-gate-result',
        version: 1,
        passed: false,
        metrics: { 'coverage.lines': 71.254, 'tests.failed': 0 },
        conditions: [
          { condition: 'coverage.lines >= 80', status: 'failed', value: 71.254 },
          { condition: 'tests.failed == 0', status: 'passed', value: 0 },
        ],
      }),
    ).toEqual({
      source: 'quality-gate',
      headline: 'failed: 1 of 2 conditions met',
      reason: 'not met: coverage.lines >= 80 (was 71.254)',
      figures: [{ name: 'coverage.lines', value: '71.25%' }],
    });
  });

  it('reads a blue-green-switch report', () => {
    expect(
      readDetails({
        provider: 'nginx (/etc/nginx/upstream.conf)',
        outcome: 'rolled-back',
        target: 'green',
        previous: 'blue',
        active: 'blue',
        problem: 'green answered 502',
        timings: { totalMs: 4_200 },
      }),
    ).toEqual({
      source: 'blue-green-switch',
      headline: 'rolled-back: blue → green, blue live (4.2 s)',
      reason: 'green answered 502',
      figures: [{ name: 'Provider', value: 'nginx (/etc/nginx/upstream.conf)' }],
    });
  });

  it('knows no other document', () => {
    expect(readDetails({ hello: 1 })).toBeUndefined();
    expect(readDetails([1, 2])).toBeUndefined();
  });
});
