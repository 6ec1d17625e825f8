// Runs this action's bundle through the harness as GitHub's runner would, on each Node the tests cover (testkit's
// bundle runner). Needs `pnpm build` first.
import { bundledAction } from '@actions-kit/testkit/bundles';

export { errors, NODES, rendered } from '@actions-kit/testkit/bundles';

export const runAction = bundledAction(new URL('../..', import.meta.url)).run;
