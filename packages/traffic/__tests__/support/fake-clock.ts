// A clock for tests: sleeping moves time forward at once, so waits and timeouts are tested without waiting.
import type { Clock } from '../../src/clock.js';

export class FakeClock implements Clock {
  private time = 0;
  now(): number {
    return this.time;
  }
  async sleep(ms: number): Promise<void> {
    this.time += ms;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}
