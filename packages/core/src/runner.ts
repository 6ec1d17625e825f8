// The runner's protocol as actions use it: inputs from INPUT_*, workflow commands on stdout and the
// GITHUB_OUTPUT / GITHUB_STATE file commands, written byte for byte as @actions/core 3.0.1 writes them.
//
// Why not import @actions/core: its entry module loads @actions/http-client (undici, tunnel) and @actions/exec at
// start-up, for OIDC and platform helpers these actions never call. Bundled, that is ~490 KB and ~+38 ms on every
// run (measured: `node -e 0` 52 ms, a bundle that only imports @actions/core 91 ms), most of the 2x start-up budget.
// __tests__/runner.test.ts runs the same calls through @actions/core and through this module and compares the bytes.
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync } from 'node:fs';
import { EOL } from 'node:os';
import { escapeData, escapeProperty } from './safe-output.js';

/** The value of an input as @actions/core's getInput reads it: `INPUT_<NAME>` (spaces as `_`), trimmed, '' if unset. */
export function getInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** Writes `::command key=value,...::message`; properties without a value are left out, as @actions/core does. */
export function issueCommand(
  command: string,
  properties: Readonly<Record<string, string | number | undefined>>,
  message: string,
): void {
  const pairs = Object.entries(properties)
    .filter(([, value]) => value !== undefined && value !== '' && value !== 0)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`);
  const head = pairs.length > 0 ? `${command} ${pairs.join(',')}` : command;
  process.stdout.write(`::${head}::${escapeData(message)}${EOL}`);
}

/** A plain log line. Text from outside belongs in printUntrusted instead. */
export function info(message: string): void {
  process.stdout.write(`${message}${EOL}`);
}

/** A line shown only when step debug logging is on. */
export function debug(message: string): void {
  issueCommand('debug', {}, message);
}

/** A warning annotation for this package's own messages; many findings go through AnnotationBudget. */
export function warning(message: string): void {
  issueCommand('warning', {}, message);
}

/** An error annotation for this package's own messages; many findings go through AnnotationBudget. */
export function error(message: string): void {
  issueCommand('error', {}, message);
}

/** Masks a value in every later log line. */
export function setSecret(secret: string): void {
  issueCommand('add-mask', {}, secret);
}

/** Sets a step output (declare it in action.yml). */
export function setOutput(name: string, value: string): void {
  if (process.env['GITHUB_OUTPUT']) {
    appendFileCommand('OUTPUT', name, value);
    return;
  }
  // No output file outside a modern runner: @actions/core falls back to the deprecated command, and so do we.
  process.stdout.write(EOL);
  issueCommand('set-output', { name }, value);
}

/** Saves a value for this action's post step. */
export function saveState(name: string, value: string): void {
  if (process.env['GITHUB_STATE']) {
    appendFileCommand('STATE', name, value);
    return;
  }
  issueCommand('save-state', { name }, value);
}

/** A value saved by this action's main step, read in its post step ('' if none). */
export function getState(name: string): string {
  return process.env[`STATE_${name}`] ?? '';
}

/** Whether the workflow runs with step debug logging on. */
export function isDebug(): boolean {
  return process.env['RUNNER_DEBUG'] === '1';
}

function appendFileCommand(kind: 'OUTPUT' | 'STATE', name: string, value: string): void {
  const file = process.env[`GITHUB_${kind}`] ?? '';
  if (!existsSync(file)) throw new Error(`GITHUB_${kind} names a file that does not exist: ${file}`);
  // A heredoc with a random delimiter, so a value containing newlines cannot start another key.
  const delimiter = `ghadelimiter_${randomUUID()}`;
  if (name.includes(delimiter) || value.includes(delimiter)) {
    throw new Error(`${name}: the value contains the file command delimiter; refusing to write it`);
  }
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, { encoding: 'utf8' });
}
