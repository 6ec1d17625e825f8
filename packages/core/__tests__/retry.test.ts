import { describe, expect, it } from '@jest/globals';
import {
  backoffDelay,
  ConfigurationError,
  DeadlineExceededError,
  ManualClock,
  retry,
  UserError,
} from '@actions-kit/core';
import type { RetryOptions } from '@actions-kit/core';

type Outcome<T> = { value: T } | { error: unknown };

/** Attaches handlers at once, so a rejection is never reported as unhandled while the clock is advanced. */
function outcome<T>(promise: Promise<T>): Promise<Outcome<T>> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

/** An operation that fails `failures` times with numbered errors, then returns 'ok'; records when it ran. */
function flaky(clock: ManualClock, failures: number) {
  const startedAt: number[] = [];
  const errors: Error[] = [];
  const operation = async (attempt: number): Promise<string> => {
    startedAt.push(clock.now());
    if (attempt <= failures) {
      const error = new Error(`failure ${attempt}`);
      errors.push(error);
      throw error;
    }
    return 'ok';
  };
  return { operation, startedAt, errors };
}

const backoffOf = (jitter: number) => ({ initialDelayMs: 1_000, factor: 2, maxDelayMs: 5_000, jitter });
const noJitter: RetryOptions = { initialDelayMs: 1_000, factor: 2, maxDelayMs: 5_000, jitter: 0 };

