// The switch itself: lock the target, read what is live from the proxy, resolve the target, change it in a safe
// order, prove the new color answers and read it back from the proxy, and switch back with the evidence when either
// disagrees.
import { systemClock, type Clock } from '@actions-kit/clock';
import { resolveTarget, type Color, type LiveColor, type Target } from './color.js';
import { CancelledError, TrafficError, throwIfCancelled } from './errors.js';
import { acquireLock, type LockHolder } from './lock.js';
import type { Change, ChangeLog, LiveState, SwitchLogger, TrafficProvider } from './provider.js';
import { summariseVerification, verifyLive, type ColorProbe, type Verification, type VerifyPolicy } from './verify.js';

export interface SwitchRequest {
  provider: TrafficProvider;
  target: Target;
  /** Proof through the URL users hit; without it the report says the switch is unverified. */
  verify?: VerifyPolicy & { probe: ColorProbe };
  /** Report the plan and change nothing (no lock is taken either). */
  dryRun?: boolean;
  /** How long to wait for another run holding the lock. Default 60 s. */
  lockWaitMs?: number;
  /** Age after which a lock counts as abandoned. Default 15 min. */
  lockStaleMs?: number;
  logger?: SwitchLogger;
  clock?: Clock;
  /** Called with the state read before the first change: where the action saves it for its cancel post step. */
  beforeChange?: (previous: LiveState, target: Color) => void | Promise<void>;
  /**
   * Cancels the switch wherever it is: the wait for the lock, a provider's shell command (stopped with everything
   * it started), the verification. A CancelledError is thrown once nothing the switch started still runs, with the
   * lock released and the proxy as far as the switch got: if beforeChange was called, restoreTraffic with that state
   * puts it back. Not checked again once the switch has returned.
   */
  signal?: AbortSignal;
}

export type SwitchOutcome = 'switched' | 'already-live' | 'dry-run' | 'rolled-back';

export interface SwitchTimings {
  lockWaitMs: number;
  readMs: number;
  switchMs: number;
  verifyMs: number;
  rollbackMs: number;
  totalMs: number;
}

export interface SwitchReport {
  /** What was switched, from provider.describe(). */
  provider: string;
  outcome: SwitchOutcome;
  target: Color;
  previous: LiveColor;
  /** What the provider reports live when the switch returns (read again, not assumed). */
  active: LiveColor;
  changed: boolean;
  /** The changes planned, or in a dry run the changes that would be made. */
  plan: string[];
  /** Every change the proxy took, in order: the switch, then any switch back. Empty in a dry run. */
  changes: Change[];
  previousState: LiveState;
  verification?: Verification;
  /** After a switch back: proof that the previous color answers again. */
  rollbackVerification?: Verification;
  /** Why the switch was undone; set when outcome is rolled-back, which the caller reports as a failure. */
  problem?: string;
  /** A run killed mid-switch whose lock this run took over. */
  recoveredLockFrom?: LockHolder;
  timings: SwitchTimings;
}

const silentLogger: SwitchLogger = { info: () => undefined, warning: () => undefined };

export async function switchTraffic(request: SwitchRequest): Promise<SwitchReport> {
  const clock = request.clock ?? systemClock;
  const logger = request.logger ?? silentLogger;
  if (request.dryRun) return dryRun(request, clock, logger);
  const changes: Change[] = [];
  try {
    return await lockedSwitch(request, clock, logger, changes);
  } catch (error) {
    if (error instanceof TrafficError) error.changesMade = changes;
    throw error;
  }
}

function emptyTimings(): SwitchTimings {
  return { lockWaitMs: 0, readMs: 0, switchMs: 0, verifyMs: 0, rollbackMs: 0, totalMs: 0 };
}

/** Reads the live state and plans, changing nothing and taking no lock. */
async function dryRun(request: SwitchRequest, clock: Clock, logger: SwitchLogger): Promise<SwitchReport> {
  const { provider } = request;
  const started = clock.now();
  const before = await provider.current(request.signal);
  const target = resolveTarget(request.target, before.live);
  const plan = before.live === target ? [] : provider.plan(target, before);
  const timings = emptyTimings();
  timings.readMs = timings.totalMs = Math.round(clock.now() - started);
  logger.info(`${provider.describe()}: dry run, ${before.evidence}`);
  const base = { provider: provider.describe(), target, previous: before.live, active: before.live };
  return { ...base, outcome: 'dry-run', changed: false, plan, changes: [], previousState: before, timings };
}

