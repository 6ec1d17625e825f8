// nginx through an include file this provider owns: it holds the upstream block with the live color's servers and the
// other color as backup; a switch renames a new file into place, runs the test command (putting the old file back if
// it fails), then reloads.
import { readFile, rm } from 'node:fs/promises';
import { otherColor, type Color } from './color.js';
import { writeFileAtomically } from './atomic-file.js';
import { colorServerInputs, readColorServers } from './color-servers.js';
import { TrafficError, errorCode } from './errors.js';
import { liveColorOf, type ColorMembers, type ChangeLog, type LiveState, type TrafficProvider } from './provider.js';
import type { ProviderDescriptor } from './provider-descriptor.js';
import { COMMAND_TIMEOUT_INPUT, describeExit, runShellCommand } from './shell-command.js';
import { FILE_PATH, NGINX_NAME, NGINX_SERVER, SHELL_COMMAND } from './value-forms.js';

export interface NginxOptions {
  /** The include file this provider owns, e.g. /etc/nginx/conf.d/app-upstream.inc. */
  upstreamFile: string;
  /** The upstream name used in proxy_pass http://<name>. */
  upstreamName: string;
  /** host:port of each color's servers, each optionally followed by server parameters ("10.0.0.1:8080 weight=2"). */
  servers: ColorMembers;
  testCommand?: string;
  reloadCommand?: string;
  commandTimeoutMs?: number;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

export interface UpstreamServer {
  address: string;
  /** Parameters after the address: weight=2, backup, down... */
  parameters: string[];
}

export interface UpstreamBlock {
  servers: UpstreamServer[];
  /** Every other directive of the block (keepalive, least_conn...), kept as written. */
  otherDirectives: string[];
}

/** Reads `upstream <name> { ... }` from an include file's text; undefined when there is no such block. */
export function parseUpstreamBlock(text: string, name: string): UpstreamBlock | undefined {
  const withoutComments = text.replace(/#[^\n]*/g, '');
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const block = new RegExp(`(?:^|[\\s;}])upstream\\s+${escaped}\\s*\\{([^}]*)\\}`).exec(withoutComments);
  if (!block) return undefined;
  const statements = (block[1] ?? '')
    .split(';')
    .map((statement) => statement.trim().replace(/\s+/g, ' '))
    .filter((statement) => statement !== '');
  const servers: UpstreamServer[] = [];
  const otherDirectives: string[] = [];
  for (const statement of statements) {
    const [directive, address, ...parameters] = statement.split(' ');
    if (directive === 'server' && address) servers.push({ address, parameters });
    else otherDirectives.push(statement);
  }
  return { servers, otherDirectives };
}

/** A blue-servers / green-servers member as an upstream server: "10.0.0.1:8080 weight=2". */
function memberServer(member: string): UpstreamServer {
  const [address = member, ...parameters] = member.split(/ +/);
  return { address, parameters };
}

/** The address of a member, without the parameters that may follow it. */
export function memberAddress(member: string): string {
  return memberServer(member).address;
}

/** The servers that take traffic: neither backup nor down. */
export function primaryServers(block: UpstreamBlock): UpstreamServer[] {
  return block.servers.filter((server) => !server.parameters.some((p) => p === 'backup' || p === 'down'));
}

/**
 * The include text with `target` live and the other color as backup (down with balancers that forbid backup). A
 * member's parameters are the ones given with it ("10.0.0.1:8080 weight=2"), else the ones the file had for it.
 */
export function renderUpstreamBlock(
  name: string,
  target: Color,
  servers: ColorMembers,
  previous: UpstreamBlock | undefined,
): string {
  const otherDirectives = previous?.otherDirectives ?? [];
  // nginx rejects "backup" with hash, ip_hash and random balancing; "down" keeps the server listed instead.
  const standby = otherDirectives.some((d) => /^(hash|ip_hash|random)\b/.test(d)) ? 'down' : 'backup';
  const kept = (address: string): string[] =>
    (previous?.servers.find((s) => s.address === address)?.parameters ?? []).filter(
      (p) => p !== 'backup' && p !== 'down',
    );
  const line = (member: string, extra: string[]): string => {
    const { address, parameters } = memberServer(member);
    return `    server ${[address, ...(parameters.length > 0 ? parameters : kept(address)), ...extra].join(' ')};`;
  };
  const other = otherColor(target);
  return [
    `# Managed by blue-green-switch: ${target} is live, ${other} is the ${standby} color. Rewritten on every switch:`,
    '# change blue-servers / green-servers rather than this file (other directives in the block are kept).',
    `upstream ${name} {`,
    ...servers[target].map((member) => line(member, [])),
    ...servers[other].map((member) => line(member, [standby])),
    ...otherDirectives.map((directive) => `    ${directive};`),
    '}',
    '',
  ].join('\n');
}

interface IncludeSnapshot {
  /** The include's text, or null when it did not exist. */
  content: string | null;
}

export class NginxProvider implements TrafficProvider {
  readonly kind = 'nginx';
  readonly lockFile: string;
  private readonly testCommand: string;
  private readonly reloadCommand: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: NginxOptions) {
    this.lockFile = `${options.upstreamFile}.lock`;
    this.testCommand = options.testCommand ?? 'nginx -t';
    this.reloadCommand = options.reloadCommand ?? 'nginx -s reload';
    this.timeoutMs = options.commandTimeoutMs ?? 60_000;
  }

  describe(): string {
    return `nginx upstream '${this.options.upstreamName}' in ${this.options.upstreamFile}`;
  }

  async current(): Promise<LiveState> {
    const content = await this.readInclude();
    const snapshot = JSON.stringify({ content } satisfies IncludeSnapshot);
    if (content === null) {
      return { live: 'none', evidence: `${this.options.upstreamFile} does not exist yet`, snapshot };
    }
    const block = this.parse(content);
    const primaries = primaryServers(block).map((server) => server.address);
    const colorOf = (address: string): Color => {
      if (this.options.servers.blue.map(memberAddress).includes(address)) return 'blue';
      if (this.options.servers.green.map(memberAddress).includes(address)) return 'green';
      throw new TrafficError(
        `nginx-upstream-file: ${this.options.upstreamFile} sends traffic to ${address}, which is in neither ` +
          `blue-servers (${this.options.servers.blue.join(', ')}) nor green-servers ` +
          `(${this.options.servers.green.join(', ')}); add it to one of them, or remove it from the file`,
      );
    };
    const liveColors = primaries.map(colorOf);
    return {
      live: liveColorOf(liveColors.includes('blue'), liveColors.includes('green')),
      evidence: `upstream '${this.options.upstreamName}' sends traffic to ${primaries.join(', ') || 'no server'}`,
      snapshot,
    };
  }

  plan(target: Color): string[] {
    return [
      `write ${this.options.upstreamFile} with ${target} (${this.options.servers[target].join(', ')}) live and ` +
        `${otherColor(target)} as standby, by rename`,
      `run '${this.testCommand}'; put the previous file back if it fails`,
      `run '${this.reloadCommand}'`,
    ];
  }

  async switchTo(target: Color, from: LiveState, log: ChangeLog, signal?: AbortSignal): Promise<void> {
    const previous = (JSON.parse(from.snapshot) as IncludeSnapshot).content;
    const block = previous === null ? undefined : this.parse(previous);
    const next = renderUpstreamBlock(this.options.upstreamName, target, this.options.servers, block);
    await this.writeInclude(next);
    log.changed(`wrote ${this.options.upstreamFile} with ${target} live`);
    await this.testAndReload(previous, `live color unchanged (${from.live})`, log, signal);
  }

  async restore(state: LiveState, log: ChangeLog, signal?: AbortSignal): Promise<void> {
    const wanted = (JSON.parse(state.snapshot) as IncludeSnapshot).content;
    const replaced = await this.readInclude();
    await this.putBack(wanted, log);
    await this.testAndReload(replaced, 'the switch back did not happen', log, signal);
  }

  /**
   * Tests the file now in place and reloads; on failure puts `fallback` back, so nginx's files match what runs.
   * A cancelled command leaves the file as it is: whether a stopped reload reached nginx is unknown, so the
   * restore that follows a cancellation writes, tests and reloads again rather than trust either file.
   */
  private async testAndReload(
    fallback: string | null,
    consequence: string,
    log: ChangeLog,
    signal?: AbortSignal,
  ): Promise<void> {
    const file = this.options.upstreamFile;
    const test = await this.run(this.testCommand, signal);
    if (test.exitCode !== 0) {
      await this.putBack(fallback, log);
      throw new TrafficError(
        `nginx-test-command '${this.testCommand}' ${describeExit(test, this.timeoutMs)}: nginx rejects the ` +
          `configuration with the new ${file}, so the previous file is back and ${consequence}. Fix the ` +
          `configuration nginx reports, or nginx-upstream-name if the upstream is named differently`,
        test.output,
      );
    }
    const reload = await this.run(this.reloadCommand, signal);
    if (reload.exitCode !== 0) {
      await this.putBack(fallback, log);
      throw new TrafficError(
        `nginx-reload-command '${this.reloadCommand}' ${describeExit(reload, this.timeoutMs)}: is nginx ` +
          `running, and may this job signal it? The previous ${file} is back and ${consequence}`,
        reload.output,
      );
    }
    log.changed(`ran '${this.reloadCommand}'`);
  }

  private run(command: string, signal: AbortSignal | undefined): ReturnType<typeof runShellCommand> {
    const { cwd, env } = this.options;
    return runShellCommand(command, { cwd, env, timeoutMs: this.timeoutMs, signal });
  }

  private parse(content: string): UpstreamBlock {
    const block = parseUpstreamBlock(content, this.options.upstreamName);
    if (!block) {
      throw new TrafficError(
        `nginx-upstream-file: ${this.options.upstreamFile} has no 'upstream ${this.options.upstreamName} { ... }' ` +
          'block; this file belongs to the switch: point nginx-upstream-file at a file of its own, or fix ' +
          'nginx-upstream-name',
      );
    }
    return block;
  }

  private async readInclude(): Promise<string | null> {
    try {
      return await readFile(this.options.upstreamFile, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return null;
      throw new TrafficError(
        `nginx-upstream-file: cannot read ${this.options.upstreamFile} (${errorCode(error) ?? String(error)})`,
      );
    }
  }

  private async writeInclude(content: string): Promise<void> {
    try {
      await writeFileAtomically(this.options.upstreamFile, content);
    } catch (error) {
      throw new TrafficError(
        `nginx-upstream-file: cannot write ${this.options.upstreamFile} (${errorCode(error) ?? String(error)}); ` +
          'its folder must exist and be writable by this job',
      );
    }
  }

  private async putBack(content: string | null, log: ChangeLog): Promise<void> {
    if (content === null) await rm(this.options.upstreamFile, { force: true });
    else await this.writeInclude(content);
    log.changed(`put back the previous ${this.options.upstreamFile}`);
  }
}

/** What the action's inputs set; commands run in the action's folder and environment. */
export type NginxSettings = Omit<NginxOptions, 'cwd' | 'env'>;

export const nginxDescriptor: ProviderDescriptor<NginxSettings> = {
  name: 'nginx',
  inputs: [
    {
      name: 'nginx-upstream-file',
      kind: 'text',
      required: true,
      form: FILE_PATH,
      hint: 'the include file holding the upstream block, which this action rewrites',
    },
    {
      name: 'nginx-upstream-name',
      kind: 'text',
      required: true,
      form: NGINX_NAME,
      hint: 'the upstream name used in proxy_pass http://<name> (e.g. app)',
    },
    ...colorServerInputs('host:port addresses', { blue: ['10.0.0.1:8080'], green: ['10.0.0.2:8080'] }, NGINX_SERVER),
    {
      name: 'nginx-test-command',
      kind: 'text',
      default: 'nginx -t',
      form: SHELL_COMMAND,
      hint: 'the command checking the configuration once the include is replaced (e.g. sudo nginx -t)',
    },
    {
      name: 'nginx-reload-command',
      kind: 'text',
      default: 'nginx -s reload',
      form: SHELL_COMMAND,
      hint: 'the command making nginx load the new include (e.g. sudo nginx -s reload)',
    },
    COMMAND_TIMEOUT_INPUT,
  ],
  settings: (values) => ({
    upstreamFile: values.text('nginx-upstream-file'),
    upstreamName: values.text('nginx-upstream-name'),
    servers: readColorServers(values, undefined, memberAddress),
    testCommand: values.text('nginx-test-command'),
    reloadCommand: values.text('nginx-reload-command'),
    commandTimeoutMs: values.duration(COMMAND_TIMEOUT_INPUT.name),
  }),
  create: (settings) => new NginxProvider(settings),
};
