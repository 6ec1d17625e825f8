// The health-check main step: main() reads the inputs and hands them to run(), which settles the rollback, runs the
// loop, rolls back at most once when the service is unhealthy or the job is cancelled, then sets the outputs,
// writes the report file and the summary, and fails the step with the reason.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { humanDuration, saveInputs, UserError, watchCancellation, type CancellationWatch } from '@actions-kit/core';
import {
  evaluateMetric,
  judgeResponse,
  judgeRound,
  observeHttpProbe,
  type DecisionState,
  type MetricDefinition,
  type MetricOutcome,
  type RoundResult,
  type UrlOutcome,
} from '@actions-kit/probes';
import { stateHandover, type HandoverWriter } from './handover.js';
import { watchHealth } from './health-loop.js';
import { buildReport, failureMessage, plural, reportOutputs, type HealthReport } from './health-report.js';
import { getInputs, type Inputs } from './inputs.js';
import { logRollback, prepareRollback, runRollback, type PreparedRollback } from './rollback.js';
import { runnerDeps, type ProbeDeps, type StepDeps } from './step-deps.js';
import { healthSummary } from './summary.js';

export interface MainDeps extends StepDeps, ProbeDeps {
  /** Where the JSON report goes: the runner's temp folder. */
  reportFolder: string;
  handover: HandoverWriter;
  /** Starts watching for the job's cancellation; run() stops the watch when it returns. */
  watchCancellation(): CancellationWatch;
}

export async function main(): Promise<void> {
  const inputs = await getInputs();
  saveInputs(inputs.rollback);
  await run(inputs, {
    ...runnerDeps,
    reportFolder: process.env['RUNNER_TEMP'] || os.tmpdir(),
    handover: stateHandover,
    watchCancellation: () => watchCancellation('health-check', 'stopping the check'),
  });
}

export async function run(inputs: Inputs, deps: MainDeps): Promise<void> {
  const cancellation = deps.watchCancellation();
  try {
    const rollback = await prepareRollback(inputs.rollback.plan, deps);
    if (rollback.kind === 'blue-green') {
      deps.handover.saveTarget(rollback.target);
      deps.logger.info(`health-check: a rollback switches back to ${rollback.target} (${rollback.why})`);
    }
    const loop = await watchHealth(
      {
        urls: inputs.urls,
        metrics: inputs.metrics,
        intervalMs: inputs.intervalMs,
        initialDelayMs: inputs.initialDelayMs,
        decision: inputs.decision,
      },
      {
        clock: deps.clock,
        probeUrl: (url) => probeUrl(url, inputs, deps),
        queryMetric: (metric) => queryMetric(metric, inputs, deps),
        onRound: (round, number, state) => deps.logger.info(roundLine(round, number, state, inputs)),
        signal: cancellation.signal,
      },
    );
    const report = buildReport(inputs, loop);
    report.rollback = await rollBackIfNeeded(report, rollback, inputs, deps);
    await finish(report, deps);
  } finally {
    cancellation.stop();
  }
}

async function rollBackIfNeeded(
  report: HealthReport,
  rollback: PreparedRollback,
  inputs: Inputs,
  deps: MainDeps,
): Promise<HealthReport['rollback']> {
  const cancelled = report.verdict === 'cancelled';
  const wanted = cancelled ? inputs.rollback.onCancel : report.verdict === 'unhealthy';
  if (rollback.kind === 'none' || !wanted) {
    if (!cancelled) deps.handover.setPhase('decided');
    return undefined;
  }
  const reason = cancelled ? 'cancelled' : report.reason;
  deps.logger.info(`health-check: rolling back (${rollback.kind}, reason ${reason})`);
  deps.handover.setPhase('rollback-started');
  const done = await runRollback(rollback, reason, deps, cancelled);
  deps.handover.setPhase('rollback-done');
  logRollback(done, 'health-check', deps);
  return done;
}

async function finish(report: HealthReport, deps: MainDeps): Promise<void> {
  const file = path.join(deps.reportFolder, `health-check-${randomUUID()}.json`);
  // Synchronous: node:fs/promises costs every action ~3 ms of start-up for one small file.
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  for (const [name, value] of Object.entries(reportOutputs(report, file))) deps.runner.setOutput(name, value);
  await deps.runner.writeSummary(healthSummary(report));
  const failure = failureMessage(report);
  if (failure !== undefined) throw new UserError(failure);
  deps.logger.info(`health-check: healthy: ${report.detail}`);
}

async function probeUrl(url: string, inputs: Inputs, deps: ProbeDeps): Promise<UrlOutcome> {
  const result = await deps.probe({ url, ...inputs.request });
  const outcome = judgeResponse(url, observeHttpProbe(result), inputs.expectations);
  return { ...outcome, detail: redact(outcome.detail, inputs.secrets) };
}

async function queryMetric(metric: MetricDefinition, inputs: Inputs, deps: ProbeDeps): Promise<MetricOutcome> {
  const prometheus = inputs.prometheus;
  if (prometheus === undefined) throw new Error(`metric ${metric.name} without prometheus-url: getInputs let it by`);
  const result = await deps.queryPrometheus({
    baseUrl: prometheus.url,
    query: metric.query,
    headers: prometheus.headers,
    timeoutMs: inputs.request.timeoutMs,
  });
  return evaluateMetric(metric, result);
}

/** One progress line per round: `round 3 (+10s): healthy, 2 of 3 consecutive healthy rounds`. */
function roundLine(round: RoundResult, number: number, state: DecisionState, inputs: Inputs): string {
  const judged = judgeRound(inputs.decision, round);
  const at = humanDuration(round.startedAt - state.startedAt);
  const { successThreshold, failureThreshold } = inputs.decision;
  const progress =
    judged.verdict === 'healthy'
      ? inputs.decision.mode === 'until-healthy'
        ? `${state.consecutiveSuccesses} of ${successThreshold} consecutive healthy rounds`
        : plural(round.urls.length, 'URL') +
          (round.metrics.length > 0 ? ` and ${plural(round.metrics.length, 'metric')}` : '')
      : judged.verdict === 'failing' && inputs.decision.mode === 'watch'
        ? `${state.consecutiveFailures} of ${failureThreshold} consecutive failing rounds: ${judged.detail}`
        : judged.detail;
  return `health-check: round ${number} (+${at}): ${judged.verdict === 'failing' ? judged.reason : judged.verdict}, ${progress}`;
}

/** A body may echo a header back (a token in an error page): every header value is blanked out of the detail. */
function redact(text: string, secrets: readonly string[]): string {
  return secrets.reduce((kept, secret) => kept.split(secret).join('***'), text);
}
