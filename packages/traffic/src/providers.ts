// The registry of providers by name, and the one place that turns the action's settings into a provider: adding
// Kubernetes or an ALB is a file implementing TrafficProvider plus one entry here.
import { CaddyProvider } from './caddy.js';
import { CommandProvider } from './command.js';
import { TrafficError } from './errors.js';
import { FlagFileProvider } from './flag-file.js';
import { HaproxyProvider } from './haproxy.js';
import { NginxProvider } from './nginx.js';
import type { ColorMembers, TrafficProvider } from './provider.js';
import { SymlinkProvider } from './symlink.js';

/** Every provider's settings, named after the action inputs (blue-servers -> blueServers), already split and trimmed. */
export interface ProviderSettings {
  blueServers?: string[];
  greenServers?: string[];
  haproxySocket?: string;
  haproxyBackend?: string;
  haproxyStateFile?: string;
  haproxyDisableWith?: 'drain' | 'maint';
  nginxUpstreamFile?: string;
  nginxUpstreamName?: string;
  nginxTestCommand?: string;
  nginxReloadCommand?: string;
  caddyAdminUrl?: string;
  caddyHandlerId?: string;
  symlinkPath?: string;
  bluePath?: string;
  greenPath?: string;
  currentCommand?: string;
  switchCommand?: string;
  flagFile?: string;
  /** Folder and environment for the commands a provider runs (nginx test/reload, current/switch commands). */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  commandTimeoutMs?: number;
}

type Factory = (settings: ProviderSettings) => TrafficProvider;

const registry = {
  haproxy: (s) =>
    new HaproxyProvider({
      socket: required(s.haproxySocket, 'haproxy-socket', 'haproxy', 'e.g. /run/haproxy/admin.sock'),
      backend: required(s.haproxyBackend, 'haproxy-backend', 'haproxy', 'the backend holding both colors'),
      servers: members(s, { blue: ['blue'], green: ['green'] }, 'server names in the backend'),
      stateFile: s.haproxyStateFile || undefined,
      disableWith: s.haproxyDisableWith,
    }),
  nginx: (s) =>
    new NginxProvider({
      upstreamFile: required(s.nginxUpstreamFile, 'nginx-upstream-file', 'nginx', 'an include file it owns'),
      upstreamName: required(s.nginxUpstreamName, 'nginx-upstream-name', 'nginx', 'the name in proxy_pass'),
      servers: members(s, undefined, 'host:port addresses'),
      testCommand: s.nginxTestCommand || undefined,
      reloadCommand: s.nginxReloadCommand || undefined,
      commandTimeoutMs: s.commandTimeoutMs,
      cwd: s.cwd,
      env: s.env,
    }),
  caddy: (s) =>
    new CaddyProvider({
      adminUrl: s.caddyAdminUrl || 'http://localhost:2019',
      handlerId: required(s.caddyHandlerId, 'caddy-handler-id', 'caddy', 'the @id of the reverse_proxy handler'),
      servers: members(s, undefined, 'host:port dial addresses'),
    }),
  symlink: (s) =>
    new SymlinkProvider({
      symlinkPath: required(s.symlinkPath, 'symlink-path', 'symlink', 'e.g. /srv/app/current'),
      paths: {
        blue: required(s.bluePath, 'blue-path', 'symlink', 'e.g. /srv/app/releases/blue'),
        green: required(s.greenPath, 'green-path', 'symlink', 'e.g. /srv/app/releases/green'),
      },
    }),
  command: (s) =>
    new CommandProvider({
      currentCommand: required(s.currentCommand, 'current-command', 'command', 'a command printing blue or green'),
      switchCommand: required(s.switchCommand, 'switch-command', 'command', 'a command using $TARGET_COLOR'),
      commandTimeoutMs: s.commandTimeoutMs,
      cwd: s.cwd,
      env: s.env,
    }),
  'flag-file': (s) =>
    new FlagFileProvider({
      flagFile: required(s.flagFile, 'flag-file', 'flag-file', 'the file whose presence makes the proxy pick green'),
    }),
} satisfies Record<string, Factory>;

export type ProviderName = keyof typeof registry;
export const PROVIDER_NAMES = Object.keys(registry) as ProviderName[];

export function createProvider(name: string, settings: ProviderSettings): TrafficProvider {
  if (!Object.hasOwn(registry, name)) {
    throw new TrafficError(`provider: '${name}' is not a provider; use one of ${PROVIDER_NAMES.join(', ')}`);
  }
  return registry[name as ProviderName](settings);
}

function required(value: string | undefined, input: string, provider: string, hint: string): string {
  if (value) return value;
  throw new TrafficError(`${input}: required with provider ${provider} (${hint})`);
}

function members(settings: ProviderSettings, defaults: ColorMembers | undefined, what: string): ColorMembers {
  const pick = (color: 'blue' | 'green'): string[] => {
    const given = (color === 'blue' ? settings.blueServers : settings.greenServers)?.filter(Boolean) ?? [];
    if (given.length > 0) return given;
    if (defaults) return defaults[color];
    throw new TrafficError(`${color}-servers: required with this provider (comma-separated ${what})`);
  };
  const servers = { blue: pick('blue'), green: pick('green') };
  const shared = servers.blue.filter((server) => servers.green.includes(server));
  if (shared.length > 0) {
    throw new TrafficError(`blue-servers and green-servers both list ${shared.join(', ')}; a server has one color`);
  }
  return servers;
}
