// The blue-green-switch post step, run only when the job is cancelled (post-if: cancelled()): post() reads what main
// left and hands it to runPost(), which puts back the state that was live before a switch the cancellation
// interrupted, and touches nothing when main changed nothing.
import { SummaryBuilder, UserError, restoreInputs } from '@actions-kit/core';
import { restoreTraffic, summariseVerification, verifyLive, type RestoreReport } from '@actions-kit/traffic';
import { readHandover, type Handover } from './handover.js';
import type { Inputs } from './inputs.js';
import { runnerDeps, type StepDeps } from './step-deps.js';
import { reportTrafficFailure } from './traffic-failure.js';

export async function post(): Promise<void> {
  await runPost(readHandover(), restoreInputs<Inputs>(), runnerDeps);
}

/** `inputs` are the ones main saved: a post step may not see the inputs again. */
export async function runPost(handover: Handover, inputs: Inputs | undefined, deps: StepDeps): Promise<void> {
  const { previous, finished } = handover;
  const { runner, logger } = deps;
  if (!previous) {
    logger.info('blue-green-switch post: the main step changed no traffic; nothing to put back');
    return;
  }
  if (finished) {
    logger.info('blue-green-switch post: the switch ran to its end before the cancellation; traffic stays as it ended');
    return;
  }
  if (!inputs) throw new Error('post step: main saved the previous state but not its inputs');
  const provider = deps.createProvider(inputs);
  let restored: RestoreReport;
  try {
    restored = await restoreTraffic({
      provider,
      state: previous,
      lockWaitMs: inputs.lockTimeoutMs,
      logger,
      clock: deps.clock,
      // Main was stopped part-way (a switch-command killed, a reload that may or may not have reached nginx): what
      // the provider reads back may not be all that changed, so the whole previous state is applied again.
      reapply: true,
    });
  } catch (error) {
    throw await reportTrafficFailure(error, provider.describe(), deps);
  }
  const what = restored.changed
    ? `put back ${previous.live} (${previous.evidence}); ${restored.before} was live, ${restored.active} is now`
    : `${previous.live} was still live (${previous.evidence}); applied it again, in case the stopped switch had ` +
      'changed more than the provider reads back';
  logger.info(`blue-green-switch post: cancelled mid-switch; ${what}`);
  const summary = new SummaryBuilder()
    .heading(`❌ Blue-green switch: cancelled mid-switch, ${previous.live} put back`)
    .paragraph(`${provider.describe()}: ${what}.`);
  if (restored.changes.length > 0) {
    summary.heading('Changes, in order', 3).list(restored.changes.map((change) => `✅ done: ${change.step}`));
  }

  const live = previous.live;
  if (inputs.verify && (live === 'blue' || live === 'green')) {
    const proof = await verifyLive(live, deps.colorProbe(inputs.verify), inputs.verify, deps.clock);
    const evidence = `verification of ${live}: ${summariseVerification(proof)}`;
    logger.info(`blue-green-switch post: ${evidence}`);
    await runner.writeSummary(summary.paragraph(evidence));
    if (!proof.passed) throw new UserError(`put back ${live}, but it did not prove live: ${evidence}`);
    return;
  }
  await runner.writeSummary(summary);
}
