// The blue-green-switch main step: main() reads the inputs and hands them to run(), which switches traffic with the
// traffic package, then sets the outputs, writes the summary, and fails the step when the new color did not prove
// live (traffic is back on the old one by then).
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UserError, saveInputs } from '@actions-kit/core';
import { switchTraffic, type LiveState, type SwitchReport } from '@actions-kit/traffic';
import { watchCancellation, type CancellationWatch } from './cancellation.js';
import { markSwitchFinished, savePreviousState } from './handover.js';
import { getInputs, type Inputs } from './inputs.js';
import { runnerDeps, type StepDeps } from './step-deps.js';
import { headline, isVerified, notVerifiedNote, switchSummary } from './switch-summary.js';
import { reportTrafficFailure, type SwitchStart } from './traffic-failure.js';

export interface MainDeps extends StepDeps {
  /** Where the report file goes: the runner's temp folder. */
  reportFolder: string;
  /** What the post step is left: the state read before the first change, and whether the switch ran to its end. */
  handover: { savePrevious(previous: LiveState): void; markFinished(): void };
  /** Starts watching for the job's cancellation; run() stops the watch once the switch returns. */
  watchCancellation(): CancellationWatch;
}

export async function main(): Promise<void> {
  const inputs = getInputs();
  saveInputs(inputs);
  await run(inputs, {
    ...runnerDeps,
    reportFolder: process.env['RUNNER_TEMP'] || os.tmpdir(),
    handover: { savePrevious: savePreviousState, markFinished: markSwitchFinished },
    watchCancellation,
  });
}

export async function run(inputs: Inputs, deps: MainDeps): Promise<void> {
  const { runner, logger } = deps;
  const provider = deps.createProvider(inputs);
  const { verify } = inputs;
  const cancellation = deps.watchCancellation();
  let started: SwitchStart | undefined;
  let report: SwitchReport;
  try {
    report = await switchTraffic({
      provider,
      target: inputs.target,
      dryRun: inputs.dryRun,
      lockWaitMs: inputs.lockTimeoutMs,
      verify: verify && { ...verify, probe: deps.colorProbe(verify) },
      logger,
      clock: deps.clock,
      signal: cancellation.signal,
      beforeChange: (previous, target) => {
        deps.handover.savePrevious(previous);
        started = { previous, target };
      },
    });
  } catch (error) {
    throw await reportTrafficFailure(error, provider.describe(), deps, started);
  } finally {
    cancellation.stop();
    // The post step undoes only a switch a cancellation interrupted; one that ran to its end stays as it ended.
    if (!cancellation.received) deps.handover.markFinished();
  }

  runner.setOutput('previous', report.previous);
  runner.setOutput('active', report.active);
  runner.setOutput('changed', String(report.changed));
  runner.setOutput('outcome', report.outcome);
  runner.setOutput('target', report.target);
  runner.setOutput('verified', String(isVerified(report)));
  runner.setOutput('report', await writeReportFile(report, deps.reportFolder));
  await runner.writeSummary(switchSummary(report));

  if (cancellation.received && report.changed) {
    throw new UserError(
      `cancelled (${cancellation.received}) during the switch to ${report.target}; the post step puts ` +
        `${report.previous} back`,
    );
  }
  if (report.outcome === 'rolled-back') {
    throw new UserError(`${report.problem}; switched back, ${report.active} is live (${report.provider})`);
  }
  logger.info(`blue-green-switch: ${headline(report)} (${report.provider})`);
  // A switch nobody proved is not a plain success: an annotation, so it is seen without opening the log.
  if (report.outcome === 'switched' && !report.verification) logger.warning(notVerifiedNote(report));
}

/** The whole report as JSON in `folder`, for later steps; the `report` output names it. */
async function writeReportFile(report: SwitchReport, folder: string): Promise<string> {
  const file = path.join(folder, `blue-green-switch-${randomUUID()}.json`);
  // The snapshot is the provider's own record for a restore (a whole nginx include): only its evidence is kept.
  const { previousState, ...rest } = report;
  await writeFile(file, `${JSON.stringify({ ...rest, previousEvidence: previousState.evidence }, null, 2)}\n`);
  return file;
}
