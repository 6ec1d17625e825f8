// Parses the arguments of `pnpm action`, refusing anything it does not understand with a message that says why.

export const USAGE = `Usage: pnpm action <name> [options]

Runs the bundled action actions/<name> (or the test fixture packages/harness/__fixtures__/<name>) the way
GitHub's runner does, with GITHUB_WORKSPACE set to the folder you run it from, and prints its log, outputs,
annotations and masks. Build first with 'pnpm build'.

Options:
  --input <key>=<value>   an input, by its name in action.yml (repeat for more); defaults apply to the rest
  --event <file.json>     the event payload (default: a push to main)
  --event-name <name>     the event's name (default: the file's name when it is one, e.g. pull_request.json)
  --post, --no-post       run the post entry after main, when action.yml has one (default: --post)
  --node <20|24>          the Node major to run it with (default: the one action.yml's runs.using names)
  --summary-file <path>   where to write the job summary (default: action-run/<name>-summary.md)
  --timeout <seconds>     kill the action after this long (default: 60)
  --help                  show this text

Exit code: the action's (main's, or post's when main succeeded); 2 when the action could not be run.`;

export interface CliArguments {
  name: string;
  inputs: Record<string, string>;
  eventFile: string | undefined;
  eventName: string | undefined;
  post: boolean;
  node: '20' | '24' | undefined;
  summaryFile: string | undefined;
  timeoutSeconds: number | undefined;
}

/** A mistake on the command line; the CLI prints it with the usage text. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const VALUE_OPTIONS = ['--input', '--event', '--event-name', '--node', '--summary-file', '--timeout'] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];

/** Returns 'help' for --help, so printing the usage stays the caller's business. */
export function parseCliArguments(argv: readonly string[]): CliArguments | 'help' {
  const parsed: CliArguments = {
    name: '',
    inputs: {},
    eventFile: undefined,
    eventName: undefined,
    post: true,
    node: undefined,
    summaryFile: undefined,
    timeoutSeconds: undefined,
  };
  const names: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    if (argument === '--help' || argument === '-h') return 'help';
    // `pnpm action -- …` may pass the separator through.
    if (argument === '--') continue;
    if (argument === '--post' || argument === '--no-post') {
      parsed.post = argument === '--post';
      continue;
    }
    if (!argument.startsWith('--')) {
      names.push(argument);
      continue;
    }
    // Both `--option value` and `--option=value`.
    const equals = argument.indexOf('=');
    const option = equals < 0 ? argument : argument.slice(0, equals);
    if (!VALUE_OPTIONS.includes(option as ValueOption)) {
      throw new UsageError(`unknown option '${option}'`);
    }
    let value: string;
    if (equals >= 0) {
      value = argument.slice(equals + 1);
    } else {
      const next = argv[index + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${option} needs a value`);
      value = next;
      index++;
    }
    applyOption(parsed, option as ValueOption, value);
  }
  if (names.length === 0) throw new UsageError('which action? Give its folder name, e.g. pnpm action sample');
  if (names.length > 1) throw new UsageError(`one action at a time; got ${names.map((n) => `'${n}'`).join(', ')}`);
  parsed.name = names[0]!;
  return parsed;
}

function applyOption(parsed: CliArguments, option: ValueOption, value: string): void {
  switch (option) {
    case '--input': {
      const equals = value.indexOf('=');
      if (equals <= 0) throw new UsageError(`--input '${value}': expected <key>=<value>, e.g. --input name=world`);
      const key = value.slice(0, equals);
      if (key in parsed.inputs) throw new UsageError(`--input ${key} is given twice; give each input once`);
      parsed.inputs[key] = value.slice(equals + 1);
      return;
    }
    case '--event':
      parsed.eventFile = value;
      return;
    case '--event-name':
      if (!/^[a-z_]+$/.test(value)) {
        throw new UsageError(`--event-name '${value}': expected an event name such as push or pull_request`);
      }
      parsed.eventName = value;
      return;
    case '--node':
      if (value !== '20' && value !== '24') throw new UsageError(`--node '${value}': expected 20 or 24`);
      parsed.node = value;
      return;
    case '--summary-file':
      if (value === '') throw new UsageError('--summary-file needs a path');
      parsed.summaryFile = value;
      return;
    case '--timeout': {
      const seconds = Number(value);
      if (!Number.isFinite(seconds) || seconds <= 0) {
        throw new UsageError(`--timeout '${value}': expected a number of seconds greater than 0, e.g. --timeout 120`);
      }
      parsed.timeoutSeconds = seconds;
      return;
    }
  }
}

// The events a workflow can be triggered by whose payload a test is likely to replay.
const EVENT_NAMES = new Set([
  'push',
  'pull_request',
  'pull_request_target',
  'pull_request_review',
  'merge_group',
  'workflow_dispatch',
  'workflow_run',
  'workflow_call',
  'schedule',
  'release',
  'deployment',
  'deployment_status',
  'issues',
  'issue_comment',
  'repository_dispatch',
  'check_run',
  'check_suite',
  'create',
  'delete',
]);

/** --event-name, else the payload file's name when it is an event's (`pull_request.json` → pull_request). */
export function eventNameFor(eventFile: string, explicit: string | undefined): string {
  if (explicit) return explicit;
  const base = eventFile.replace(/^.*[\\/]/, '').replace(/\.json$/i, '');
  if (EVENT_NAMES.has(base)) return base;
  throw new UsageError(
    `--event ${eventFile}: cannot tell which event this payload is from its file name; add --event-name, e.g. ` +
      `--event-name pull_request`,
  );
}
