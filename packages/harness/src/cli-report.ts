// Turns a harness run into the text `pnpm action` prints, and the exit code it exits with.
import type { RunResult, StepResult } from './run-bundled-action.js';

/** How many log lines to print per step before saying how many were left out. */
const LOG_LINES_SHOWN = 200;

function describeEnd(step: StepResult): string {
  if (step.timedOut) return `timed out after ${step.durationMs} ms and was killed`;
  if (step.signal) return `ended by ${step.signal}`;
  return `exit code ${step.exitCode}`;
}

function properties(values: Record<string, string>): string {
  const entries = Object.entries(values);
  return entries.length === 0 ? '' : ` (${entries.map(([key, value]) => `${key}=${value}`).join(', ')})`;
}

function stepReport(label: string, step: StepResult): string[] {
  const lines = [`${label}: ${step.outcome}, ${describeEnd(step)}, ${step.durationMs} ms`];
  const section = (title: string, body: string[]): void => {
    if (body.length > 0) lines.push(`  ${title}:`, ...body.map((line) => `    ${line}`));
  };

  const log = step.log.slice(0, LOG_LINES_SHOWN);
  if (step.log.length > LOG_LINES_SHOWN) log.push(`… ${step.log.length - LOG_LINES_SHOWN} more lines`);
  section('Log', log);
  // JSON quoting shows trailing spaces and newlines in a value for what they are.
  section(
    'Outputs',
    Object.entries(step.outputs).map(([name, value]) => `${name} = ${JSON.stringify(value)}`),
  );
  section(
    'Annotations',
    step.annotations.map((a) => `${a.level.padEnd(7)} ${a.message}${properties(a.properties)}`),
  );
  for (const level of ['error', 'warning', 'notice'] as const) {
    const count = step.annotations.filter((a) => a.level === level).length;
    if (count > 10) lines.push(`  Note: GitHub shows only the first 10 ${level} annotations of a step; ${count} here.`);
  }
  // The values are secrets: say how many, not what.
  lines.push(
    step.masks.length === 0
      ? '  Masks: none'
      : `  Masks: ${step.masks.length} value(s) registered (lengths ${step.masks.map((m) => m.length).join(', ')})`,
  );
  section('Debug', step.debug);
  section(
    'Signals sent',
    step.signalsSent.map((s) => `${s.signal} at ${s.atMs} ms`),
  );
  return lines;
}

export function formatRunReport(name: string, result: RunResult): string {
  const lines = stepReport(`${name} main`, result);
  if (result.post) lines.push('', ...stepReport(`${name} post`, result.post));
  return lines.join('\n');
}

/** The job summary page shows each step's summary in turn. */
export function jobSummary(result: RunResult): string {
  return [result.summary, result.post?.summary ?? ''].filter((summary) => summary !== '').join('\n');
}

function stepExitCode(step: StepResult): number {
  if (step.exitCode !== null) return step.exitCode;
  return 1; // ended by a signal or the timeout: a failure, with no exit code of its own
}

/** Main's exit code, or post's when main succeeded: a failing post step fails the job too. */
export function exitCodeFor(result: RunResult): number {
  const main = stepExitCode(result);
  if (main !== 0 || !result.post) return main;
  return stepExitCode(result.post);
}
