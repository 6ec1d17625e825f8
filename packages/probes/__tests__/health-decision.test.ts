import { describe, expect, it } from '@jest/globals';
import {
  decideAt,
  judgeRound,
  recordRound,
  startDecision,
  timeLimitAt,
  type DecisionSettings,
  type DecisionState,
  type RoundResult,
} from '../src/health-decision.js';
import type { MetricOutcome, MetricVerdict } from '../src/metric-conditions.js';
import type { UrlOutcome } from '../src/response-checks.js';

const INTERVAL = 5_000;
const untilHealthy: DecisionSettings = {
  mode: 'until-healthy',
  successThreshold: 3,
  failureThreshold: 3,
  deadlineMs: 60_000,
  watchDurationMs: 0,
  failureLimits: {},
};
const watch: DecisionSettings = { ...untilHealthy, mode: 'watch', deadlineMs: 0, watchDurationMs: 60_000 };

const up: UrlOutcome = {
  url: 'https://a.example/',
  reason: 'ok',
  status: 200,
  latencyMs: 10,
  detail: 'HTTP 200 in 10 ms',
};
const down: UrlOutcome = { url: 'https://a.example/', reason: 'status', status: 503, latencyMs: 4, detail: 'HTTP 503' };
const refused: UrlOutcome = {
  url: 'https://b.example/',
  reason: 'refused',
  latencyMs: 1,
  detail: 'connection refused',
};
const metric = (verdict: MetricVerdict, name = 'error-rate'): MetricOutcome => ({
  name,
  verdict,
  reason: verdict === 'pass' ? 'ok' : verdict === 'inconclusive' ? 'metric-empty' : 'metric',
  values: [],
  series: 0,
  detail: verdict,
});

/** Round `n` (0-based) starts at n × INTERVAL and takes 100 ms. */
const round = (n: number, urls: UrlOutcome[], metrics: MetricOutcome[] = []): RoundResult => ({
  startedAt: n * INTERVAL,
  finishedAt: n * INTERVAL + 100,
  urls,
  metrics,
});
const healthy = (n: number): RoundResult => round(n, [up], [metric('pass')]);
const failing = (n: number): RoundResult => round(n, [down], [metric('pass')]);
const inconclusive = (n: number): RoundResult => round(n, [up], [metric('inconclusive')]);

/** Rounds 0, 1, 2, … built by `steps`, recorded in order from a start at 0. */
function run(settings: DecisionSettings, steps: ((n: number) => RoundResult)[]): DecisionState {
  return steps.reduce((state, step, n) => recordRound(settings, state, step(n)), startDecision(0));
}

describe('until-healthy', () => {
  it('is healthy after success-threshold consecutive healthy rounds', () => {
    const state = run(untilHealthy, [failing, healthy, healthy, healthy]);
    expect(state.decision).toEqual({
      state: 'healthy',
      reason: 'ok',
      detail: '3 consecutive healthy rounds after 15.1 s',
    });
    expect(state.rounds).toBe(4);
  });

  it('starts counting again after a failing round', () => {
    const state = run(untilHealthy, [healthy, healthy, failing, healthy, healthy]);
    expect([state.decision.state, state.consecutiveSuccesses]).toEqual(['pending', 2]);
  });

  it('keeps trying after failure-threshold failing rounds, and can still become healthy', () => {
    const state = run(untilHealthy, [failing, failing, failing, failing, healthy, healthy, healthy]);
    expect(state.decision.state).toBe('healthy');
  });

  it('fails at the deadline with reason deadline, keeping the last failure', () => {
    const steps = Array.from({ length: 12 }, (_, n) => (n % 2 === 0 ? failing : healthy));
    const state = decideAt(untilHealthy, run(untilHealthy, steps), 60_000);
    expect(state.decision).toEqual({
      state: 'unhealthy',
      reason: 'deadline',
      detail:
        'not healthy within the deadline of 1 min 00 s (1 of 3 consecutive healthy rounds); last failure: status: https://a.example/: HTTP 503',
      lastFailure: { reason: 'status', detail: 'https://a.example/: HTTP 503' },
    });
  });

  it('says how far it got when nothing failed but success-threshold was not reached', () => {
    const state = decideAt(untilHealthy, run(untilHealthy, [healthy, inconclusive, inconclusive]), 60_000);
    expect(state.decision).toEqual({
      state: 'unhealthy',
      reason: 'deadline',
      detail: 'not healthy within the deadline of 1 min 00 s: 1 of 3 consecutive healthy rounds',
    });
  });

  it('is still pending just before the deadline and decided exactly at it', () => {
    const state = run(untilHealthy, [failing]);
    expect(decideAt(untilHealthy, state, 59_999).decision.state).toBe('pending');
    expect(decideAt(untilHealthy, state, 60_000).decision).toMatchObject({ state: 'unhealthy', reason: 'deadline' });
  });

  it('decides at the end of a round that finishes after the deadline', () => {
    const late: RoundResult = { ...failing(11), finishedAt: 60_400 };
    const state = recordRound(untilHealthy, run(untilHealthy, [failing]), late);
    expect(state.decision).toMatchObject({ state: 'unhealthy', reason: 'deadline' });
  });

  it('lets a round that started before the deadline make the run healthy', () => {
    const state = run(untilHealthy, [healthy, healthy]);
    const last: RoundResult = { ...healthy(11), finishedAt: 60_400 };
    expect(recordRound(untilHealthy, state, last).decision.state).toBe('healthy');
  });

  it('fails with deadline when no round finished at all', () => {
    expect(decideAt(untilHealthy, startDecision(0), 60_000).decision).toEqual({
      state: 'unhealthy',
      reason: 'deadline',
      detail: 'no round finished within 1 min 00 s',
    });
  });
});

