// Runs the repository's bundled actions as steps of the demo's jobs, the way GitHub's runner runs them (through the
// harness: fresh environment, INPUT_* variables, file commands, post step), and keeps what a job page would show of
// each: its outcome, outputs and job summary.
import path from 'node:path';
import { type StepResult, node24Path, runBundledAction } from '@actions-kit/harness';

export interface StepRecord {
  /** The job the step belongs to, as the HTML page groups them, e.g. "deploy 1.1.0 (good)". */
  job: string;
  /** The step's name, as in a workflow's `name:`. */
  name: string;
  /** The action's folder name, e.g. health-check; undefined for a `run:` step of the demo's own. */
  action?: string;
  outcome: 'success' | 'failure' | 'cancelled';
  durationMs: number;
  outputs: Record<string, string>;
  /** The job summary the step wrote (main then post), as GitHub shows it. */
  summary: string;
  /** A `run:` step's output, which the job page shows in place of a summary. */
  log?: string;
}

export interface ActionNode {
  path: string;
  /** How the recap names it, e.g. "Node 24.21.0 (tools/node24), as the actions' `using: node24`". */
  description: string;
}

/** The Node 24 the actions declare (`using: node24`), else the running Node, said so. */
export function actionNode(): ActionNode {
  try {
    return { path: node24Path(), description: 'Node 24 from tools/node24, as `runs.using: node24` asks' };
  } catch (error) {
    return {
      path: process.execPath,
      description: `Node ${process.versions.node} (the one running the demo: ${(error as Error).message})`,
    };
  }
}

export class ActionSteps {
  readonly records: StepRecord[] = [];

  constructor(
    private readonly options: {
      root: string;
      workspace: string;
      node: ActionNode;
      /** Aborted on Ctrl-C: the running step gets the runner's cancellation (its post step then cleans up). */
      cancel: AbortSignal;
      /** Told when a step starts, for the progress line. */
      onStart?: (step: string) => void;
    },
  ) {}

  /** Runs actions/<action> with `inputs` as step `name` of `job`; the record is kept for the page. */
  async run(job: string, name: string, action: string, inputs: Record<string, string>): Promise<StepRecord> {
    this.options.onStart?.(`${action}: ${name}`);
    const result = await runBundledAction({
      actionDir: path.join(this.options.root, 'actions', action),
      inputs,
      workspace: this.options.workspace,
      nodePath: this.options.node.path,
      cancelSignal: this.options.cancel,
      timeoutMs: 120_000,
    });
    const steps: StepResult[] = result.post ? [result, result.post] : [result];
    const record: StepRecord = {
      job,
      name,
      action,
      outcome: result.outcome,
      durationMs: steps.reduce((total, step) => total + step.durationMs, 0),
      outputs: result.outputs,
      summary: steps.map((step) => step.summary).join(''),
    };
    this.records.push(record);
    return record;
  }

  /** Says a `run:` step of the demo's own is starting, for the progress line. */
  starting(name: string): void {
    this.options.onStart?.(name);
  }

  /** Keeps a step the demo ran itself (a `run:` step: the tests, a scanner, the deploy command). */
  add(record: StepRecord): StepRecord {
    this.records.push(record);
    return record;
  }
}
