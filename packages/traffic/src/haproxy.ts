// HAProxy through its runtime API (a stats socket at level admin): reads the server states of one backend, makes the
// target's servers ready and only then drains (or disables) the others, and can save the states to HAProxy's
// server-state-file so a later reload keeps the switch. Runs are locked on the backend as HAProxy names itself, so
// one HAProxy reached by its unix socket and by TCP is one lock.
import { stat } from 'node:fs/promises';
import net from 'node:net';
import { humanDuration } from '@actions-kit/core';
import type { Color } from './color.js';
import { otherColor } from './color.js';
import { checkReplaceable, writeFileAtomically } from './atomic-file.js';
import { colorServerInputs, readColorServers } from './color-servers.js';
import { TrafficError, errorCode } from './errors.js';
import { lockFileFor } from './lock.js';
import { liveColorOf, type ColorMembers, type ChangeLog, type LiveState, type TrafficProvider } from './provider.js';
import type { ProviderDescriptor } from './provider-descriptor.js';
import { FILE_PATH, HAPROXY_NAME, SOCKET_ADDRESS } from './value-forms.js';

/** Sends one runtime API command and returns HAProxy's answer. */
export type RuntimeApi = (command: string) => Promise<string>;

export type AdminState = 'ready' | 'drain' | 'maint';

export interface HaproxyOptions {
  /** A unix socket path, or host:port of a TCP stats socket. */
  socket: string;
  backend: string;
  /** Server names inside the backend. */
  servers: ColorMembers;
  /** What the other color's servers become; drain lets sessions pinned by persistence finish. Default drain. */
  disableWith?: 'drain' | 'maint';
  /** HAProxy's server-state-file, rewritten after each change so a reload does not undo the switch. */
  stateFile?: string;
  timeoutMs?: number;
  /** The runtime API to talk to; the socket by default. */
  runtimeApi?: RuntimeApi;
}

export interface HaproxyServerState {
  backend: string;
  name: string;
  address: string;
  port: string;
  operational: 'down' | 'starting' | 'up' | 'stopping';
  admin: AdminState;
  /** srv_admin_state as HAProxy printed it. */
  adminFlags: number;
}

const OPERATIONAL = ['down', 'starting', 'up', 'stopping'] as const;
// srv_admin_state bits (HAProxy's SRV_ADMF_*): any maintenance (forced, inherited, DNS) and any drain.
const MAINT_FLAGS = 0x01 | 0x02 | 0x20;
const DRAIN_FLAGS = 0x08 | 0x10;

/** Parses `show servers state` (format version 1): fields are found by the names of its header line. */
export function parseServersState(text: string): HaproxyServerState[] {
  const lines = text.split('\n').map((line) => line.trim());
  if (lines[0] !== '1') {
    throw new TrafficError(
      'HAProxy answered `show servers state` with something other than format 1; this needs HAProxy 1.6 or later',
      text,
    );
  }
  const header = (lines[1] ?? '').replace(/^#\s*/, '').split(/\s+/);
  const column = (name: string): number => {
    const index = header.indexOf(name);
    if (index < 0) throw new TrafficError(`HAProxy's servers state has no ${name} column`, text);
    return index;
  };
  const at = {
    backend: column('be_name'),
    name: column('srv_name'),
    address: column('srv_addr'),
    port: header.indexOf('srv_port'),
    operational: column('srv_op_state'),
    admin: column('srv_admin_state'),
  };
  return lines
    .slice(2)
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const fields = line.split(/\s+/);
      const adminFlags = Number(fields[at.admin]);
      const admin: AdminState = adminFlags & MAINT_FLAGS ? 'maint' : adminFlags & DRAIN_FLAGS ? 'drain' : 'ready';
      return {
        backend: fields[at.backend] ?? '',
        name: fields[at.name] ?? '',
        address: fields[at.address] ?? '',
        port: at.port < 0 ? '' : (fields[at.port] ?? ''),
        operational: OPERATIONAL[Number(fields[at.operational])] ?? 'down',
        admin,
        adminFlags,
      };
    });
}

/**
 * A runtime API over a unix socket or TCP, one command per connection (HAProxy closes it after answering). HAProxy
 * runs each `;`- or line-separated part of a line as a command of its own: a command holding one is never sent.
 */
