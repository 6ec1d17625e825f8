// Time as retry and deadlines see it: the system clock in actions, a manual clock in tests so waits take no time.

export interface Clock {
  /** Milliseconds since an arbitrary start. */
  now(): number;
  /** Resolves after `ms`; rejects with `signal.reason` as soon as the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

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
  private sleepers: Sleeper[] = [];
  private started = 0;

  constructor(startMs = 0) {
    this.current = startMs;
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
      if (ms <= 0) {
        resolve(); // nothing to wait for; waiting for an advance() would only make tests hang
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
