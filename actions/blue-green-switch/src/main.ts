// The blue-green-switch main step: switches traffic with the traffic package, then sets the outputs, writes the
// summary, and fails the step when the new color did not prove live (traffic is back on the old one by then).
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UserError, info, saveInputs, setOutput } from '@actions-kit/core';
import { createProvider, httpColorProbe, switchTraffic, type SwitchReport } from '@actions-kit/traffic';
import { watchCancellation } from './cancellation.js';
import { markSwitchFinished, savePreviousState } from './handover.js';
import { getInputs } from './inputs.js';
import { switchLogger } from './switch-logger.js';
import { headline, switchSummary } from './switch-summary.js';
import { reportTrafficFailure, type SwitchStart } from './traffic-failure.js';

export async function main(): Promise<void> {
  const inputs = getInputs();
  saveInputs(inputs);
  const provider = createProvider(inputs);
  const { verify } = inputs;
  const cancellation = watchCancellation();
  let started: SwitchStart | undefined;
  let report: SwitchReport;
  try {
    report = await switchTraffic({
      provider,
      target: inputs.target,
      dryRun: inputs.dryRun,
      lockWaitMs: inputs.lockTimeoutMs,
      verify: verify && { ...verify, probe: httpColorProbe(verify) },
      logger: switchLogger,
      signal: cancellation.signal,
      beforeChange: (previous, target) => {
        savePreviousState(previous);
        started = { previous, target };
      },
    });
  } catch (error) {
    throw await reportTrafficFailure(error, provider.describe(), started);
  } finally {
    cancellation.stop();
    // The post step undoes only a switch a cancellation interrupted; one that ran to its end stays as it ended.
    if (!cancellation.received) markSwitchFinished();
  }

  setOutput('previous', report.previous);
  setOutput('active', report.active);
  setOutput('changed', String(report.changed));
  setOutput('outcome', report.outcome);
  setOutput('target', report.target);
  setOutput('report', await writeReportFile(report));
  await switchSummary(report).write();

  if (cancellation.received && report.changed) {
    throw new UserError(
      `cancelled (${cancellation.received}) during the switch to ${report.target}; the post step puts ` +
        `${report.previous} back`,
    );
  }
  if (report.outcome === 'rolled-back') {
    throw new UserError(`${report.problem}; switched back, ${report.active} is live (${report.provider})`);
  }
  switchLogger.info(`blue-green-switch: ${headline(report)} (${report.provider})`);
  if (report.outcome === 'switched' && !report.verification) {
    info('blue-green-switch: not verified; set verify-url to prove that only the new color answers');
  }
}

/** The whole report as JSON in the runner's temp folder, for later steps; the `report` output names it. */
async function writeReportFile(report: SwitchReport): Promise<string> {
  const file = path.join(process.env['RUNNER_TEMP'] || os.tmpdir(), `blue-green-switch-${randomUUID()}.json`);
  // The snapshot is the provider's own record for a restore (a whole nginx include): only its evidence is kept.
  const { previousState, ...rest } = report;
  await writeFile(file, `${JSON.stringify({ ...rest, previousEvidence: previousState.evidence }, null, 2)}\n`);
  return file;
}
