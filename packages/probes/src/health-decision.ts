// The health decision as a small state machine over round results: consecutive healthy and failing rounds, metric
// failure limits, and the time limit of each mode. Pure: every timestamp comes in as data, nothing reads a clock.
import { humanDuration } from '@actions-kit/core';
import type { HealthReason } from './health-reasons.js';
import type { MetricOutcome } from './metric-conditions.js';
import type { UrlOutcome } from './response-checks.js';

/**
 * `until-healthy` waits for `successThreshold` consecutive healthy rounds and fails only at the deadline;
 * `watch` observes for `watchDurationMs` and fails as soon as `failureThreshold` consecutive rounds fail.
 */
export type HealthMode = 'until-healthy' | 'watch';

export interface DecisionSettings {
  mode: HealthMode;
  successThreshold: number;
  failureThreshold: number;
  /** until-healthy: from the start, how long a healthy decision may take. */
  deadlineMs: number;
  /** watch: from the start, how long to watch. */
  watchDurationMs: number;
  /** The `failure-limit` of each metric that has one, by metric name. */
  failureLimits: Readonly<Record<string, number>>;
}

/** One round: every URL probed once and every metric queried once. Timestamps on any one monotonic scale. */
export interface RoundResult {
  startedAt: number;
  finishedAt: number;
  urls: readonly UrlOutcome[];
  metrics: readonly MetricOutcome[];
}

/**
 * `healthy` and `failing` move the counts; `inconclusive` (a metric on-empty: inconclusive, or a failure within a
 * metric's failure-limit, and nothing failing otherwise) neither resets nor counts.
 */
export interface RoundVerdict {
  verdict: 'healthy' | 'failing' | 'inconclusive';
  reason: HealthReason;
  detail: string;
}

export type Decision =
  | { state: 'pending' }
  | { state: 'healthy'; reason: 'ok'; detail: string }
  /** `lastFailure` is kept beside a `deadline` reason: what was still wrong when time ran out. */
  | { state: 'unhealthy'; reason: HealthReason; detail: string; lastFailure?: Failure }
  /** A metric's query can never be judged (rejected by Prometheus, or not an instant vector): a configuration fault. */
  | { state: 'error'; reason: 'metric'; detail: string };

export interface Failure {
  reason: HealthReason;
  detail: string;
}

export interface DecisionState {
  startedAt: number;
  rounds: number;
  consecutiveSuccesses: number;
  consecutiveFailures: number;
  /** Failed measurements so far of each metric that has a failure-limit. */
  metricFailures: Readonly<Record<string, number>>;
  lastFailure?: Failure;
  decision: Decision;
}

export function startDecision(startedAt: number): DecisionState {
  return {
    startedAt,
    rounds: 0,
    consecutiveSuccesses: 0,
    consecutiveFailures: 0,
    metricFailures: {},
    decision: { state: 'pending' },
  };
}

/** When the run ends at the latest: the deadline, or the end of the watch. */
export function timeLimitAt(settings: DecisionSettings, state: DecisionState): number {
  return state.startedAt + (settings.mode === 'watch' ? settings.watchDurationMs : settings.deadlineMs);
}

/**
 * Applies one round, then the time limit at the round's end. A round that started before the limit counts even when
 * it ends after it, so the last round can still make the run healthy. Once decided, the state no longer changes.
 */
export function recordRound(settings: DecisionSettings, state: DecisionState, round: RoundResult): DecisionState {
  if (state.decision.state !== 'pending') return state;
  const metricFailures = countLimitedFailures(settings, state, round);
  const next: DecisionState = { ...state, rounds: state.rounds + 1, metricFailures };
  const overLimit = round.metrics.find(
    (metric) => metric.verdict === 'fail' && exceedsLimit(settings, metricFailures, metric.name),
  );
  const broken = round.metrics.find((metric) => metric.verdict === 'error');
  if (broken !== undefined) {
    return { ...next, decision: { state: 'error', reason: 'metric', detail: `${broken.name}: ${broken.detail}` } };
  }
  if (overLimit !== undefined) {
    const limit = settings.failureLimits[overLimit.name];
    const detail = `${overLimit.name} failed ${metricFailures[overLimit.name]} times, more than its failure-limit of ${limit}: ${overLimit.detail}`;
    return {
      ...next,
      lastFailure: { reason: overLimit.reason, detail },
      decision: unhealthy(overLimit.reason, detail),
    };
  }
  const judged = judgeRound(settings, round);
  if (judged.verdict === 'healthy') {
    next.consecutiveSuccesses += 1;
    next.consecutiveFailures = 0;
  } else if (judged.verdict === 'failing') {
    next.consecutiveFailures += 1;
    next.consecutiveSuccesses = 0;
    next.lastFailure = { reason: judged.reason, detail: judged.detail };
  }
  if (settings.mode === 'until-healthy' && next.consecutiveSuccesses >= settings.successThreshold) {
    const detail = `${next.consecutiveSuccesses} consecutive healthy rounds after ${humanDuration(round.finishedAt - state.startedAt)}`;
    return { ...next, decision: { state: 'healthy', reason: 'ok', detail } };
  }
  if (settings.mode === 'watch' && next.consecutiveFailures >= settings.failureThreshold) {
    const detail = `${next.consecutiveFailures} consecutive failing rounds: ${judged.detail}`;
    return { ...next, decision: unhealthy(judged.reason, detail) };
  }
  return decideAt(settings, next, round.finishedAt);
}