describe('retry', () => {
  it('waits initialDelayMs × factor^n, capped at maxDelayMs, between attempts', async () => {
    const clock = new ManualClock();
    const { operation, startedAt } = flaky(clock, 4);
    const delays: number[] = [];
    const result = outcome(
      retry(operation, { ...noJitter, attempts: 5, clock, onRetry: ({ delayMs }) => delays.push(delayMs) }),
    );
    await clock.advance(20_000);
    expect(await result).toEqual({ value: 'ok' });
    expect(delays).toEqual([1_000, 2_000, 4_000, 5_000]);
    expect(startedAt).toEqual([0, 1_000, 3_000, 7_000, 12_000]);
  });

  it('passes the attempt number and reports each failure to onRetry', async () => {
    const clock = new ManualClock();
    const { operation, errors } = flaky(clock, 2);
    const seen: Array<{ attempt: number; error: unknown }> = [];
    const result = outcome(
      retry(operation, { ...noJitter, clock, onRetry: ({ attempt, error }) => seen.push({ attempt, error }) }),
    );
    await clock.advance(3_000);
    expect(await result).toEqual({ value: 'ok' });
    expect(seen).toEqual([
      { attempt: 1, error: errors[0] },
      { attempt: 2, error: errors[1] },
    ]);
  });

  it('rethrows the last error, unchanged, when attempts run out', async () => {
    const clock = new ManualClock();
    const { operation, errors, startedAt } = flaky(clock, 10);
    const result = outcome(retry(operation, { ...noJitter, attempts: 3, clock }));
    await clock.advance(10_000);
    expect(await result).toEqual({ error: errors[2] });
    expect(startedAt).toEqual([0, 1_000, 3_000]);
    expect(clock.pending()).toBe(0);
  });

  it('does not retry configuration or user errors by default, nor what retryIf refuses', async () => {
    const clock = new ManualClock();
    for (const failure of [new ConfigurationError('bad input'), new UserError('gate failed')]) {
      let calls = 0;
      const result = retry(
        async () => {
          calls++;
          throw failure;
        },
        { clock },
      );
      await expect(result).rejects.toBe(failure);
      expect(calls).toBe(1);
    }
    let calls = 0;
    const notFound = new Error('404');
    const result = retry(
      async () => {
        calls++;
        throw notFound;
      },
      { clock, retryIf: (error) => (error as Error).message !== '404' },
    );
    await expect(result).rejects.toBe(notFound);
    expect(calls).toBe(1);
  });

  it('takes a synchronous throw from the operation as a failed attempt', async () => {
    const clock = new ManualClock();
    let calls = 0;
    const operation = ((): Promise<string> => {
      calls++;
      if (calls === 1) throw new Error('sync');
      return Promise.resolve('ok');
    }) as (attempt: number, signal: AbortSignal) => Promise<string>;
    const result = outcome(retry(operation, { ...noJitter, clock }));
    await clock.advance(1_000);
    expect(await result).toEqual({ value: 'ok' });
  });

  describe('jitter', () => {
    it('takes a random share off each wait: delay × (1 − jitter × random())', async () => {
      const clock = new ManualClock();
      const { operation } = flaky(clock, 3);
      const randoms = [0, 0.5, 0.99];
      const delays: number[] = [];
      const result = outcome(
        retry(operation, {
          ...noJitter,
          attempts: 4,
          jitter: 0.5,
          clock,
          random: () => randoms.shift() ?? 0,
          onRetry: ({ delayMs }) => delays.push(delayMs),
        }),
      );
      await clock.advance(10_000);
      expect(await result).toEqual({ value: 'ok' });
      expect(delays).toEqual([1_000, 1_500, 2_020]);
    });

    it('stays within [(1 − jitter) × delay, delay], never above the cap; jitter 1 is full jitter', () => {
      for (const jitter of [0, 0.2, 1]) {
        for (let attempt = 1; attempt <= 8; attempt++) {
          const uncapped = Math.min(5_000, 1_000 * 2 ** (attempt - 1));
          for (const random of [0, 0.25, 0.5, 0.999999]) {
            const delay = backoffDelay(attempt, { ...backoffOf(jitter), random: () => random });
            expect(delay).toBeGreaterThanOrEqual(Math.floor((1 - jitter) * uncapped));
            expect(delay).toBeLessThanOrEqual(uncapped);
          }
        }
      }
      expect(backoffDelay(3, { ...backoffOf(1), random: () => 0.999999 })).toBe(0);
      expect(backoffDelay(3, { ...backoffOf(1), random: () => 0 })).toBe(4_000);
      // far past the point where factor ** n overflows, the wait stays at the cap (or 0), never NaN
      expect(backoffDelay(5_000, { ...backoffOf(0), random: () => 0 })).toBe(5_000);
      expect(backoffDelay(5_000, { ...backoffOf(0), initialDelayMs: 0, random: () => 0 })).toBe(0);
    });
  });

  describe('deadline', () => {
    it('gives up without sleeping when the next attempt would start after the deadline, carrying the last error', async () => {
      const clock = new ManualClock();
      const { operation, errors, startedAt } = flaky(clock, 10);
      const result = outcome(retry(operation, { ...noJitter, attempts: Infinity, deadlineMs: 5_000, clock }));
      await clock.advance(3_000);
      const settled = await result;
      expect(startedAt).toEqual([0, 1_000, 3_000]);
      expect(clock.now()).toBe(3_000);
      expect(clock.pending()).toBe(0);
      expect('error' in settled && settled.error).toBeInstanceOf(DeadlineExceededError);
      const error = (settled as { error: DeadlineExceededError }).error;
      expect(error.message).toBe(
        'gave up after 3 attempts: the next one would start after the 5s deadline; last error: failure 3',
      );
      expect(error.cause).toBe(errors[2]);
    });

    it('cuts an attempt that runs past the deadline, and aborts its signal', async () => {
      const clock = new ManualClock();
      const first = new Error('connection refused');
      let attemptSignal: AbortSignal | undefined;
      const operation = (attempt: number, signal: AbortSignal): Promise<string> => {
        if (attempt === 1) return Promise.reject(first);
        attemptSignal = signal;
        return new Promise<string>(() => undefined); // hangs, as a request to a dead host does
      };
      const result = outcome(retry(operation, { ...noJitter, deadlineMs: 4_000, clock }));
      await clock.advance(3_999);
      expect(attemptSignal?.aborted).toBe(false);
      await clock.advance(1);
      const settled = (await result) as { error: DeadlineExceededError };
      expect(settled.error).toBeInstanceOf(DeadlineExceededError);
      expect(settled.error.message).toBe('the 4s deadline passed during attempt 2; last error: connection refused');
      expect(settled.error.cause).toBe(first);
      expect(attemptSignal?.reason).toBe(settled.error);
      expect(clock.pending()).toBe(0);
    });

    it('leaves no timer behind when an attempt succeeds before the deadline', async () => {
      const clock = new ManualClock();
      await expect(retry(async () => 'ok', { deadlineMs: 10_000, clock })).resolves.toBe('ok');
      expect(clock.pending()).toBe(0);
    });
  });

  describe('abort', () => {
    it('stops a wait at once and rejects with the abort reason', async () => {
      const clock = new ManualClock();
      const controller = new AbortController();
      const { operation, startedAt } = flaky(clock, 10);
      const result = outcome(retry(operation, { ...noJitter, clock, signal: controller.signal }));
      await clock.advance(0); // the first attempt fails and the wait begins
      expect(clock.pending()).toBe(1);
      const reason = new Error('job cancelled');
      controller.abort(reason);
      expect(await result).toEqual({ error: reason });
      expect(startedAt).toEqual([0]);
      expect(clock.pending()).toBe(0);
    });

    it('stops a running attempt at once, aborting the signal the operation was given', async () => {
      const clock = new ManualClock();
      const controller = new AbortController();
      let attemptSignal: AbortSignal | undefined;
      const result = outcome(
        retry(
          (_attempt, signal) => {
            attemptSignal = signal;
            return new Promise<string>(() => undefined);
          },
          { clock, signal: controller.signal, deadlineMs: 60_000 },
        ),
      );
      controller.abort('stop');
      expect(await result).toEqual({ error: 'stop' });
      expect(attemptSignal?.aborted).toBe(true);
      expect(clock.pending()).toBe(0);
    });

    it('does not start when the signal is already aborted', async () => {
      let calls = 0;
      const result = retry(
        async () => {
          calls++;
        },
        { signal: AbortSignal.abort('too late'), clock: new ManualClock() },
      );
      await expect(result).rejects.toBe('too late');
      expect(calls).toBe(0);
    });
  });

  it('refuses options that make no sense', async () => {
    const op = async (): Promise<void> => undefined;
    await expect(retry(op, { attempts: 0 })).rejects.toThrow(RangeError);
    await expect(retry(op, { attempts: 1.5 })).rejects.toThrow(RangeError);
    await expect(retry(op, { factor: 0.5 })).rejects.toThrow('retry: factor must be at least 1, got 0.5');
    await expect(retry(op, { jitter: 2 })).rejects.toThrow('retry: jitter must be from 0 to 1, got 2');
    await expect(retry(op, { initialDelayMs: -1 })).rejects.toThrow(RangeError);
    await expect(retry(op, { deadlineMs: Number.NaN })).rejects.toThrow(RangeError);
  });
});