describe('watch', () => {
  it('fails as soon as failure-threshold consecutive rounds fail, with their reason', () => {
    const state = run(watch, [healthy, failing, failing, failing]);
    expect(state.decision).toEqual({
      state: 'unhealthy',
      reason: 'status',
      detail: '3 consecutive failing rounds: https://a.example/: HTTP 503',
    });
    expect(state.rounds).toBe(4);
  });

  it('names the reason of the last failing round', () => {
    const refusing = (n: number): RoundResult => round(n, [refused]);
    expect(run(watch, [failing, failing, refusing]).decision).toMatchObject({ reason: 'refused' });
  });

  it('does not fail on failures that are not consecutive', () => {
    const state = run(watch, [failing, failing, healthy, failing, failing, healthy]);
    expect([state.decision.state, state.consecutiveFailures]).toEqual(['pending', 0]);
  });

  it('passes when watch-duration elapses below failure-threshold', () => {
    const state = decideAt(watch, run(watch, [healthy, failing, failing]), 60_000);
    expect(state.decision).toEqual({
      state: 'healthy',
      reason: 'ok',
      detail: 'watched 3 rounds for 1 min 00 s without 3 consecutive failures',
    });
  });

  it('says one round, and one consecutive failure, in the singular', () => {
    const lenient = { ...watch, failureThreshold: 1 };
    expect(decideAt(lenient, run(lenient, [healthy]), 60_000).decision).toMatchObject({
      detail: 'watched 1 round for 1 min 00 s without 1 consecutive failure',
    });
  });

  it('does not declare healthy early on healthy rounds', () => {
    expect(run(watch, [healthy, healthy, healthy, healthy]).decision.state).toBe('pending');
  });

  it('fails with deadline when not a single round finished', () => {
    expect(decideAt(watch, startDecision(0), 60_000).decision).toMatchObject({
      state: 'unhealthy',
      reason: 'deadline',
    });
  });

  it('ends at the start plus watch-duration', () => {
    expect(timeLimitAt(watch, startDecision(1_000))).toBe(61_000);
    expect(timeLimitAt(untilHealthy, startDecision(1_000))).toBe(61_000);
    expect(timeLimitAt({ ...watch, watchDurationMs: 5_000 }, startDecision(1_000))).toBe(6_000);
  });
});

describe('inconclusive rounds', () => {
  it('neither reset nor count healthy rounds', () => {
    const state = run(untilHealthy, [healthy, inconclusive, healthy, inconclusive, healthy]);
    expect(state.decision.state).toBe('healthy');
  });

  it('neither reset nor count failing rounds', () => {
    const state = run(watch, [failing, inconclusive, failing, inconclusive, failing]);
    expect(state.decision).toMatchObject({ state: 'unhealthy', reason: 'status' });
  });

  it('are not healthy on their own', () => {
    expect(run(untilHealthy, [inconclusive, inconclusive, inconclusive, inconclusive]).consecutiveSuccesses).toBe(0);
  });
});

