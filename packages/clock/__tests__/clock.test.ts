import { describe, expect, it } from '@jest/globals';
import { systemClock } from '@actions-kit/clock';

describe('systemClock', () => {
  it('sleeps on real timers and stops at once on abort with the reason', async () => {
    await expect(systemClock.sleep(1)).resolves.toBeUndefined();
    const controller = new AbortController();
    const sleeping = systemClock.sleep(60_000, controller.signal);
    controller.abort('stop');
    await expect(sleeping).rejects.toBe('stop');
  });

  it('rejects at once when the signal has already aborted', async () => {
    await expect(systemClock.sleep(60_000, AbortSignal.abort('too late'))).rejects.toBe('too late');
  });

  it('never goes backwards and moves while time passes', async () => {
    const first = systemClock.now();
    await systemClock.sleep(5);
    const second = systemClock.now();
    expect(second).toBeGreaterThan(first);
  });
});
