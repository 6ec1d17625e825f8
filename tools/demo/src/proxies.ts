// The proxy in front of the two colors: a real HAProxy when it is installed (switched through its runtime API, as
// on a server), else the demo's own flag-file proxy, which needs no root. Either way the actions get the provider
// inputs a workflow would give them.
import { spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { startHaproxy } from '@actions-kit/testkit';
import { type Color, startFlagProxy } from './flag-proxy.js';

export type ProxyChoice = 'auto' | 'haproxy' | 'node';

export interface DemoProxy {
  /** How the recap names it, e.g. "HAProxy 2.6.12 (runtime API)". */
  name: string;
  /** Why this one, for the recap: what was found, or what to install for the real one. */
  why: string;
  url: string;
  /** blue-green-switch's provider inputs (health-check's rollback takes the same). */
  providerInputs: Record<string, string>;
  stop(): Promise<void>;
}

/** HAProxy's version when `haproxy` is on PATH, else undefined. */
function haproxyVersion(): string | undefined {
  const found = spawnSync('haproxy', ['-v'], { encoding: 'utf8' });
  if (found.error || found.status !== 0) return undefined;
  return /version (\S+)/.exec(found.stdout)?.[1] ?? 'unknown version';
}

export async function startDemoProxy(
  choice: ProxyChoice,
  dir: string,
  ports: Record<Color, number>,
): Promise<DemoProxy> {
  await mkdir(dir, { recursive: true });
  const version = choice === 'node' ? undefined : haproxyVersion();
  if (version !== undefined) {
    const haproxy = await startHaproxy(dir, ports);
    return {
      name: `HAProxy ${version}, switched through its runtime API`,
      why: 'haproxy is installed',
      url: haproxy.url,
      providerInputs: {
        provider: 'haproxy',
        'haproxy-socket': haproxy.socket,
        'haproxy-backend': 'app',
        'haproxy-state-file': haproxy.stateFile,
      },
      stop: () => haproxy.stop(),
    };
  }
  if (choice === 'haproxy') {
    throw new Error(
      "--proxy haproxy: 'haproxy' is not on PATH; install it (apt-get install haproxy) or use --proxy auto",
    );
  }
  const flagFile = path.join(dir, 'green-is-live');
  const proxy = await startFlagProxy(flagFile, ports);
  return {
    name: "the demo's Node proxy, switched by a flag file",
    why:
      choice === 'node'
        ? 'asked for with --proxy node'
        : "'haproxy' is not on PATH (apt-get install haproxy, then the demo switches a real HAProxy)",
    url: proxy.url,
    providerInputs: { provider: 'flag-file', 'flag-file': flagFile },
    stop: () => proxy.stop(),
  };
}
