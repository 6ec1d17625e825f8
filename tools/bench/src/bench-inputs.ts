// Reads the inputs an action is benchmarked with from the bench.json beside its action.yml.
//
// Format: { "<benchmark name>": { "inputs": { "<input name>": "<value>" } } }. An action whose required inputs all
// have defaults needs no bench.json; inputs left out get their action.yml default, as on the runner. An action whose
// least work needs more than inputs (a Docker engine, a server) says why it is left out instead:
// { "<benchmark name>": { "not-measured": "<why, and where it is measured instead>" } }, and the benchmark prints that.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ActionInput } from '@actions-kit/harness';

export const BENCH_FILE = 'bench.json';

/** A problem the action's maintainer fixes in bench.json; the message names the file, the value and the fix. */
export class BenchInputError extends Error {}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What bench.json says of one benchmark: the inputs to run the action with, or why it is left out. */
export type BenchSetting = { inputs: Record<string, string> } | { notMeasured: string };

/** bench.json's setting for `benchmark` (no inputs when it says nothing about it). `file` names it in errors. */
export function parseBenchSetting(text: string, file: string, benchmark: string): BenchSetting {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new BenchInputError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  if (!isRecord(doc)) throw new BenchInputError(`${file}: expected an object keyed by benchmark name`);
  const section = doc[benchmark];
  if (section === undefined) return { inputs: {} };
  if (isRecord(section) && 'not-measured' in section) {
    const why = section['not-measured'];
    if (typeof why !== 'string' || why.trim() === '' || 'inputs' in section) {
      throw new BenchInputError(
        `${file}: "${benchmark}"."not-measured" must be the reason as a non-empty string, without "inputs"`,
      );
    }
    return { notMeasured: why.trim() };
  }
  const inputs = isRecord(section) ? section.inputs : undefined;
  if (!isRecord(inputs)) {
    throw new BenchInputError(`${file}: "${benchmark}" must be { "inputs": { "<name>": "<value>" } }`);
  }
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(inputs)) {
    if (typeof value !== 'string') {
      throw new BenchInputError(
        `${file}: "${benchmark}".inputs.${name} is ${JSON.stringify(value)}; inputs are strings, as in a workflow`,
      );
    }
    result[name] = value;
  }
  return { inputs: result };
}

/** Throws when a required input has neither a bench value nor a default: the run would measure a failure. */
export function checkRequiredInputs(
  declared: readonly ActionInput[],
  given: Record<string, string>,
  benchFile: string,
  benchmark: string,
): void {
  const missing = declared.filter((input) => input.required && input.default === undefined && !(input.name in given));
  if (missing.length === 0) return;
  const example = Object.fromEntries(missing.map((input) => [input.name, '…']));
  throw new BenchInputError(
    `${benchFile}: required input(s) ${missing.map((input) => `'${input.name}'`).join(', ')} have no default and no ` +
      `bench value; add ${JSON.stringify({ [benchmark]: { inputs: example } })}`,
  );
}

/**
 * Reads and checks the inputs for `benchmark` of the action in `actionDir` (relative to `root`), or the reason
 * bench.json gives for leaving it out.
 */
export function readBenchInputs(
  root: string,
  actionDir: string,
  declared: readonly ActionInput[],
  benchmark: string,
): BenchSetting {
  const file = `${actionDir}/${BENCH_FILE}`;
  const absolute = path.join(root, file);
  const setting = existsSync(absolute)
    ? parseBenchSetting(readFileSync(absolute, 'utf8'), file, benchmark)
    : { inputs: {} };
  if ('inputs' in setting) checkRequiredInputs(declared, setting.inputs, file, benchmark);
  return setting;
}
