// Runs an action's bundle through the harness as GitHub's runner would, on each Node the integration tests cover, and
// reads back its errors and its summary as a reader sees it. Needs `pnpm build` first; the Node 24 binary is
// resolved inside each test, so a missing one fails them. Imported as '@actions-kit/testkit/bundles'.
import { fileURLToPath } from 'node:url';
import { node24Path, runBundledAction, type RunOptions, type RunResult, type StepResult } from '@actions-kit/harness';
import { renderedText } from './rendered-text.js';

/** Node 20 (this machine's) and the pinned Node 24 that action.yml's runs.using names. */
export const NODES: Array<[label: string, nodePath: () => string]> = [
  ['Node 20', () => process.execPath],
  ['Node 24', node24Path],
];

export interface BundledAction {
  actionDir: string;
  run(nodePath: () => string, options: Omit<RunOptions, 'actionDir' | 'nodePath'>): Promise<RunResult>;
}

/** The action whose folder is `actionDir` (a file URL, e.g. new URL('../..', import.meta.url) from __tests__/support). */
export function bundledAction(actionDir: URL): BundledAction {
  const dir = fileURLToPath(actionDir);
  return {
    actionDir: dir,
    run: (nodePath, options) => runBundledAction({ actionDir: dir, nodePath: nodePath(), ...options }),
  };
}

/** The messages of the step's error annotations. */
export const errors = (step: StepResult): string[] =>
  step.annotations.filter((annotation) => annotation.level === 'error').map((annotation) => annotation.message);

/** The summary's text as a reader sees it rendered: Markdown backslash escapes and HTML entities undone. */
export const rendered = (step: StepResult): string => renderedText(step.summary);