/** The switch under the target's lock; each change the proxy takes is added to `changes` as it is made. */
async function lockedSwitch(
  request: SwitchRequest,
  clock: Clock,
  logger: SwitchLogger,
  changes: Change[],
): Promise<SwitchReport> {
  const { provider, signal } = request;
  const started = clock.now();
  const timings = emptyTimings();
  const since = (mark: number): number => Math.round(clock.now() - mark);

  const requested = request.target === 'toggle' ? 'toggle' : `switch to ${request.target}`;
  const lock = await acquireLock(await lockFileOf(provider, signal), {
    purpose: `${requested} via ${provider.kind}`,
    waitMs: request.lockWaitMs ?? 60_000,
    staleMs: request.lockStaleMs ?? 15 * 60_000,
    clock,
    logger,
    signal,
  });
  timings.lockWaitMs = since(started);
  try {
    let mark = clock.now();
    const before = await provider.current(signal);
    const target = resolveTarget(request.target, before.live);
    timings.readMs = since(mark);
    const base = { provider: provider.describe(), target, previous: before.live, previousState: before };
    const recoveredLockFrom = lock.recoveredFrom;
    logger.info(`${provider.describe()}: ${before.evidence}`);

    // A killed run may have changed the proxy's files without applying them (nginx rewritten, not reloaded), so
    // after taking over its lock the changes are made again even when the target already looks live.
    const plan = before.live === target && !recoveredLockFrom ? [] : provider.plan(target, before);
    if (plan.length === 0) {
      timings.totalMs = since(started);
      const already = { outcome: 'already-live' as const, active: before.live, changed: false, plan, changes };
      return { ...base, ...already, recoveredLockFrom, timings };
    }

    throwIfCancelled(signal, `stopped after reading the live state (${before.evidence})`);
    await request.beforeChange?.(before, target);
    mark = clock.now();
    for (const step of plan) logger.info(`plan: ${step}`);
    await provider.switchTo(target, before, changeLog(provider, logger, 'switch', changes), signal);
    timings.switchMs = since(mark);

    let verification: Verification | undefined;
    if (request.verify) {
      mark = clock.now();
      verification = await verifyLive(target, request.verify.probe, request.verify, clock, signal);
      timings.verifyMs = since(mark);
      logger.info(`verification: ${summariseVerification(verification)}`);
    }

    let problem =
      verification && !verification.passed
        ? `${target} did not prove live: ${summariseVerification(verification)}`
        : undefined;
    // Read back always, verified or not: a switch the proxy does not show (a switch-command that did nothing, a
    // change undone by someone else) is a failure, never a success.
    const after = problem === undefined ? await provider.current(signal) : undefined;
    if (after && after.live !== target) {
      problem = `${target} is not live after the switch: the proxy reads ${after.live} (${after.evidence})`;
    }

    if (problem !== undefined) {
      mark = clock.now();
      const back = changeLog(provider, logger, 'switch back', changes);
      const rollbackVerification = await switchBack(provider, before, problem, request, clock, back);
      timings.rollbackMs = since(mark);
      const active = (await provider.current(signal)).live;
      timings.totalMs = since(started);
      const outcome = { outcome: 'rolled-back' as const, active, changed: false, plan, changes, problem };
      return { ...base, ...outcome, verification, rollbackVerification, recoveredLockFrom, timings };
    }

    timings.totalMs = since(started);
    const active = target;
    const switched = { outcome: 'switched' as const, active, changed: true, plan, changes };
    return { ...base, ...switched, verification, recoveredLockFrom, timings };
  } finally {
    await lock.release();
  }
}

