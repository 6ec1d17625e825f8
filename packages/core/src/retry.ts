// Retries an operation with exponential backoff and jitter, within an overall deadline, stopping at once on abort.
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import { formatDuration } from './duration.js';
import { ConfigurationError, UserError } from './errors.js';

export interface RetryOptions {
  /** Attempts in all, including the first. Default 3; Infinity with a deadline retries until the deadline. */
  attempts?: number;
  /** Wait after the first failure, before jitter. Default 1000. */
  initialDelayMs?: number;
  /** Cap on the wait, before jitter. Default 30000. */
  maxDelayMs?: number;
  /** Growth of the wait per failure. Default 2. */
  factor?: number;
  /** Share of each wait that is random, from 0 (none) to 1 (full jitter). Default 0.2. */
  jitter?: number;
  /** Overall time budget from the call, attempts and waits included. Default: none. */
  deadlineMs?: number;
  /** Aborting stops the current wait or attempt at once; retry rejects with the abort reason. */
  signal?: AbortSignal;
  clock?: Clock;
  /** Source of randomness for jitter, in [0, 1). Default Math.random. */
  random?: () => number;
  /** Whether an error is worth another attempt. Default: all but ConfigurationError and UserError. */
  retryIf?: (error: unknown) => boolean;
  /** Called before each wait, e.g. to log "attempt 1 failed: ...; retrying in 2s". */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

/** The deadline passed: during an attempt, or before the next one could start. `cause` is the last error. */
export class DeadlineExceededError extends Error {
  override name = 'DeadlineExceededError';
}

export type Backoff = Required<Pick<RetryOptions, 'initialDelayMs' | 'maxDelayMs' | 'factor' | 'jitter'>> & {
  random: () => number;
};

/**
 * The wait after failed attempt `attempt` (1-based): min(maxDelayMs, initialDelayMs × factor^(attempt−1)),
 * then jitter takes a random share off it: × (1 − jitter × random()). Jitter only shortens the wait, so the cap
 * holds, and jitter 1 is the "full jitter" of AWS's backoff study: anywhere between 0 and the computed wait.
 */
export function backoffDelay(attempt: number, backoff: Backoff): number {
  // factor ** n overflows to Infinity after enough attempts; 0 × Infinity would be NaN, hence the first case.
  const exponential =
    backoff.initialDelayMs === 0
      ? 0
      : Math.min(backoff.maxDelayMs, backoff.initialDelayMs * backoff.factor ** (attempt - 1));
  return Math.round(exponential * (1 - backoff.jitter * backoff.random()));
}

/** Runs `operation` until it resolves, an error is not worth retrying, attempts run out or the deadline passes. */
export async function retry<T>(
  operation: (attempt: number, signal: AbortSignal) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const settings = withDefaults(options);
  const { clock, signal } = settings;
  const deadline = options.deadlineMs === undefined ? Infinity : clock.now() + options.deadlineMs;
  const deadlineText = formatDuration(options.deadlineMs ?? 0);
  let lastError: unknown;
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw signal.reason;
    const deadlineError = (): DeadlineExceededError =>
      new DeadlineExceededError(`the ${deadlineText} deadline passed during attempt ${attempt}${lastText(lastError)}`, {
        cause: lastError,
      });
    try {
      return await attemptWithin(operation, attempt, { clock, deadline, signal, deadlineError });
    } catch (error) {
      if (error instanceof AttemptCancelled) throw error.reason;
      lastError = error;
      if (attempt >= settings.attempts || !settings.retryIf(error)) throw error;
      const delayMs = backoffDelay(attempt, settings);
      if (clock.now() + delayMs >= deadline) {
        throw new DeadlineExceededError(
          `gave up after ${attempt} attempt${attempt === 1 ? '' : 's'}: the next one would start after the ${deadlineText} deadline${lastText(error)}`,
          { cause: error },
        );
      }
      settings.onRetry?.({ attempt, delayMs, error });
      await clock.sleep(delayMs, signal);
    }
  }
}

/** Why an attempt was cut short (abort or deadline), as opposed to the operation failing on its own. */
class AttemptCancelled {
  constructor(readonly reason: unknown) {}
}

interface AttemptContext {
  clock: Clock;
  deadline: number;
  signal: AbortSignal | undefined;
  deadlineError: () => DeadlineExceededError;
}

// One attempt, racing the caller's signal and the deadline: whichever comes first settles it at once, and the
// operation is told through its own signal so it can stop its work too.
async function attemptWithin<T>(
  operation: (attempt: number, signal: AbortSignal) => Promise<T>,
  attempt: number,
  { clock, deadline, signal, deadlineError }: AttemptContext,
): Promise<T> {
  const attemptAbort = new AbortController();
  const timerAbort = new AbortController();
  const onAbort = (): void => attemptAbort.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  if (deadline !== Infinity) {
    clock.sleep(deadline - clock.now(), timerAbort.signal).then(
      () => attemptAbort.abort(deadlineError()),
      () => undefined, // the attempt settled first and cancelled the timer
    );
  }
  const cancelled = attemptAbort.signal;
  try {
    return await new Promise<T>((resolve, reject) => {
      const onCancel = (): void => reject(new AttemptCancelled(cancelled.reason));
      cancelled.addEventListener('abort', onCancel, { once: true });
      // `new Promise` turns a synchronous throw from the operation into a rejection.
      new Promise<T>((run) => run(operation(attempt, cancelled)))
        .then(resolve, reject)
        .finally(() => cancelled.removeEventListener('abort', onCancel));
    });
  } finally {
    timerAbort.abort();
    signal?.removeEventListener('abort', onAbort);
  }
}

function withDefaults(options: RetryOptions) {
  const settings = {
    attempts: options.attempts ?? 3,
    initialDelayMs: options.initialDelayMs ?? 1000,
    maxDelayMs: options.maxDelayMs ?? 30_000,
    factor: options.factor ?? 2,
    jitter: options.jitter ?? 0.2,
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
    retryIf:
      options.retryIf ?? ((error: unknown) => !(error instanceof ConfigurationError || error instanceof UserError)),
    onRetry: options.onRetry,
    signal: options.signal,
  };
  const { attempts, initialDelayMs, maxDelayMs, factor, jitter } = settings;
  if (!(attempts >= 1 && (Number.isInteger(attempts) || attempts === Infinity))) {
    throw new RangeError(`retry: attempts must be an integer of at least 1 or Infinity, got ${attempts}`);
  }
  if (!(initialDelayMs >= 0 && maxDelayMs >= 0)) throw new RangeError('retry: delays must be 0 or more');
  if (!(factor >= 1)) throw new RangeError(`retry: factor must be at least 1, got ${factor}`);
  if (!(jitter >= 0 && jitter <= 1)) throw new RangeError(`retry: jitter must be from 0 to 1, got ${jitter}`);
  if (options.deadlineMs !== undefined && !(options.deadlineMs >= 0)) {
    throw new RangeError(`retry: deadlineMs must be 0 or more, got ${options.deadlineMs}`);
  }
  return settings;
}

function lastText(error: unknown): string {
  if (error === undefined) return '';
  return `; last error: ${error instanceof Error ? error.message : String(error)}`;
}
