// Reads the parts of an action's action.yml the runner needs to run a node action: inputs, outputs and `runs`.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';

export interface ActionInput {
  name: string;
  description: string;
  required: boolean;
  /** undefined when action.yml gives no default. */
  default: string | undefined;
}

export interface ActionManifest {
  /** The metadata file, as a path for messages. */
  file: string;
  name: string;
  inputs: ActionInput[];
  outputs: { name: string; description: string }[];
  runs: { using: 'node20' | 'node24'; main: string; post: string | undefined; postIf: string | undefined };
}

/** Node runtimes the harness can run; older ones no longer run on GitHub's runners. */
const NODE_RUNTIMES = ['node20', 'node24'] as const;

/** The runner looks for action.yml first, then action.yaml. */
const METADATA_FILES = ['action.yml', 'action.yaml'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

function section(doc: Record<string, unknown>, key: string, file: string): [string, Record<string, unknown>][] {
  const value = doc[key];
  if (value === undefined || value === null) return [];
  if (!isRecord(value)) throw new Error(`${file}: '${key}' must be a mapping of name → settings`);
  return Object.entries(value).map(([name, spec]) => [name, isRecord(spec) ? spec : {}]);
}

function entryPoint(runs: Record<string, unknown>, key: string, file: string): string | undefined {
  const value = runs[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new Error(`${file}: runs.${key} is ${JSON.stringify(value)}; expected a path such as 'dist/index.js'`);
  }
  return value;
}

/** Parses action.yml text; `file` only names the file in errors. */
export function parseActionManifest(yamlText: string, file: string): ActionManifest {
  let doc: unknown;
  try {
    doc = parse(yamlText);
  } catch (error) {
    throw new Error(`${file}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!isRecord(doc)) throw new Error(`${file}: expected a mapping at the top level`);
  const runs = isRecord(doc.runs) ? doc.runs : {};
  const using = runs.using;
  if (!NODE_RUNTIMES.includes(using as (typeof NODE_RUNTIMES)[number])) {
    throw new Error(
      `${file}: runs.using is ${JSON.stringify(using)}; the harness runs node actions: ${NODE_RUNTIMES.join(' or ')}`,
    );
  }
  if (runs.pre !== undefined) {
    throw new Error(`${file}: runs.pre is set; the harness does not run pre steps (no action here needs one)`);
  }
  const main = entryPoint(runs, 'main', file);
  if (main === undefined) throw new Error(`${file}: runs.main is missing; expected a path such as 'dist/index.js'`);
  return {
    file,
    name: text(doc.name),
    inputs: section(doc, 'inputs', file).map(([name, spec]) => ({
      name,
      description: text(spec.description),
      required: spec.required === true || spec.required === 'true',
      default: spec.default === undefined || spec.default === null ? undefined : String(spec.default),
    })),
    outputs: section(doc, 'outputs', file).map(([name, spec]) => ({ name, description: text(spec.description) })),
    runs: {
      using: using as ActionManifest['runs']['using'],
      main,
      post: entryPoint(runs, 'post', file),
      postIf: runs['post-if'] === undefined ? undefined : text(runs['post-if']),
    },
  };
}

/** Reads `<actionDir>/action.yml` (or action.yaml) and checks that the entry files it names exist. */
export async function readActionManifest(actionDir: string): Promise<ActionManifest> {
  const metadata = METADATA_FILES.map((name) => path.join(actionDir, name)).find((file) => existsSync(file));
  if (!metadata) throw new Error(`${actionDir}: no action.yml (or action.yaml) in this folder`);
  const manifest = parseActionManifest(await readFile(metadata, 'utf8'), metadata);
  for (const entry of [manifest.runs.main, manifest.runs.post]) {
    if (entry !== undefined && !existsSync(path.join(actionDir, entry))) {
      throw new BundleMissingError(path.join(actionDir, entry), metadata);
    }
  }
  return manifest;
}

/** The bundle action.yml points at has not been built; the fix is a build, so callers can say so. */
export class BundleMissingError extends Error {
  constructor(
    readonly bundle: string,
    metadata: string,
  ) {
    super(`${bundle} does not exist (named by ${metadata}): build the action first with 'pnpm build'`);
    this.name = 'BundleMissingError';
  }
}