export function socketRuntimeApi(address: string, timeoutMs = 5_000): RuntimeApi {
  const tcp = /^(?<host>\[[^\]]+\]|[^/:]+):(?<port>\d+)$/.exec(address)?.groups;
  return (command) =>
    new Promise((resolve, reject) => {
      if (/[;\r\n]/.test(command)) {
        reject(new TrafficError(`haproxy: refused to send ${JSON.stringify(command)}: it holds a command separator`));
        return;
      }
      const connection = tcp
        ? net.createConnection({ host: tcp.host?.replace(/^\[|\]$/g, ''), port: Number(tcp.port) })
        : net.createConnection({ path: address });
      let answer = '';
      connection.setEncoding('utf8');
      connection.setTimeout(timeoutMs, () =>
        connection.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })),
      );
      connection.on('connect', () => connection.end(`${command}\n`));
      connection.on('data', (chunk: string) => (answer += chunk));
      connection.on('end', () => resolve(answer));
      connection.on('error', (error) => void socketError(address, Boolean(tcp), error, timeoutMs).then(reject));
    });
}

/** What is at a socket path that refused, when it is no socket: "a regular file", "a directory". */
async function notASocket(address: string): Promise<string | undefined> {
  const found = await stat(address).catch(() => undefined);
  if (!found || found.isSocket()) return undefined;
  return found.isFile() ? 'a regular file' : found.isDirectory() ? 'a directory' : 'a special file';
}

async function socketError(address: string, tcp: boolean, error: unknown, timeoutMs: number): Promise<TrafficError> {
  const code = errorCode(error);
  const where = `haproxy-socket: ${address}`;
  const adminLine = `"stats socket ${tcp ? `ipv4@${address}` : address} level admin"`;
  const what = tcp || (code !== 'ECONNREFUSED' && code !== 'ENOTSOCK') ? undefined : await notASocket(address);
  if (what) {
    return new TrafficError(
      `${where} is ${what}, not a socket; point haproxy-socket at the path HAProxy's "stats socket ... level admin" ` +
        'line names (e.g. /run/haproxy/admin.sock)',
    );
  }
  switch (code) {
    case 'ENOENT':
      return new TrafficError(
        `${where} does not exist: HAProxy is not running, or its global section lacks ${adminLine}`,
      );
    case 'ENOTDIR':
      return new TrafficError(
        `${where}: a folder on that path is a file, so no socket can be there; point haproxy-socket at the path ` +
          `HAProxy's "stats socket ... level admin" line names (e.g. /run/haproxy/admin.sock)`,
      );
    case 'ECONNREFUSED':
      return new TrafficError(
        `${where} refused the connection: HAProxy is not running (a socket file left by a stopped HAProxy ` +
          `refuses too); start HAProxy, or point haproxy-socket at its ${adminLine}`,
      );
    case 'EACCES':
      return new TrafficError(`${where}: permission denied; run the job as a user allowed to use the socket`);
    case 'ETIMEDOUT':
      return new TrafficError(
        `${where} did not answer within ${humanDuration(timeoutMs)}; is HAProxy overloaded or stuck?`,
      );
    default:
      return new TrafficError(`${where}: cannot connect (${code ?? String(error)})`);
  }
}

export class HaproxyProvider implements TrafficProvider {
  readonly kind = 'haproxy';
  readonly lockFile: string;
  private readonly api: RuntimeApi;
  private readonly disableWith: AdminState;

  constructor(private readonly options: HaproxyOptions) {
    this.api = options.runtimeApi ?? socketRuntimeApi(options.socket, options.timeoutMs);
    this.disableWith = options.disableWith ?? 'drain';
    this.lockFile = lockFileFor('haproxy', `${options.socket}\n${options.backend}`);
  }

  describe(): string {
    return `HAProxy backend '${this.options.backend}' via ${this.options.socket}`;
  }

