// The test double of @actions-kit/clock: time moves only when a test says so, so waits, deadlines and timeouts are
// tested without waiting.
import type { Clock } from '@actions-kit/clock';

export interface ManualClockOptions {
  /** now() at the start; 0 unless given. */
  start?: number;
  /**
   * `wait-for-advance` (the default): a sleep resolves only when advance() moves time past its end, so a test
   * controls exactly what happens in between. `pass-at-once`: a sleep moves time forward by its length and resolves,
   * for code whose waits the test does not want to step through (a lock's polling, a verification's retries).
   */
  sleeps?: 'wait-for-advance' | 'pass-at-once';
}

interface Sleeper {
  due: number;
  order: number;
  wake: () => void;
}

/**
 * A clock that moves only when told to. advance(ms) wakes the sleepers that fall due within `ms`, earliest first
 * (ties in the order they started sleeping), letting each one's continuation run before the next is woken, so
 * a sleep started by a woken task is honoured within the same advance.
 */
export class ManualClock implements Clock {
  private current: number;
  private readonly passAtOnce: boolean;
  private sleepers: Sleeper[] = [];
  private started = 0;

  constructor(options: ManualClockOptions = {}) {
    this.current = options.start ?? 0;
    this.passAtOnce = options.sleeps === 'pass-at-once';
  }

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      if (ms <= 0 || this.passAtOnce) {
        // Nothing to wait for (waiting for an advance() would only make a test hang), or time passes at once.
        this.current += Math.max(ms, 0);
        resolve();
        return;
      }
      const sleeper: Sleeper = {
        due: this.current + ms,
        order: this.started++,
        wake: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        this.sleepers = this.sleepers.filter((other) => other !== sleeper);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.sleepers.push(sleeper);
    });
  }

  /** Time spent by work the test stands in for (a request that takes 10 ms): moves now() and wakes nobody. */
  elapse(ms: number): void {
    this.current += ms;
  }

  /** How many sleeps are waiting; lets a test check that nothing is left behind. */
  pending(): number {
    return this.sleepers.length;
  }

  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      await settle(); // let code that just ran start its next sleep before we look
      const next = this.sleepers
        .filter((sleeper) => sleeper.due <= target)
        .sort((a, b) => a.due - b.due || a.order - b.order)[0];
      if (next === undefined) break;
      this.sleepers = this.sleepers.filter((sleeper) => sleeper !== next);
      this.current = next.due;
      next.wake();
    }
    this.current = target;
  }
}

// setImmediate runs after every pending promise continuation, however long the chain.
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
