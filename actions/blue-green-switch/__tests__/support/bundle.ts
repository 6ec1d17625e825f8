// Runs this action's bundle through the harness as GitHub's runner would, on each Node the tests cover. Needs
// `pnpm build` first; the Node 24 binary is resolved inside each test, so a missing one fails them.
import { fileURLToPath } from 'node:url';
import { node24Path, runBundledAction, type RunOptions, type RunResult, type StepResult } from '@actions-kit/harness';
import { renderedText } from './rendered.js';

export const actionDir = fileURLToPath(new URL('../..', import.meta.url));

/** Node 20 (this machine's) and the pinned Node 24 that action.yml's runs.using names. */
export const NODES: Array<[label: string, nodePath: () => string]> = [
  ['Node 20', () => process.execPath],
  ['Node 24', node24Path],
];

export function runAction(
  nodePath: () => string,
  options: Omit<RunOptions, 'actionDir' | 'nodePath'>,
): Promise<RunResult> {
  return runBundledAction({ actionDir, nodePath: nodePath(), ...options });
}

export const errors = (step: StepResult): string[] =>
  step.annotations.filter((annotation) => annotation.level === 'error').map((annotation) => annotation.message);

/** The summary's text as a reader sees it rendered: Markdown backslash escapes and HTML entities undone. */
export const rendered = (step: StepResult): string => renderedText(step.summary);