describe('metrics', () => {
  const limited: DecisionSettings = { ...watch, failureLimits: { 'error-rate': 2 } };
  const metricFails = (n: number): RoundResult => round(n, [up], [metric('fail')]);

  it('fail a round like a probe when they have no failure-limit', () => {
    expect(run(watch, [metricFails, metricFails, metricFails]).decision).toEqual({
      state: 'unhealthy',
      reason: 'metric',
      detail: '3 consecutive failing rounds: error-rate: fail',
    });
  });

  it('are tolerated up to failure-limit, counted over the whole run, and fail the run once over it', () => {
    const states = [metricFails, healthy, metricFails, healthy, metricFails].reduce<DecisionState[]>(
      (seen, step, n) => [...seen, recordRound(limited, seen.at(-1) ?? startDecision(0), step(n))],
      [],
    );
    expect(states.map((state) => state.decision.state)).toEqual([
      'pending',
      'pending',
      'pending',
      'pending',
      'unhealthy',
    ]);
    expect(states.map((state) => state.metricFailures['error-rate'])).toEqual([1, 1, 2, 2, 3]);
    expect(states.at(-1)?.decision).toEqual({
      state: 'unhealthy',
      reason: 'metric',
      detail: 'error-rate failed 3 times, more than its failure-limit of 2: fail',
    });
  });

  it('fail the run at once over failure-limit in until-healthy mode too', () => {
    const settings: DecisionSettings = { ...untilHealthy, failureLimits: { 'error-rate': 0 } };
    expect(run(settings, [metricFails]).decision).toMatchObject({ state: 'unhealthy', reason: 'metric' });
  });

  it('within failure-limit neither reset nor count, as inconclusive', () => {
    const settings: DecisionSettings = { ...untilHealthy, failureLimits: { 'error-rate': 5 } };
    const state = run(settings, [healthy, metricFails, healthy, healthy]);
    expect(state.decision.state).toBe('healthy');
  });

  it('count only the metric that has the limit', () => {
    const settings: DecisionSettings = { ...watch, failureLimits: { other: 0 } };
    const state = run(settings, [metricFails]);
    expect([state.decision.state, state.metricFailures, state.consecutiveFailures]).toEqual(['pending', {}, 1]);
  });

  it('end the run with an error when a query can never be judged', () => {
    const broken = (n: number): RoundResult => round(n, [up], [metric('pass', 'latency'), metric('error')]);
    expect(run(untilHealthy, [healthy, broken]).decision).toEqual({
      state: 'error',
      reason: 'metric',
      detail: 'error-rate: error',
    });
  });
});

describe('a decided run', () => {
  it('no longer changes, whatever comes after', () => {
    const decided = run(watch, [failing, failing, failing]);
    expect(recordRound(watch, decided, healthy(3))).toBe(decided);
    expect(decideAt(watch, decided, 1_000_000)).toBe(decided);
  });
});

describe('judgeRound', () => {
  it('names the first URL that failed, in order', () => {
    expect(judgeRound(untilHealthy, round(0, [up, refused, down]))).toEqual({
      verdict: 'failing',
      reason: 'refused',
      detail: 'https://b.example/: connection refused',
    });
  });

  it('names a failing URL before a failing metric', () => {
    expect(judgeRound(untilHealthy, round(0, [down], [metric('fail')])).reason).toBe('status');
  });

  it('is healthy when every URL and metric is', () => {
    expect(judgeRound(untilHealthy, healthy(0))).toEqual({
      verdict: 'healthy',
      reason: 'ok',
      detail: '1 URLs and 1 metrics healthy',
    });
  });

  it('says why a round is inconclusive', () => {
    expect(judgeRound(untilHealthy, inconclusive(0))).toEqual({
      verdict: 'inconclusive',
      reason: 'metric-empty',
      detail: 'error-rate inconclusive: inconclusive',
    });
    const limited: DecisionSettings = { ...untilHealthy, failureLimits: { 'error-rate': 1 } };
    expect(judgeRound(limited, round(0, [up], [metric('fail')])).detail).toBe(
      'error-rate failed within its failure-limit: fail',
    );
  });
});
