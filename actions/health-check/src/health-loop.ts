// The check's loop: every interval a round (every URL probed in parallel, every metric queried), judged and fed to
// the decision, until it is decided, its time limit passes or the job is cancelled. Time comes only from the injected
// clock, and a round starts only before the limit, so the loop ends at most one request timeout after it.
import type { Clock } from '@actions-kit/clock';
import {
  decideAt,
  recordRound,
  startDecision,
  timeLimitAt,
  type DecisionSettings,
  type DecisionState,
  type MetricDefinition,
  type MetricOutcome,
  type RoundResult,
  type UrlOutcome,
} from '@actions-kit/probes';

export interface LoopPlan {
  urls: readonly string[];
  metrics: readonly MetricDefinition[];
  intervalMs: number;
  initialDelayMs: number;
  decision: DecisionSettings;
}

export interface LoopDeps {
  clock: Clock;
  /** One URL probed and judged; never rejects (a failure is an outcome with its reason). */
  probeUrl(url: string): Promise<UrlOutcome>;
  /** One metric queried and judged; never rejects. */
  queryMetric(metric: MetricDefinition): Promise<MetricOutcome>;
  /** After each round, for the progress log. */
  onRound(round: RoundResult, roundNumber: number, state: DecisionState): void;
  /** The job's cancellation: stops the loop at once, even mid-round. */
  signal: AbortSignal;
}

export interface LoopResult {
  state: DecisionState;
  rounds: RoundResult[];
  startedAt: number;
  endedAt: number;
  /** The signal that stopped the loop before a decision (SIGINT), when one did. */
  cancelledBy?: string;
}

export async function watchHealth(plan: LoopPlan, deps: LoopDeps): Promise<LoopResult> {
  const { clock, signal } = deps;
  const startedAt = clock.now();
  let state = startDecision(startedAt);
  const limit = timeLimitAt(plan.decision, state);
  const rounds: RoundResult[] = [];
  const result = (cancelledBy?: string): LoopResult => ({
    state,
    rounds,
    startedAt,
    endedAt: clock.now(),
    ...(cancelledBy !== undefined && { cancelledBy }),
  });
  try {
    await sleepUntil(clock, Math.min(startedAt + plan.initialDelayMs, limit), signal);
    for (;;) {
      const roundStart = clock.now();
      state = decideAt(plan.decision, state, roundStart);
      if (state.decision.state !== 'pending') return result();
      const round = await abortable(runRound(plan, deps, roundStart), signal);
      rounds.push(round);
      state = recordRound(plan.decision, state, round);
      deps.onRound(round, rounds.length, state);
      if (state.decision.state !== 'pending') return result();
      await sleepUntil(clock, Math.min(roundStart + plan.intervalMs, limit), signal);
    }
  } catch (error) {
    if (signal.aborted) return result(String(signal.reason));
    throw error;
  }
}

async function runRound(plan: LoopPlan, deps: LoopDeps, startedAt: number): Promise<RoundResult> {
  const [urls, metrics] = await Promise.all([
    Promise.all(plan.urls.map((url) => deps.probeUrl(url))),
    Promise.all(plan.metrics.map((metric) => deps.queryMetric(metric))),
  ]);
  return { startedAt, finishedAt: deps.clock.now(), urls, metrics };
}

async function sleepUntil(clock: Clock, at: number, signal: AbortSignal): Promise<void> {
  const wait = at - clock.now();
  if (wait > 0) await clock.sleep(wait, signal);
  signal.throwIfAborted();
}

/**
 * The round, or a rejection as soon as the signal aborts: a cancelled job must not wait for requests in flight
 * (each ends by its own timeout in the background).
 */
function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
