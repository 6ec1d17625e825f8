// Reads an action's output the way GitHub's runner does: which lines are workflow commands, what each one does,
// and where `::stop-commands::` switches them off. Pure: text in, a record of what the runner would do out.
//
// Modelled on actions/runner: src/Runner.Common/ActionCommand.cs (TryParseV2, TryParse and the unescape tables)
// and src/Runner.Worker/ActionCommandManager.cs (TryProcessCommand and the command extensions). Where the
// runner's behaviour depends on the server or could not be confirmed from its source, a comment says so.

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  properties: Record<string, string>;
}

export interface WorkflowCommandRecord {
  annotations: Annotation[];
  /** Values registered with `::add-mask::` in this text (masks known before it are passed in, not repeated). */
  masks: string[];
  debug: string[];
  groups: string[];
  /** `::set-output` (deprecated; still processed by the runner, with a warning). */
  outputsFromCommands: Record<string, string>;
  /** `::save-state` (deprecated; still processed by the runner, with a warning). */
  stateFromCommands: Record<string, string>;
  /** The step log as GitHub shows it: plain lines and `##[error]…`-style lines for commands, masks applied. */
  log: string[];
  /** A command the runner could not process, which marks the step failed (its CommandResult = Failed). */
  failed: boolean;
}

export interface ParseOptions {
  /** Secrets registered by earlier steps: the runner's masker is job-wide, so they mask this step's text too. */
  knownMasks?: readonly string[];
}

// Commands ActionCommandManager.Initialize registers: the stop command plus every command extension
// (internal-set-repo-path only while a runner plugin enables it, which never happens for an action).
const REGISTERED_COMMANDS = new Set([
  'stop-commands',
  'set-env',
  'set-output',
  'save-state',
  'add-mask',
  'add-path',
  'add-matcher',
  'remove-matcher',
  'debug',
  'warning',
  'error',
  'notice',
  'group',
  'endgroup',
  'echo',
]);

// The runner's own texts (src/Runner.Common/Constants.cs), so a test sees what a workflow log would show.
const UNSUPPORTED_STOP_TOKEN =
  "You cannot use a endToken that is an empty string, the string 'pause-logging', or another workflow command. For more information see: https://docs.github.com/actions/learn-github-actions/workflow-commands-for-github-actions#example-stopping-and-starting-workflow-commands or opt into insecure command execution by setting the `ACTIONS_ALLOW_UNSECURE_STOPCOMMAND_TOKENS` environment variable to `true`.";
const commandDisabled = (command: string): string =>
  `The \`${command}\` command is disabled. Please upgrade to using Environment Files or opt into unsecure command execution by setting the \`ACTIONS_ALLOW_UNSECURE_COMMANDS\` environment variable to \`true\`. For more information see: https://github.blog/changelog/2020-10-01-github-actions-deprecating-set-env-and-add-path-commands/`;
const commandDeprecated = (command: string): string =>
  `The \`${command}\` command is deprecated and will be disabled soon. Please upgrade to using Environment Files. For more information see: https://github.blog/changelog/2022-10-11-github-actions-deprecating-save-state-and-set-output-commands/`;

// Replacement tables, applied in this order with plain string replacement, exactly as ActionCommand does.
const DATA_ESCAPES: [string, string][] = [
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%25', '%'],
];
const PROPERTY_ESCAPES: [string, string][] = [
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%3A', ':'],
  ['%2C', ','],
  ['%25', '%'],
];
// The legacy `##[command]data` form has its own table.
const LEGACY_ESCAPES: [string, string][] = [
  ['%3B', ';'],
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%5D', ']'],
  ['%25', '%'],
];

function unescape(text: string, table: readonly [string, string][]): string {
  return table.reduce((value, [escaped, plain]) => value.split(escaped).join(plain), text);
}

export function unescapeData(text: string): string {
  return unescape(text, DATA_ESCAPES);
}

export function unescapeProperty(text: string): string {
  return unescape(text, PROPERTY_ESCAPES);
}

interface ParsedCommand {
  name: string;
  properties: Record<string, string>;
  data: string;
}

