// A container engine held in a Map, for the run() and runPost() tests: what a deploy started, replaced and removed,
// and containers scripted to exit at start or to belong to someone else.
import type { ColorProbe } from '@actions-kit/traffic';
import { ManualClock, recordingStepRunner } from '@actions-kit/testkit';
import { EngineError, type ContainerEngine, type ContainerState } from '../../src/container-engine.js';
import type { StepDeps } from '../../src/step-deps.js';
import type { VerifyInputs } from '../../src/inputs.js';

export interface InMemoryEngine extends ContainerEngine {
  containers: Map<string, ContainerState & { image: string; env: Record<string, string> }>;
  /** Every call, in order: `run sample-green`, `remove sample-blue`... */
  calls: string[];
  /** The next container started exits at once with this status. */
  exitsAtStart?: number;
  reachable: boolean;
  local: boolean;
}

export function inMemoryEngine(): InMemoryEngine {
  const engine: InMemoryEngine = {
    containers: new Map(),
    calls: [],
    reachable: true,
    local: true,
    describe: () => 'the Docker engine at unix:///test.sock (docker-host)',
    isLocal: () => engine.local,
    ping: async () => {
      if (!engine.reachable) throw new EngineError('the engine does not answer', 'Cannot connect to the Docker daemon');
    },
    prepareImage: async (image) => {
      engine.calls.push(`prepare ${image}`);
      return { 'org.opencontainers.image.version': '2.0.0' };
    },
    inspect: async (name) => engine.containers.get(name),
    run: async (spec) => {
      engine.calls.push(`run ${spec.name}`);
      const exit = engine.exitsAtStart;
      engine.containers.set(spec.name, {
        id: `id-${spec.name}`,
        status: exit === undefined ? 'running' : 'exited',
        exitCode: exit ?? 0,
        labels: spec.labels,
        image: spec.image,
        env: spec.env,
      });
      return `id-${spec.name}`;
    },
    keepRestarting: async (name) => {
      engine.calls.push(`keep restarting ${name}`);
    },
    remove: async (name) => {
      engine.calls.push(`remove ${name}`);
      engine.containers.delete(name);
    },
    logs: async (name) => `${name}: listen EADDRINUSE`,
  };
  return engine;
}

/** A probe answering `colors` in turn, the last one repeated: what verify-url would answer through the proxy. */
export function answering(...colors: Array<string | undefined>): ColorProbe {
  let i = 0;
  return async () => {
    const color = colors[Math.min(i, colors.length - 1)];
    i += 1;
    return color === undefined ? { error: 'connect ECONNREFUSED' } : { status: 200, color };
  };
}

export interface Recorded {
  outputs: Record<string, string>;
  summaries: string[];
  log: string[];
  printed: string[];
}

/** StepDeps around `engine`, with `probe` behind verify-url and time that passes at once. */
export function testDeps(
  engine: InMemoryEngine,
  probe: () => ColorProbe,
  options: { portTaken?: boolean } = {},
): StepDeps & { recorded: Recorded; clock: ManualClock } {
  const { runner, outputs, summaries, printed } = recordingStepRunner();
  const recorded: Recorded = { outputs, summaries, log: [], printed };
  return {
    recorded,
    runner,
    logger: {
      info: (line) => void recorded.log.push(line),
      warning: (line) => void recorded.log.push(`warning: ${line}`),
    },
    engine: () => engine,
    colorProbe: (_verify: VerifyInputs) => probe(),
    portAnswers: async () => options.portTaken ?? false,
    clock: new ManualClock({ sleeps: 'pass-at-once' }),
    watchCancellation: () => ({ signal: new AbortController().signal, received: undefined, stop: () => undefined }),
  };
}