/** The logger a provider is given: each change is logged under the provider's name and added to `changes`. */
function changeLog(
  provider: TrafficProvider,
  logger: SwitchLogger,
  phase: Change['phase'],
  changes: Change[],
): ChangeLog {
  return {
    info: (message) => logger.info(message),
    warning: (message) => logger.warning(message),
    changed: (step) => {
      logger.info(`${provider.kind}: ${phase === 'switch back' ? 'switching back: ' : ''}${step}`);
      changes.push({ phase, step });
    },
  };
}

/** The lock file as the proxy identifies what is switched, when the provider can ask it; else its own. */
function lockFileOf(provider: TrafficProvider, signal: AbortSignal | undefined): Promise<string> {
  return provider.resolveLockFile?.(signal) ?? Promise.resolve(provider.lockFile);
}

async function switchBack(
  provider: TrafficProvider,
  before: LiveState,
  problem: string,
  request: SwitchRequest,
  clock: Clock,
  logger: ChangeLog,
): Promise<Verification | undefined> {
  logger.warning(`${problem}; switching back to ${before.live}`);
  try {
    await provider.restore(before, logger, request.signal);
  } catch (error) {
    if (error instanceof CancelledError) throw error;
    const why = error instanceof Error ? error.message : String(error);
    throw new TrafficError(
      `${problem}; switching back to ${before.live} failed too: ${why}. Traffic may be on either color: check ` +
        `${provider.describe()} by hand (it was: ${before.evidence})`,
      error instanceof TrafficError ? error.untrustedOutput : undefined,
    );
  }
  if (!request.verify || (before.live !== 'blue' && before.live !== 'green')) return undefined;
  const proof = await verifyLive(before.live, request.verify.probe, request.verify, clock, request.signal);
  logger.info(`verification after switching back: ${summariseVerification(proof)}`);
  return proof;
}

export interface RestoreRequest {
  provider: TrafficProvider;
  /** A state read by current(), e.g. the one beforeChange received in the main step. */
  state: LiveState;
  lockWaitMs?: number;
  lockStaleMs?: number;
  logger?: SwitchLogger;
  clock?: Clock;
  /**
   * Apply the state even when the proxy already reads as it. After a cancelled switch: a stopped command may have
   * changed what current() cannot see (a custom switch-command part-way, an nginx reload that may or may not have
   * reached nginx), so the cancel post step puts the whole state back rather than trust the read.
   */
  reapply?: boolean;
  /** Cancels like SwitchRequest.signal. */
  signal?: AbortSignal;
}

export interface RestoreReport {
  provider: string;
  /** False when the proxy already read as the state. */
  changed: boolean;
  /** The state was applied although the proxy already read as it (reapply, or the lock of a killed run taken). */
  reapplied: boolean;
  before: LiveColor;
  active: LiveColor;
  /** The changes the proxy took, in order. */
  changes: Change[];
}

/**
 * Puts a saved state back under the target's lock: the cancel post step's path. The main step's lock, left by a
 * killed process, is recovered like any stale lock.
 */
export async function restoreTraffic(request: RestoreRequest): Promise<RestoreReport> {
  const { provider, state, signal } = request;
  const logger = request.logger ?? silentLogger;
  const lock = await acquireLock(await lockFileOf(provider, signal), {
    purpose: `restore ${state.live} via ${provider.kind}`,
    waitMs: request.lockWaitMs ?? 60_000,
    staleMs: request.lockStaleMs ?? 15 * 60_000,
    clock: request.clock ?? systemClock,
    logger,
    signal,
  });
  try {
    const now = await provider.current(signal);
    const base = { provider: provider.describe(), before: now.live };
    const changed = now.snapshot !== state.snapshot;
    const reapplied = !changed && (request.reapply === true || lock.recoveredFrom !== undefined);
    const changes: Change[] = [];
    if (!changed && !reapplied) return { ...base, changed, reapplied, active: now.live, changes };
    logger.info(
      changed
        ? `${provider.describe()}: putting back ${state.evidence} (now ${now.evidence})`
        : `${provider.describe()}: applying ${state.evidence} again, as an interrupted switch may have changed ` +
            'more than it reads back',
    );
    await provider.restore(state, changeLog(provider, logger, 'switch back', changes), signal);
    return { ...base, changed, reapplied, active: (await provider.current(signal)).live, changes };
  } finally {
    await lock.release();
  }
}
