// `pnpm demo`: runs the sample service's pipeline on this machine and prints where its page is. Exit 0 when the
// flow behaved as designed (the good release live, the bad one rolled back, no user request failed), 1 when it did
// not, 2 when it could not run. Ctrl-C cancels the running step as the runner would and stops everything started.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { humanDuration } from '@actions-kit/core';
import { actionNode } from './action-steps.js';
import { buildMissingBundles } from './bundles.js';
import { CancelledError, runDemo } from './demo.js';
import { USAGE, UsageError, parseDemoArguments } from './demo-arguments.js';
import { Progress } from './progress.js';

// tools/demo/src/<this file> → the repository root is three levels up.
const root = fileURLToPath(new URL('../../../', import.meta.url));
// pnpm runs root scripts from the root; INIT_CWD is where the user typed the command.
const invokedFrom = process.env['INIT_CWD'] ?? process.cwd();

const controller = new AbortController();
let interrupts = 0;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(130);
    console.log(`\n${signal}: cancelling the running step and stopping what the demo started (again to quit now)…`);
    controller.abort();
  });
}

async function main(): Promise<number> {
  const args = parseDemoArguments(process.argv.slice(2));
  if (args === 'help') {
    console.log(USAGE);
    return 0;
  }
  const started = performance.now();
  const progress = new Progress();
  console.log('actions-kit demo: the sample service tested, gated, scanned and deployed blue-green, on this machine\n');
  await buildMissingBundles(root, progress);
  const result = await runDemo(
    {
      root,
      out: path.resolve(invokedFrom, args.out ?? path.join(root, 'demo-run')),
      proxy: args.proxy,
      scanners: args.scanners,
      node: actionNode(),
      cancel: controller.signal,
    },
    progress,
  );
  console.log(`\n${result.verdict.text}`);
  console.log(`Done in ${humanDuration(performance.now() - started)}.`);
  const page = path.relative(invokedFrom, result.page);
  console.log(
    `The job summaries of every step, rendered as GitHub shows them: ${page.startsWith('..') ? result.page : page}`,
  );
  return result.verdict.asDesigned ? 0 : 1;
}

try {
  process.exitCode = await main();
} catch (error) {
  if (error instanceof UsageError) console.error(`pnpm demo: ${error.message}\n\n${USAGE}`);
  else if (error instanceof CancelledError || controller.signal.aborted) console.error('pnpm demo: cancelled.');
  else console.error(`pnpm demo: ${(error as Error).message}`);
  process.exitCode = controller.signal.aborted ? 130 : 2;
}
