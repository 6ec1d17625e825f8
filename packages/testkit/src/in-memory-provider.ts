// A traffic provider whose "proxy" is two flags in memory, plus a probe that answers as that proxy would: the switch's
// tests and the actions' run() tests use it with no process or file of their own. Typed by shape (the traffic
// package's TrafficProvider, LiveState and ColorProbe), so the testkit depends on no domain package.
import type { ManualClock } from './manual-clock.js';
import type { Color } from './real-proxies.js';

interface LiveState {
  live: Color | 'both' | 'none';
  evidence: string;
  snapshot: string;
}

interface ChangeLog {
  info(message: string): void;
  warning(message: string): void;
  changed(step: string): void;
}

interface ColorAnswer {
  status?: number;
  color?: string;
}

export class InMemoryProvider {
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
    const { blue, green } = this.enabled;
    return {
      live: blue && green ? 'both' : blue ? 'blue' : green ? 'green' : 'none',
      evidence: `blue ${this.enabled.blue ? 'on' : 'off'}, green ${this.enabled.green ? 'on' : 'off'}`,
      snapshot: JSON.stringify(this.enabled),
    };
  }

  plan(target: Color, from: LiveState): string[] {
    const other = target === 'blue' ? 'green' : 'blue';
    const was = JSON.parse(from.snapshot) as Record<Color, boolean>;
    return [...(was[target] ? [] : [`enable ${target}`]), `disable ${other}`];
  }

  async switchTo(target: Color, _from: LiveState, log: ChangeLog): Promise<void> {
    this.switchCalls += 1;
    this.set(target, true, log);
    this.set(target === 'blue' ? 'green' : 'blue', false, log);
  }

  async restore(state: LiveState, log: ChangeLog): Promise<void> {
    const wanted = JSON.parse(state.snapshot) as Record<Color, boolean>;
    for (const color of ['blue', 'green'] as const) if (wanted[color]) this.set(color, true, log);
    for (const color of ['blue', 'green'] as const) if (!wanted[color]) this.set(color, false, log);
  }

  /** Answers like the proxy: round-robin over enabled colors, 502 from a broken one, 503 when none is enabled. */
  probe(clock: ManualClock): (timeoutMs: number) => Promise<ColorAnswer> {
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

  private set(color: Color, on: boolean, log: ChangeLog): void {
    this.enabled[color] = on;
    this.history.push(`blue ${this.enabled.blue ? 'on' : 'off'}, green ${this.enabled.green ? 'on' : 'off'}`);
    log.changed(`${on ? 'enable' : 'disable'} ${color}`);
  }
}

/** A logger that keeps what it was told, to assert on warnings and on the changes a provider reported. */
export function recordingLogger(): ChangeLog & { infos: string[]; warnings: string[]; changes: string[] } {
  const infos: string[] = [];
  const warnings: string[] = [];
  const changes: string[] = [];
  return {
    infos,
    warnings,
    changes,
    info: (m) => infos.push(m),
    warning: (m) => warnings.push(m),
    changed: (step) => changes.push(step),
  };
}