/** The time limit passing (between rounds, or as a round ends): the run is decided when `now` reaches it. */
export function decideAt(settings: DecisionSettings, state: DecisionState, now: number): DecisionState {
  if (state.decision.state !== 'pending' || now < timeLimitAt(settings, state)) return state;
  const elapsed = humanDuration(timeLimitAt(settings, state) - state.startedAt);
  if (state.rounds === 0) {
    return { ...state, decision: unhealthy('deadline', `no round finished within ${elapsed}`) };
  }
  if (settings.mode === 'watch') {
    const detail = `watched ${state.rounds} rounds for ${elapsed} without ${settings.failureThreshold} consecutive failures`;
    return { ...state, decision: { state: 'healthy', reason: 'ok', detail } };
  }
  const progress = `${state.consecutiveSuccesses} of ${settings.successThreshold} consecutive healthy rounds`;
  const last = state.lastFailure;
  const detail =
    last === undefined
      ? `not healthy within the deadline of ${elapsed}: ${progress}`
      : `not healthy within the deadline of ${elapsed} (${progress}); last failure: ${last.reason}: ${last.detail}`;
  return { ...state, decision: { ...unhealthy('deadline', detail), ...(last !== undefined && { lastFailure: last }) } };
}

/**
 * One round's verdict. It fails when a URL fails (the first in order names the reason) or a metric without a
 * failure-limit fails; otherwise it is inconclusive when a metric is (or fails within its limit); else healthy.
 */
export function judgeRound(settings: DecisionSettings, round: RoundResult): RoundVerdict {
  const url = round.urls.find((outcome) => outcome.reason !== 'ok');
  if (url !== undefined) return { verdict: 'failing', reason: url.reason, detail: `${url.url}: ${url.detail}` };
  const metric = round.metrics.find(
    (outcome) => outcome.verdict === 'fail' && settings.failureLimits[outcome.name] === undefined,
  );
  if (metric !== undefined)
    return { verdict: 'failing', reason: metric.reason, detail: `${metric.name}: ${metric.detail}` };
  const unsure = round.metrics.find((outcome) => outcome.verdict !== 'pass');
  if (unsure !== undefined) {
    const why = unsure.verdict === 'fail' ? 'failed within its failure-limit' : 'inconclusive';
    return { verdict: 'inconclusive', reason: unsure.reason, detail: `${unsure.name} ${why}: ${unsure.detail}` };
  }
  const detail = `${round.urls.length} URLs and ${round.metrics.length} metrics healthy`;
  return { verdict: 'healthy', reason: 'ok', detail };
}

function countLimitedFailures(
  settings: DecisionSettings,
  state: DecisionState,
  round: RoundResult,
): Record<string, number> {
  const counts = { ...state.metricFailures };
  for (const metric of round.metrics) {
    if (metric.verdict === 'fail' && settings.failureLimits[metric.name] !== undefined) {
      counts[metric.name] = (counts[metric.name] ?? 0) + 1;
    }
  }
  return counts;
}

function exceedsLimit(settings: DecisionSettings, counts: Record<string, number>, name: string): boolean {
  const limit = settings.failureLimits[name];
  return limit !== undefined && (counts[name] ?? 0) > limit;
}

type Unhealthy = Extract<Decision, { state: 'unhealthy' }>;

function unhealthy(reason: HealthReason, detail: string): Unhealthy {
  return { state: 'unhealthy', reason, detail };
}
