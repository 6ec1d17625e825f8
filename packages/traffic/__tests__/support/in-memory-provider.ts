// A provider whose "proxy" is two flags in memory, plus a probe that answers as that proxy would: the orchestration's
// tests run against it with no process or file of their own.
import type { Color } from '../../src/color.js';
import { liveColorOf, type LiveState, type SwitchLogger, type TrafficProvider } from '../../src/provider.js';
import type { ColorProbe } from '../../src/verify.js';
import type { ManualClock } from '@actions-kit/testkit';

export class InMemoryProvider implements TrafficProvider {
  readonly kind = 'memory';
  enabled: Record<Color, boolean>;
  /** Backends that accept traffic but answer 502, as a dead backend behind a proxy does. */
  broken = new Set<Color>();
  /** Every state the proxy went through, in order. */
  history: string[] = [];
  switchCalls = 0;

  constructor(
    readonly lockFile: string,
    initial: Record<Color, boolean>,
  ) {
    this.enabled = { ...initial };
  }

  describe(): string {
    return 'in-memory proxy';
  }

  async current(): Promise<LiveState> {
    const live = liveColorOf(this.enabled.blue, this.enabled.green);
    return {
      live,
      evidence: `blue ${this.enabled.blue ? 'on' : 'off'}, green ${this.enabled.green ? 'on' : 'off'}`,
      snapshot: JSON.stringify(this.enabled),
    };
  }

  plan(target: Color, from: LiveState): string[] {
    const other = target === 'blue' ? 'green' : 'blue';
    const was = JSON.parse(from.snapshot) as Record<Color, boolean>;
    return [...(was[target] ? [] : [`enable ${target}`]), `disable ${other}`];
  }

  async switchTo(target: Color, _from: LiveState, log: SwitchLogger): Promise<void> {
    this.switchCalls += 1;
    this.set(target, true);
    this.set(target === 'blue' ? 'green' : 'blue', false);
    log.info(`memory: ${target} live`);
  }

  async restore(state: LiveState): Promise<void> {
    const wanted = JSON.parse(state.snapshot) as Record<Color, boolean>;
    for (const color of ['blue', 'green'] as const) if (wanted[color]) this.set(color, true);
    for (const color of ['blue', 'green'] as const) if (!wanted[color]) this.set(color, false);
  }

  /** Answers like the proxy: round-robin over enabled colors, 502 from a broken one, 503 when none is enabled. */
  probe(clock: ManualClock): ColorProbe {
    let turn = 0;
    return async () => {
      clock.elapse(5);
      const live = (['blue', 'green'] as const).filter((color) => this.enabled[color]);
      const color = live[turn++ % Math.max(live.length, 1)];
      if (!color) return { status: 503 };
      if (this.broken.has(color)) return { status: 502 };
      return { status: 200, color };
    };
  }

  private set(color: Color, on: boolean): void {
    this.enabled[color] = on;
    this.history.push(`blue ${this.enabled.blue ? 'on' : 'off'}, green ${this.enabled.green ? 'on' : 'off'}`);
  }
}

/** A logger that keeps what it was told, to assert on warnings. */
export function recordingLogger(): SwitchLogger & { infos: string[]; warnings: string[] } {
  const infos: string[] = [];
  const warnings: string[] = [];
  return { infos, warnings, info: (m) => infos.push(m), warning: (m) => warnings.push(m) };
}