  /**
   * The lock of this backend as HAProxy names itself: its node name and every runtime API socket it lists (`show
   * cli sockets`), so a run through the unix socket and one through TCP wait for each other. An HAProxy that does
   * not list its sockets (before 1.8, or a socket below level operator) is locked by the address given.
   */
  async resolveLockFile(): Promise<string> {
    const sockets = await this.api('show cli sockets');
    if (!/^# socket\b/.test(sockets)) return this.lockFile;
    const node = /^node:\s*(.*)$/im.exec(await this.api('show info'))?.[1]?.trim() ?? '';
    const listed = sockets
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/)[0] ?? '')
      .filter((socket) => socket !== '')
      .sort();
    return lockFileFor('haproxy', `${node}\n${listed.join('\n')}\n${this.options.backend}`);
  }

  async current(): Promise<LiveState> {
    const states = await this.readStates();
    const byName = new Map(states.map((state) => [state.name, state]));
    const takesTraffic = (color: Color): boolean =>
      this.options.servers[color].some((name) => byName.get(name)?.admin === 'ready');
    const evidence = (['blue', 'green'] as const)
      .map((color) => {
        const servers = this.options.servers[color].map((name) => {
          const state = byName.get(name);
          return `${name} ${state?.admin} (${state?.operational.toUpperCase()})`;
        });
        return `${color}: ${servers.join(', ')}`;
      })
      .join('; ');
    const snapshot: Record<string, AdminState> = {};
    for (const name of [...this.options.servers.blue, ...this.options.servers.green]) {
      snapshot[name] = byName.get(name)?.admin ?? 'ready';
    }
    return {
      live: liveColorOf(takesTraffic('blue'), takesTraffic('green')),
      evidence,
      snapshot: JSON.stringify(snapshot),
    };
  }

  plan(target: Color, from: LiveState): string[] {
    return this.commandsFor(target, from).concat(this.stateFileStep());
  }

  async switchTo(target: Color, from: LiveState, log: ChangeLog): Promise<void> {
    // A state file that cannot be written would leave the switch live and the step failed: found out first.
    await this.checkStateFile();
    const done: string[] = [];
    try {
      for (const command of this.commandsFor(target, from)) {
        await this.send(command);
        done.push(command);
        log.changed(command);
      }
      await this.saveStateFile(`HAProxy was put back as it was (${from.live} live)`, log);
    } catch (error) {
      // Part of the switch went through (the target enabled, the other not yet drained), or all of it without the
      // state file that makes it last: put it all back. The state file still holds `from`.
      if (done.length > 0) await this.applyStates(from, log);
      throw error;
    }
  }

  async restore(state: LiveState, log: ChangeLog): Promise<void> {
    await this.applyStates(state, log);
    await this.saveStateFile('HAProxy runs the restored states, but a reload would load older ones from the file', log);
  }

  /** Sets each server's admin state as `state` had it, the ones that were ready first. */
  private async applyStates(state: LiveState, log: ChangeLog): Promise<void> {
    const wanted = JSON.parse(state.snapshot) as Record<string, AdminState>;
    const now = await this.readStates();
    const changes = Object.entries(wanted).filter(([name, admin]) => now.find((s) => s.name === name)?.admin !== admin);
    // Servers that were ready come back first, so traffic always has somewhere to go.
    changes.sort(([, a], [, b]) => Number(b === 'ready') - Number(a === 'ready'));
    for (const [name, admin] of changes) {
      const command = `set server ${this.options.backend}/${name} state ${admin}`;
      await this.send(command);
      log.changed(command);
    }
  }

  /** Ready first for every target server, then drain/maint for every other one that still takes traffic. */
  private commandsFor(target: Color, from: LiveState): string[] {
    const admin = JSON.parse(from.snapshot) as Record<string, AdminState>;
    const backend = this.options.backend;
    const enable = this.options.servers[target]
      .filter((name) => admin[name] !== 'ready')
      .map((name) => `set server ${backend}/${name} state ready`);
    const disable = this.options.servers[otherColor(target)]
      .filter((name) => admin[name] === 'ready')
      .map((name) => `set server ${backend}/${name} state ${this.disableWith}`);
    return [...enable, ...disable];
  }

  private stateFileStep(): string[] {
    return this.options.stateFile ? [`save all server states to ${this.options.stateFile}`] : [];
  }

  private async readStates(): Promise<HaproxyServerState[]> {
    const answer = await this.api(`show servers state ${this.options.backend}`);
    if (/can't find backend|no such backend/i.test(answer)) {
      throw new TrafficError(
        `haproxy-backend: HAProxy has no backend '${this.options.backend}'; use the name of the backend section ` +
          'that holds the blue and green servers',
      );
    }
    const states = parseServersState(answer).filter((state) => state.backend === this.options.backend);
    for (const color of ['blue', 'green'] as const) {
      for (const name of this.options.servers[color]) {
        if (!states.some((state) => state.name === name)) {
          throw new TrafficError(
            `${color}-servers: backend '${this.options.backend}' has no server '${name}' (it has: ` +
              `${states.map((s) => s.name).join(', ') || 'none'}); use server names from the backend section`,
          );
        }
      }
    }
    return states;
  }

  private async send(command: string): Promise<void> {
    const answer = (await this.api(command)).trim();
    if (answer === '') return;
    const fix = /permission denied/i.test(answer)
      ? `: the stats socket needs "level admin" (${this.options.socket})`
      : ': check haproxy-backend and blue-servers/green-servers';
    throw new TrafficError(`HAProxy refused '${command}'${fix}`, answer);
  }

  private async checkStateFile(): Promise<void> {
    if (!this.options.stateFile) return;
    try {
      await checkReplaceable(this.options.stateFile);
    } catch (error) {
      throw this.stateFileError(error, 'Nothing was switched');
    }
  }

  /** `consequence`: where traffic is when the file cannot be written. */
  private async saveStateFile(consequence: string, log: ChangeLog): Promise<void> {
    if (!this.options.stateFile) return;
    const states = await this.api('show servers state');
    try {
      await writeFileAtomically(this.options.stateFile, states);
    } catch (error) {
      throw this.stateFileError(error, consequence);
    }
    log.changed(`saved all server states to ${this.options.stateFile}`);
  }

  private stateFileError(error: unknown, consequence: string): TrafficError {
    return new TrafficError(
      `haproxy-state-file: cannot write ${this.options.stateFile} (${errorCode(error) ?? String(error)}); its ` +
        `folder must exist and be writable by this job, and the path must not be a folder. ${consequence}`,
    );
  }
}

