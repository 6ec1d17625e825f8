// A run that freezes mid-switch, for the tests that SIGKILL a run or race one: started as a child process with
// `node --import tsx`, it switches and, at the first progress line matching the pattern, prints FROZEN and blocks
// (synchronously, so nothing else of the switch runs) until killed.
import { writeSync } from 'node:fs';
import type { Target } from '../../src/color.js';
import { createProvider, type ProviderSetup } from '../../src/providers.js';
import { switchTraffic } from '../../src/switch.js';

interface FreezeArguments {
  setup: ProviderSetup;
  target: Target;
  freezeAt: string;
}

const args = JSON.parse(process.argv[2] ?? '{}') as FreezeArguments;
const freezeAt = new RegExp(args.freezeAt);
const freeze = (message: string): void => {
  if (!freezeAt.test(message)) return;
  writeSync(1, 'FROZEN\n');
  // Nothing else of the switch runs while this thread waits.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120_000);
};

await switchTraffic({
  provider: createProvider(args.setup),
  target: args.target,
  logger: { info: freeze, warning: freeze },
});
