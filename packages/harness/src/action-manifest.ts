// Reads an action's action.yml: what it declares (inputs, outputs, `runs` as written) for any reader in the
// repository, and the node action the harness can run from it.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { metadataFile } from './action-folders.js';

export interface ActionInput {
  name: string;
  description: string;
  required: boolean;
  /** undefined when action.yml gives no default. */
  default: string | undefined;
}

export interface ActionOutput {
  name: string;
  description: string;
}

/** What action.yml declares, checked only for its shape: what each reader needs of `runs` it checks itself. */
export interface ActionMetadata {
  /** The action's folder: the metadata file's folder. */
  dir: string;
  /** The metadata file, as a path for messages. */
  file: string;
  name: string;
  description: string;
  inputs: ActionInput[];
  outputs: ActionOutput[];
  /** `runs` as written, so a check can report exactly what it found. */
  runs: { using: unknown; main: unknown; pre: unknown; post: unknown; postIf: unknown };
}

/** A node action the harness can run. */
export interface ActionManifest extends Pick<ActionMetadata, 'file' | 'name' | 'inputs' | 'outputs'> {
  runs: { using: 'node20' | 'node24'; main: string; post: string | undefined; postIf: string | undefined };
}

/** action.yml is not YAML, or not shaped as action metadata; the message names the file. */
export class ActionManifestError extends Error {
  override name = 'ActionManifestError';
}

/** Node runtimes the harness can run; older ones no longer run on GitHub's runners. */
const NODE_RUNTIMES = ['node20', 'node24'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

function describeDocument(doc: unknown): string {
  if (doc === null || doc === undefined) return 'nothing';
  return Array.isArray(doc) ? 'a list' : typeof doc;
}

function section(doc: Record<string, unknown>, key: string, file: string): [string, Record<string, unknown>][] {
  const value = doc[key];
  if (value === undefined || value === null) return [];
  if (!isRecord(value)) throw new ActionManifestError(`${file}: '${key}' must be a mapping of name → settings`);
  return Object.entries(value).map(([name, spec]) => [name, isRecord(spec) ? spec : {}]);
}

/** Parses action.yml text; `file` names the file in errors and gives the action's folder. */
export function parseActionMetadata(yamlText: string, file: string): ActionMetadata {
  let doc: unknown;
  try {
    doc = parse(yamlText);
  } catch (error) {
    const firstLine = (error as Error).message.split('\n')[0]?.replace(/:$/, '');
    throw new ActionManifestError(`${file}: not valid YAML: ${firstLine}`);
  }
  if (!isRecord(doc)) {
    throw new ActionManifestError(`${file}: expected a mapping at the top level, got ${describeDocument(doc)}`);
  }
  const runs = isRecord(doc.runs) ? doc.runs : {};
  const metadata: ActionMetadata = {
    dir: path.dirname(file),
    file,
    name: text(doc.name),
    description: text(doc.description),
    inputs: section(doc, 'inputs', file).map(([name, spec]) => ({
      name,
      description: text(spec.description),
      required: spec.required === true || spec.required === 'true',
      default: spec.default === undefined || spec.default === null ? undefined : String(spec.default),
    })),
    outputs: section(doc, 'outputs', file).map(([name, spec]) => ({ name, description: text(spec.description) })),
    runs: { using: runs.using, main: runs.main, pre: runs.pre, post: runs.post, postIf: runs['post-if'] },
  };
  refuseExpressionsInDescriptions(metadata);
  return metadata;
}

/**
 * The runner (and act) refuse to load an action.yml with a `${{ }}` expression in a description, where no
 * expression is evaluated: the action then fails in every workflow that uses it. Said here, it fails every check
 * that reads action.yml instead.
 */
function refuseExpressionsInDescriptions(metadata: ActionMetadata): void {
  const described = [
    ['the action', metadata.description],
    ...metadata.inputs.map((input) => [`input '${input.name}'`, input.description]),
    ...metadata.outputs.map((output) => [`output '${output.name}'`, output.description]),
  ];
  for (const [what, description] of described) {
    if (description?.includes('${{')) {
      throw new ActionManifestError(
        `${metadata.file}: the description of ${what} contains '\${{', which the runner refuses to load in ` +
          'action.yml; name the expression without it (e.g. github.token)',
      );
    }
  }
}

/** Parses action.yml text as a node action the harness can run; `file` names the file in errors. */
export function parseActionManifest(yamlText: string, file: string): ActionManifest {
  const { name, inputs, outputs, runs } = parseActionMetadata(yamlText, file);
  const using = runs.using;
  if (!NODE_RUNTIMES.includes(using as (typeof NODE_RUNTIMES)[number])) {
    throw new ActionManifestError(
      `${file}: runs.using is ${JSON.stringify(using)}; the harness runs node actions: ${NODE_RUNTIMES.join(' or ')}`,
    );
  }
  if (runs.pre !== undefined) {
    throw new ActionManifestError(
      `${file}: runs.pre is set; the harness does not run pre steps (no action here needs one)`,
    );
  }
  const main = entryPoint(runs.main, 'main', file);
  if (main === undefined) {
    throw new ActionManifestError(`${file}: runs.main is missing; expected a path such as 'dist/index.js'`);
  }
  return {
    file,
    name,
    inputs,
    outputs,
    runs: {
      using: using as ActionManifest['runs']['using'],
      main,
      post: entryPoint(runs.post, 'post', file),
      postIf: runs.postIf === undefined ? undefined : text(runs.postIf),
    },
  };
}

function entryPoint(value: unknown, key: string, file: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ActionManifestError(
      `${file}: runs.${key} is ${JSON.stringify(value)}; expected a path such as 'dist/index.js'`,
    );
  }
  return value;
}

/** Reads `<actionDir>/action.yml` (or action.yaml) and checks that the entry files it names exist. */
export async function readActionManifest(actionDir: string): Promise<ActionManifest> {
  const metadata = metadataFile(actionDir);
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