// The issue properties the runner reads, in their documented spelling. Property names are case-insensitive on
// the runner (an OrdinalIgnoreCase dictionary), so `File=` and `file=` are the same property.
const ISSUE_PROPERTY_NAMES = ['title', 'file', 'line', 'endLine', 'col', 'endColumn'];

function addProperty(properties: Record<string, string>, key: string, value: string): void {
  const canonical =
    ISSUE_PROPERTY_NAMES.find((name) => name.toLowerCase() === key.toLowerCase()) ??
    Object.keys(properties).find((name) => name.toLowerCase() === key.toLowerCase()) ??
    key;
  properties[canonical] = value;
}

// `name=value` split as .NET's `Split('=', 2, RemoveEmptyEntries)` does: leading '=' are dropped, the '=' right
// after the name are skipped, and a pair without both a name and a value is ignored.
function splitProperty(text: string): [string, string] | undefined {
  const match = /^=*([^=]+)=+([^=][\s\S]*)$/.exec(text);
  return match ? [match[1]!, match[2]!] : undefined;
}

function isRegistered(name: string, registered: ReadonlySet<string>): boolean {
  return registered.has(name.toLowerCase());
}

/** `::name k=v,k2=v2::data` (ActionCommand.TryParseV2). */
function parseCommandLine(line: string, registered: ReadonlySet<string>): ParsedCommand | undefined {
  const message = line.trimStart();
  if (!message.startsWith('::')) return undefined;
  const end = message.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = message.slice(2, end);
  const space = info.indexOf(' ');
  const name = space < 0 ? info : info.slice(0, space);
  if (!isRegistered(name, registered)) return undefined;
  const properties: Record<string, string> = {};
  if (space > 0) {
    for (const part of info
      .slice(space + 1)
      .trim()
      .split(',')) {
      const pair = part === '' ? undefined : splitProperty(part);
      if (pair) addProperty(properties, pair[0], unescapeProperty(pair[1]));
    }
  }
  return { name, properties, data: unescapeData(message.slice(end + 2)) };
}

/** `##[name k=v;k2=v2]data` anywhere in the line (ActionCommand.TryParse, the form older tools print). */
function parseLegacyCommandLine(line: string, registered: ReadonlySet<string>): ParsedCommand | undefined {
  const prefix = line.indexOf('##[');
  if (prefix < 0) return undefined;
  const bracket = line.indexOf(']', prefix);
  if (bracket < 0) return undefined;
  const info = line.slice(prefix + 3, bracket);
  const space = info.indexOf(' ');
  const name = space < 0 ? info : info.slice(0, space);
  if (!isRegistered(name, registered)) return undefined;
  const properties: Record<string, string> = {};
  if (space > 0) {
    for (const part of info.slice(space + 1).split(';')) {
      const pair = part === '' ? undefined : splitProperty(part);
      if (pair) addProperty(properties, pair[0], unescape(pair[1], LEGACY_ESCAPES));
    }
  }
  return { name, properties, data: unescape(line.slice(bracket + 1), LEGACY_ESCAPES) };
}

function parseAnyCommand(line: string, registered: ReadonlySet<string>): ParsedCommand | undefined {
  return parseCommandLine(line, registered) ?? parseLegacyCommandLine(line, registered);
}

/** Lines as .NET's StreamReader.ReadLine reads a process's output: '\n', '\r\n' and a lone '\r' all end a line. */
export function splitOutputLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r\n|\r|\n/);
  if (/[\r\n]$/.test(text)) lines.pop();
  return lines;
}

/** Replaces every known secret with '***', longest first so a secret containing another is hidden whole. */
export function applyMasks(text: string, masks: readonly string[]): string {
  return [...masks]
    .filter((mask) => mask !== '')
    .sort((a, b) => b.length - a.length)
    .reduce((value, mask) => value.split(mask).join('***'), text);
}

const equalsIgnoreCase = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * Parses an action's output as the runner processes it, line by line, keeping the runner's state between
 * lines (stop-commands, masks). Unregistered `::name::` lines are plain output, as on the runner.
 */
