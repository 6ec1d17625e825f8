// Progress while the demo waits on a step: on a terminal, one line rewritten in place (the stage, the step, the
// seconds so far, the users' requests); elsewhere (a log, a test), one line per step, so nothing is rewritten.
import { countOf, humanDuration } from '@actions-kit/core';
import type { TrafficFigures } from './user-traffic.js';

export class Progress {
  private stage = '';
  private step = '';
  private started = 0;
  private timer: NodeJS.Timeout | undefined;
  traffic: (() => TrafficFigures) | undefined;

  constructor(private readonly out: NodeJS.WriteStream = process.stdout) {}

  private get live(): boolean {
    return this.out.isTTY === true;
  }

  /** A new stage starts: progress shows it until done() or the next stage. */
  begin(stage: string): void {
    this.stage = stage;
    this.step = '';
    this.started = performance.now();
    if (this.live && this.timer === undefined) this.timer = setInterval(() => this.draw(), 250);
  }

  /** The step the stage is waiting on now, e.g. "health-check: watch the live service". */
  waitingOn(step: string): void {
    this.step = step;
    if (this.live) this.draw();
    else this.out.write(`   … ${this.stage}: ${step}\n`);
  }

  /** Clears the progress line, so the next line printed is a clean one. */
  done(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    if (this.live) this.out.write('\r\x1b[2K');
  }

  /** Prints a line above the progress (which the next tick redraws). */
  print(line: string): void {
    if (this.live) this.out.write('\r\x1b[2K');
    this.out.write(`${line}\n`);
  }

  private draw(): void {
    const elapsed = humanDuration(performance.now() - this.started);
    const figures = this.traffic?.();
    const users = figures ? `  users: ${countOf(figures.requests, 'request')}, ${figures.failed} failed` : '';
    const text = `⏳ ${this.stage}${this.step ? `: ${this.step}` : ''} (${elapsed})${users}`;
    const width = this.out.columns ?? 120;
    this.out.write(`\r\x1b[2K${text.length > width - 1 ? `${text.slice(0, width - 2)}…` : text}`);
  }
}
