// The escape hatch for anything without a provider: one command prints the live color, another switches, with the
// color in $TARGET_COLOR.
import { isColor, type Color } from './color.js';
import { TrafficError } from './errors.js';
import { lockFileFor } from './lock.js';
import type { ChangeLog, LiveState, TrafficProvider } from './provider.js';
import type { ProviderDescriptor } from './provider-descriptor.js';
import { COMMAND_TIMEOUT_INPUT, describeExit, runShellCommand, type ShellCommandOptions } from './shell-command.js';
import { SHELL_COMMAND } from './value-forms.js';

export interface CommandOptions {
  /** Prints blue or green. */
  currentCommand: string;
  /** Switches to $TARGET_COLOR; must only return once the switch is done. */
  switchCommand: string;
  commandTimeoutMs?: number;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

export class CommandProvider implements TrafficProvider {
  readonly kind = 'command';
  readonly lockFile: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: CommandOptions) {
    this.lockFile = lockFileFor('command', options.switchCommand);
    this.timeoutMs = options.commandTimeoutMs ?? 60_000;
  }

  describe(): string {
    return `switch-command '${this.options.switchCommand}'`;
  }

  async current(signal?: AbortSignal): Promise<LiveState> {
    const result = await runShellCommand(this.options.currentCommand, this.commandOptions(signal));
    const printed = result.output.trim().toLowerCase();
    if (result.exitCode !== 0) {
      throw new TrafficError(
        `current-command '${this.options.currentCommand}' ${describeExit(result, this.timeoutMs)}; it must print ` +
          'blue or green and exit 0',
        result.output,
      );
    }
    if (!isColor(printed)) {
      throw new TrafficError(
        `current-command '${this.options.currentCommand}' printed something other than blue or green; make it ` +
          'print only the live color',
        result.output,
      );
    }
    return { live: printed, evidence: `current-command printed ${printed}`, snapshot: printed };
  }

  plan(target: Color): string[] {
    return [`run '${this.options.switchCommand}' with TARGET_COLOR=${target}`];
  }

  async switchTo(target: Color, from: LiveState, log: ChangeLog, signal?: AbortSignal): Promise<void> {
    const result = await runShellCommand(this.options.switchCommand, this.commandOptions(signal, target));
    if (result.exitCode !== 0) {
      throw new TrafficError(
        `switch-command '${this.options.switchCommand}' ${describeExit(result, this.timeoutMs)} with ` +
          `TARGET_COLOR=${target}; this provider cannot tell what it left behind: check that ${from.live} still ` +
          'serves (the next run reads it with current-command)',
        result.output,
      );
    }
    log.changed(`ran '${this.options.switchCommand}' with TARGET_COLOR=${target}`);
  }

  async restore(state: LiveState, log: ChangeLog, signal?: AbortSignal): Promise<void> {
    if (isColor(state.snapshot)) await this.switchTo(state.snapshot, state, log, signal);
  }

  private commandOptions(signal: AbortSignal | undefined, target?: Color): ShellCommandOptions {
    const env = { ...(this.options.env ?? process.env), ...(target ? { TARGET_COLOR: target } : {}) };
    return { cwd: this.options.cwd, env, timeoutMs: this.timeoutMs, signal };
  }
}

/** What the action's inputs set; commands run in the action's folder and environment. */
export type CommandSettings = Omit<CommandOptions, 'cwd' | 'env'>;

export const commandDescriptor: ProviderDescriptor<CommandSettings> = {
  name: 'command',
  inputs: [
    {
      name: 'current-command',
      kind: 'text',
      required: true,
      form: SHELL_COMMAND,
      hint: 'a shell command printing the live color, blue or green',
    },
    {
      name: 'switch-command',
      kind: 'text',
      required: true,
      form: SHELL_COMMAND,
      hint: 'a shell command switching traffic to $TARGET_COLOR',
    },
    COMMAND_TIMEOUT_INPUT,
  ],
  settings: (values) => ({
    currentCommand: values.text('current-command'),
    switchCommand: values.text('switch-command'),
    commandTimeoutMs: values.duration(COMMAND_TIMEOUT_INPUT.name),
  }),
  create: (settings) => new CommandProvider(settings),
};
