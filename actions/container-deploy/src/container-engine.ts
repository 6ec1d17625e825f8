// What the deploy asks of a container engine, and the containers it starts: `<service>-<color>`, on the host's
// network, labelled with what they run so the post step (and a person running `docker ps`) can tell them apart.
import type { Color } from '@actions-kit/traffic';

/** Labels on every container this action starts; the service label marks it as one it may replace or remove. */
export const LABELS = {
  service: 'io.github.actions-kit.service',
  color: 'io.github.actions-kit.color',
  digest: 'io.github.actions-kit.digest',
  version: 'org.opencontainers.image.version',
} as const;

export interface ContainerSpec {
  name: string;
  image: string;
  env: Record<string, string>;
  envFile?: string;
  labels: Record<string, string>;
}

export interface ContainerState {
  id: string;
  /** running, restarting, exited, created... as the engine says. */
  status: string;
  exitCode: number;
  labels: Record<string, string>;
}

/** A failure of the engine or the client, with the client's own words (untrusted text) kept apart. */
export class EngineError extends Error {
  constructor(
    readonly what: string,
    readonly detail: string,
  ) {
    super(`${what}: ${detail}`);
  }
}

export interface ContainerEngine {
  /** "the Docker engine at tcp://10.0.0.5:2376 (docker-host)": how messages name it. */
  describe(): string;
  /** True when the engine runs on this machine, so a port it would use can be checked from here. */
  isLocal(): boolean;
  /** Throws an EngineError when the engine does not answer. */
  ping(): Promise<void>;
  /** The image's labels, pulling it first when the engine does not have it. */
  prepareImage(image: string): Promise<Record<string, string>>;
  inspect(name: string): Promise<ContainerState | undefined>;
  /** Starts the container detached on the host's network, without a restart policy; resolves its id. */
  run(spec: ContainerSpec): Promise<string>;
  /** Gives it the restart policy unless-stopped (a host reboot or a crash restarts it), once it has started well. */
  keepRestarting(name: string): Promise<void>;
  /** Stops (SIGTERM, then SIGKILL after 10 s) and removes it; nothing when it is gone already. */
  remove(name: string): Promise<void>;
  /** The last `lines` lines it printed (untrusted text). */
  logs(name: string, lines: number): Promise<string>;
}

export const containerName = (service: string, color: Color): string => `${service}-${color}`;

/** The labels of a release container. */
export function releaseLabels(service: string, color: Color, image: string, version: string): Record<string, string> {
  return {
    [LABELS.service]: service,
    [LABELS.color]: color,
    [LABELS.digest]: image.slice(image.indexOf('@') + 1),
    [LABELS.version]: version,
  };
}

/** The container was started by this action for `service`: one it may replace or remove. */
export const startedFor = (state: ContainerState, service: string): boolean => state.labels[LABELS.service] === service;
