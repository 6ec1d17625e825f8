// The health-check post step, run only when the job is cancelled (post-if: cancelled()): post() reads what main left
// and hands it to runPost(), which rolls back when main was stopped before it could (killed before its own rollback
// on SIGINT, or mid-way through a blue-green one), within the runner's 7.5 s, and never runs a rollback twice.
import { restoreInputs, SummaryBuilder, UserError } from '@actions-kit/core';
import { readHandover, type Handover } from './handover.js';
import type { RollbackSettings } from './inputs.js';
import { logRollback, prepareRollback, runRollback } from './rollback.js';
import { runnerDeps, type StepDeps } from './step-deps.js';

export async function post(): Promise<void> {
  await runPost(readHandover(), restoreInputs<RollbackSettings>(), runnerDeps);
}

/** `settings` are the ones main saved: a post step may not see the inputs again. */
export async function runPost(
  handover: Handover,
  settings: RollbackSettings | undefined,
  deps: StepDeps,
): Promise<void> {
  const say = (line: string): void => deps.logger.info(`health-check post: ${line}`);
  if (settings === undefined) return say('main did not get as far as reading its inputs; nothing to roll back');
  const { plan, onCancel } = settings;
  if (plan.kind === 'none' || !onCancel) {
    return say(plan.kind === 'none' ? 'rollback is none; nothing to do' : 'rollback-on-cancel is false; nothing to do');
  }
  if (handover.phase === 'decided') return say('the check had decided before the cancellation; nothing to undo');
  if (handover.phase === 'rollback-done') return say('the main step already rolled back; not running it twice');
  if (handover.phase === 'rollback-started' && plan.kind === 'command') {
    deps.logger.warning(
      'health-check post: the main step was stopped while rollback-command ran; it is not run a second time: check ' +
        'by hand that the previous version is back',
    );
    return;
  }
  // Not started, or a blue-green switch back that was cut short: applying it (again) is safe, as the switch
  // changes nothing when the color is already live.
  const rollback = await prepareRollback(plan, deps, handover.target);
  if (rollback.kind === 'none') return;
  say(`the job was cancelled during the check; rolling back (${rollback.kind})`);
  const done = await runRollback(rollback, 'cancelled', deps, true);
  logRollback(done, 'health-check post', deps);
  const summary = new SummaryBuilder()
    .heading(`Health check: cancelled, ${done.succeeded ? 'rolled back' : 'rollback failed'}`)
    .paragraph(`${done.what}.`);
  if (done.output) summary.details('Output', done.output);
  await deps.runner.writeSummary(summary);
  if (!done.succeeded) throw new UserError(`cancelled, and the rollback failed: ${done.what}`);
}