export function parseWorkflowCommands(stdout: string, options: ParseOptions = {}): WorkflowCommandRecord {
  const record: WorkflowCommandRecord = {
    annotations: [],
    masks: [],
    debug: [],
    groups: [],
    outputsFromCommands: {},
    stateFromCommands: {},
    log: [],
    failed: false,
  };
  const allMasks = [...(options.knownMasks ?? [])];
  const mask = (text: string): string => applyMasks(text, allMasks);
  const annotate = (level: Annotation['level'], message: string, properties: Record<string, string> = {}): void => {
    // ExecutionContext.AddIssue masks the message. GitHub keeps only the first 10 annotations of each level per
    // step (the rest still show in the log); we record them all and leave the budget to the caller to judge.
    record.annotations.push({ level, message: mask(message), properties });
    record.log.push(`##[${level}]${mask(message)}`);
  };
  // The runner reports a command it could not process as two errors and fails the step.
  const commandFailed = (commandInformation: string, reason: string): void => {
    annotate('error', `Unable to process command '${commandInformation}' successfully.`);
    annotate('error', reason);
    record.failed = true;
  };

  let stopToken: string | undefined;
  for (const line of splitOutputLines(stdout)) {
    const registered = stopToken === undefined ? REGISTERED_COMMANDS : new Set([...REGISTERED_COMMANDS, stopToken]);
    const command = parseAnyCommand(line, registered);
    if (!command) {
      record.log.push(mask(line));
      continue;
    }

    if (stopToken !== undefined) {
      // While stopped, the only command is the token itself: any line that parses as the command named by the
      // token (compared case-insensitively, whatever data or properties follow) resumes processing, and the
      // token stops being a command. Everything else, including another stop-commands, is plain output.
      if (stopToken !== '' && equalsIgnoreCase(command.name, stopToken)) stopToken = undefined;
      record.log.push(mask(line));
      continue;
    }

    const { name, properties, data } = command;
    switch (name.toLowerCase()) {
      case 'stop-commands': {
        // Newer runners refuse a token that is empty, 'pause-logging' or a command name (unless
        // ACTIONS_ALLOW_UNSECURE_STOPCOMMAND_TOKENS is set, which we do not model): a guessable token would let
        // printed text switch commands back on. They throw from TryProcessCommand; we are not sure how that
        // surfaces in the log, so we record the runner's message as an error, fail the step and keep commands
        // enabled. Runners also mask a token longer than 6 characters; we do not list it in `masks`, which holds
        // only the values the action registered itself.
        if (data === '' || equalsIgnoreCase(data, 'pause-logging') || isRegistered(data, REGISTERED_COMMANDS)) {
          annotate('error', UNSUPPORTED_STOP_TOKEN);
          record.failed = true;
        } else {
          stopToken = data;
          record.log.push(mask(line));
        }
        break;
      }
      case 'error':
      case 'warning':
      case 'notice':
        // Runners also rewrite `file` relative to the workspace when it lies inside it; we keep it as printed.
        annotate(name.toLowerCase() as Annotation['level'], data, properties);
        break;
      case 'add-mask':
        if (data.trim() === '') {
          annotate('warning', "Can't add secret mask for empty string in ##[add-mask] command.");
        } else {
          record.masks.push(data);
          allMasks.push(data);
        }
        break;
      case 'debug':
        record.debug.push(mask(data));
        record.log.push(`##[debug]${mask(data)}`);
        break;
      case 'group':
        record.groups.push(data);
        record.log.push(`##[group]${mask(data)}`);
        break;
      case 'endgroup':
        record.log.push('##[endgroup]');
        break;
      case 'set-output':
      case 'save-state': {
        // The deprecation warning depends on a server-side flag that github.com has switched on.
        annotate('warning', commandDeprecated(name.toLowerCase()));
        const key = Object.entries(properties).find(([property]) => equalsIgnoreCase(property, 'name'))?.[1];
        if (!key) {
          commandFailed(mask(line), `Required field 'name' is missing in ##[${name.toLowerCase()}] command.`);
        } else if (name.toLowerCase() === 'set-output') {
          record.outputsFromCommands[key] = data;
        } else {
          record.stateFromCommands[key] = data;
        }
        break;
      }
      case 'set-env':
      case 'add-path':
        commandFailed(mask(line), commandDisabled(name.toLowerCase()));
        break;
      default:
        // echo, add-matcher, remove-matcher: consumed as commands; problem matchers are not modelled.
        break;
    }
  }
  return record;
}