const DISABLE_WITH = ['drain', 'maint'] as const;

/** What the action's inputs set; the timeout and runtime API keep their defaults. */
export type HaproxySettings = Pick<HaproxyOptions, 'socket' | 'backend' | 'servers' | 'stateFile' | 'disableWith'>;

export const haproxyDescriptor: ProviderDescriptor<HaproxySettings> = {
  name: 'haproxy',
  inputs: [
    {
      name: 'haproxy-socket',
      kind: 'text',
      required: true,
      form: SOCKET_ADDRESS,
      hint: "HAProxy's runtime API, the path or host:port of a `stats socket ... level admin` (e.g. /run/haproxy/admin.sock)",
    },
    {
      name: 'haproxy-backend',
      kind: 'text',
      required: true,
      form: HAPROXY_NAME,
      hint: 'the backend holding the blue and green servers (e.g. app)',
    },
    ...colorServerInputs(
      'server names in haproxy-backend',
      { blue: ['blue1', 'blue2'], green: ['green1', 'green2'] },
      HAPROXY_NAME,
      { blue: ['blue'], green: ['green'] },
    ),
    {
      name: 'haproxy-state-file',
      kind: 'text',
      form: FILE_PATH,
      hint: "HAProxy's server-state-file, rewritten after each switch so a reload keeps it (e.g. /var/lib/haproxy/server-state)",
    },
    {
      name: 'haproxy-disable-with',
      kind: 'enum',
      values: DISABLE_WITH,
      default: 'drain',
      hint: 'drain (sessions pinned by cookies or stick tables finish there) or maint (cut at once)',
    },
  ],
  settings: (values) => ({
    socket: values.text('haproxy-socket'),
    backend: values.text('haproxy-backend'),
    servers: readColorServers(values, { blue: ['blue'], green: ['green'] }),
    stateFile: values.text('haproxy-state-file') || undefined,
    disableWith: values.choice('haproxy-disable-with', DISABLE_WITH),
  }),
  create: (settings) => new HaproxyProvider(settings),
};
