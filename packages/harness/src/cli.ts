// `pnpm action <name>`: runs a bundled action through the harness and reports what the runner would show.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findActionDir } from './action-folders.js';
import { BundleMissingError, readActionManifest } from './action-manifest.js';
import { type CliArguments, USAGE, UsageError, eventNameFor, parseCliArguments } from './cli-arguments.js';
import { exitCodeFor, formatRunReport, jobSummary } from './cli-report.js';
import { node24Path } from './node24.js';
import { runBundledAction } from './run-bundled-action.js';

/** The exit code when the action could not be run at all, distinct from an action's usual 0 and 1. */
const CANNOT_RUN = 2;

// packages/harness/src/<this file> → the repository root is three levels up.
const root = fileURLToPath(new URL('../../../', import.meta.url));
// pnpm runs root scripts from the root; INIT_CWD is where the user typed the command.
const invokedFrom = process.env.INIT_CWD ?? process.cwd();

function nodeFor(requested: CliArguments['node'], using: 'node20' | 'node24'): string {
  const major = requested ?? using.replace('node', '');
  if (major === '24') return node24Path();
  const running = process.versions.node.split('.')[0];
  if (running !== '20') {
    throw new Error(`--node 20 runs the action with the node running this command, which is ${process.version}`);
  }
  return process.execPath;
}

async function readEvent(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path.resolve(invokedFrom, file), 'utf8');
  } catch (error) {
    throw new Error(`--event ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`--event ${file}: not valid JSON: ${(error as Error).message}`);
  }
}

async function run(args: CliArguments): Promise<number> {
  const actionDir = findActionDir(root, args.name);
  const manifest = await readActionManifest(actionDir);
  const event = args.eventFile
    ? { name: eventNameFor(args.eventFile, args.eventName), payload: await readEvent(args.eventFile) }
    : undefined;
  const result = await runBundledAction({
    actionDir,
    inputs: args.inputs,
    event,
    workspace: invokedFrom,
    nodePath: nodeFor(args.node, manifest.runs.using),
    post: args.post,
    timeoutMs: args.timeoutSeconds === undefined ? undefined : args.timeoutSeconds * 1000,
  });
  console.log(formatRunReport(args.name, result));

  const summaryFile = path.resolve(
    invokedFrom,
    args.summaryFile ?? path.join(root, 'action-run', `${args.name}-summary.md`),
  );
  await mkdir(path.dirname(summaryFile), { recursive: true });
  const summary = jobSummary(result);
  await writeFile(summaryFile, summary);
  console.log(`\nSummary (${Buffer.byteLength(summary)} bytes) written to ${path.relative(invokedFrom, summaryFile)}`);
  const exitCode = exitCodeFor(result);
  console.log(`Exit code: ${exitCode}`);
  return exitCode;
}

try {
  const args = parseCliArguments(process.argv.slice(2));
  if (args === 'help') {
    console.log(USAGE);
  } else {
    process.exitCode = await run(args);
  }
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`pnpm action: ${error.message}\n\n${USAGE}`);
  } else if (error instanceof BundleMissingError) {
    console.error(
      `pnpm action: ${path.relative(invokedFrom, error.bundle)} is missing: run 'pnpm build' first, then try again.`,
    );
  } else {
    console.error(`pnpm action: ${(error as Error).message}`);
  }
  process.exitCode = CANNOT_RUN;
}
