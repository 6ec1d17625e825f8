// The one clock every package waits and measures with: a leaf module, so traffic, probes and core can share it
// without depending on each other. Tests pass @actions-kit/testkit's ManualClock instead, so waits take no time.

export interface Clock {
  /** Milliseconds on a monotonic scale from an arbitrary start: only differences mean anything. */
  now(): number;
  /** Resolves after `ms`; rejects with `signal.reason` as soon as the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  // process.hrtime is monotonic (a wall-clock step does not move it) and, unlike the global `performance`, loads
  // no module at start-up.
  now: () => {
    const [seconds, nanoseconds] = process.hrtime();
    return seconds * 1_000 + nanoseconds / 1_000_000;
  },
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
