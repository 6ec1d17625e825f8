// Finds every action of the repository (shipped actions and test-only fixtures) and reads its action.yml.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { CheckError } from './check-error.js';

/** Folders (relative to the repository root) whose sub-folders each hold one action. */
export const ACTION_PARENT_DIRS = ['actions', 'packages/harness/__fixtures__'] as const;

export interface InputSpec {
  name: string;
  description: string;
  required: boolean;
  /** undefined when action.yml declares no default. */
  default: string | undefined;
}

export interface OutputSpec {
  name: string;
  description: string;
}

export interface ActionManifest {
  /** The action's folder, relative to the repository root, with forward slashes. */
  dir: string;
  /** The metadata file, relative to the repository root (`<dir>/action.yml` or `<dir>/action.yaml`). */
  file: string;
  name: string;
  description: string;
  inputs: InputSpec[];
  outputs: OutputSpec[];
  /** `runs` as written: values are kept raw so checks can report exactly what they found. */
  runs: { using: unknown; main: unknown; pre: unknown; post: unknown };
}

export function repoRoot(): string {
  // tools/checks/src/<this file> → three levels up.
  return fileURLToPath(new URL('../../../', import.meta.url));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  return String(value);
}

/** Parses the text of an action.yml; `file` is only used in error messages. */
export function parseActionManifest(yamlText: string, file: string): ActionManifest {
  let doc: unknown;
  try {
    doc = parse(yamlText);
  } catch (error) {
    throw new CheckError(`${file}: not valid YAML: ${(error as Error).message.split('\n')[0]?.replace(/:$/, '')}`);
  }
  if (!isRecord(doc)) throw new CheckError(`${file}: expected a mapping at the top level, got ${typeof doc}`);
  const runs = isRecord(doc.runs) ? doc.runs : {};
  return {
    dir: path.posix.dirname(file),
    file,
    name: text(doc.name),
    description: text(doc.description),
    inputs: entries(doc.inputs, file, 'inputs').map(([name, spec]) => ({
      name,
      description: text(spec.description),
      required: spec.required === true || spec.required === 'true',
      default: spec.default === undefined || spec.default === null ? undefined : String(spec.default),
    })),
    outputs: entries(doc.outputs, file, 'outputs').map(([name, spec]) => ({
      name,
      description: text(spec.description),
    })),
    runs: { using: runs.using, main: runs.main, pre: runs.pre, post: runs.post },
  };
}

function entries(section: unknown, file: string, key: string): [string, Record<string, unknown>][] {
  if (section === undefined || section === null) return [];
  if (!isRecord(section)) throw new CheckError(`${file}: '${key}' must be a mapping of name → settings`);
  return Object.entries(section).map(([name, spec]) => [name, isRecord(spec) ? spec : {}]);
}

/** GitHub accepts either name; action.yml wins when both exist, as on the runner. */
const METADATA_NAMES = ['action.yml', 'action.yaml'] as const;

/**
 * The metadata file of every action (relative to the root, forward slashes, sorted), one per sub-folder of each
 * parent dir; a missing parent dir simply contributes nothing.
 */
export function findActionFiles(root: string): string[] {
  const found: string[] = [];
  for (const parent of ACTION_PARENT_DIRS) {
    const absolute = path.join(root, parent);
    if (!existsSync(absolute)) continue;
    for (const entry of readdirSync(absolute, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const metadata = METADATA_NAMES.find((name) => existsSync(path.join(absolute, entry.name, name)));
      if (metadata) found.push(`${parent}/${entry.name}/${metadata}`);
    }
  }
  return found.sort();
}

export function loadActionManifests(root: string): ActionManifest[] {
  return findActionFiles(root).map((file) => parseActionManifest(readFileSync(path.join(root, file), 'utf8'), file));
}
