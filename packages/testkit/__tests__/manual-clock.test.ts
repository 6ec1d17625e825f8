import { describe, expect, it } from '@jest/globals';
import { ManualClock } from '@actions-kit/testkit';

describe('ManualClock', () => {
  it('starts where told and moves only on advance()', async () => {
    const clock = new ManualClock({ start: 5_000 });
    expect(clock.now()).toBe(5_000);
    await clock.advance(250);
    expect(clock.now()).toBe(5_250);
  });

  it('wakes due sleepers in time order, ties in the order they slept, and leaves later ones waiting', async () => {
    const clock = new ManualClock();
    const woken: string[] = [];
    const sleep = (name: string, ms: number): Promise<void> =>
      clock.sleep(ms).then(() => {
        woken.push(`${name}@${clock.now()}`);
      });
    void sleep('c', 300);
    void sleep('a', 100);
    void sleep('b', 100);
    void sleep('late', 1_000);
    await clock.advance(500);
    expect(woken).toEqual(['a@100', 'b@100', 'c@300']);
    expect(clock.now()).toBe(500);
    expect(clock.pending()).toBe(1);
    await clock.advance(500);
    expect(woken).toEqual(['a@100', 'b@100', 'c@300', 'late@1000']);
  });

  it('honours, within the same advance, a sleep started by a task it woke', async () => {
    const clock = new ManualClock();
    const times: number[] = [];
    const chain = (async () => {
      for (let i = 0; i < 3; i++) {
        await clock.sleep(100);
        times.push(clock.now());
      }
    })();
    await clock.advance(250);
    expect(times).toEqual([100, 200]);
    await clock.advance(50);
    await chain;
    expect(times).toEqual([100, 200, 300]);
  });

  it('rejects a sleep with the abort reason at once and forgets it', async () => {
    const clock = new ManualClock();
    const controller = new AbortController();
    const sleeping = clock.sleep(1_000, controller.signal);
    const reason = new Error('cancelled by the user');
    controller.abort(reason);
    await expect(sleeping).rejects.toBe(reason);
    expect(clock.pending()).toBe(0);
    await expect(clock.sleep(10, controller.signal)).rejects.toBe(reason);
  });

  it('resolves a zero or negative sleep without an advance', async () => {
    const clock = new ManualClock();
    await expect(clock.sleep(0)).resolves.toBeUndefined();
    await expect(clock.sleep(-5)).resolves.toBeUndefined();
  });
});

describe('ManualClock with sleeps that pass at once', () => {
  it('moves time by each sleep and resolves it without an advance', async () => {
    const clock = new ManualClock({ start: 100, sleeps: 'pass-at-once' });
    await clock.sleep(250);
    await clock.sleep(-5);
    expect(clock.now()).toBe(350);
    expect(clock.pending()).toBe(0);
  });

  it('still rejects a sleep whose signal has aborted, moving no time', async () => {
    const clock = new ManualClock({ sleeps: 'pass-at-once' });
    await expect(clock.sleep(1_000, AbortSignal.abort('stop'))).rejects.toBe('stop');
    expect(clock.now()).toBe(0);
  });
});

describe('ManualClock.elapse', () => {
  it('moves now() at once and wakes no sleeper, however far it goes', async () => {
    const clock = new ManualClock();
    let woken = false;
    void clock.sleep(10).then(() => {
      woken = true;
    });
    clock.elapse(50);
    await new Promise((resolve) => setImmediate(resolve));
    expect(clock.now()).toBe(50);
    expect(woken).toBe(false);
    expect(clock.pending()).toBe(1);
  });
});
