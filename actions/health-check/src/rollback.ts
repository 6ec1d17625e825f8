// Putting the previous version back: rollback-command with the reason in $HEALTH_FAILURE_REASON, or a blue-green
// switch back through the traffic package. The color to go back to is settled before the first probe, while what
// is live is still the deploy's doing; the rollback itself reports what it did instead of throwing.
import type { Clock } from '@actions-kit/clock';
import { humanDuration, UserError } from '@actions-kit/core';
import type { StepRunner } from '@actions-kit/core';
import type { ShellCommandResult, SwitchLogger, TrafficProvider } from '@actions-kit/traffic';
import type { RollbackPlan } from './inputs.js';

export interface RollbackDeps {
  runCommand(command: string, options: { env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<ShellCommandResult>;
  /** The provider for a blue-green rollback (the traffic package is loaded only then). */
  createProvider(setup: Extract<RollbackPlan, { kind: 'blue-green' }>['setup']): Promise<TrafficProvider>;
  logger: SwitchLogger;
  clock: Clock;
}

/** A plan ready to run: for blue-green, the provider and the color to switch back to. */
export type PreparedRollback =
  | { kind: 'none' }
  | { kind: 'command'; command: string; timeoutMs: number }
  | { kind: 'blue-green'; provider: TrafficProvider; target: 'blue' | 'green'; why: string };

export interface RollbackReport {
  kind: 'command' | 'blue-green';
  succeeded: boolean;
  /** One line: what ran and how it ended, or what the proxy did. */
  what: string;
  /** The command's output, or the proxy's on a failure: text from outside. */
  output?: string;
  durationMs: number;
}

/** How long a rollback may take when the job is being cancelled: inside the runner's 7.5 s before SIGTERM. */
export const CANCEL_WINDOW_MS = 6_000;
const LOCK_WAIT_MS = 30_000;
const CANCEL_LOCK_WAIT_MS = 2_000;

/**
 * For blue-green, reads what is live now: the color to go back to is rollback-to, or the one not live. `target`
 * is the color a previous preparation settled (the post step gets main's).
 */
export async function prepareRollback(
  plan: RollbackPlan,
  deps: RollbackDeps,
  target?: 'blue' | 'green',
): Promise<PreparedRollback> {
  if (plan.kind !== 'blue-green') return plan;
  const provider = await deps.createProvider(plan.setup);
  const chosen = target ?? plan.to;
  if (chosen !== undefined) return { kind: plan.kind, provider, target: chosen, why: `rollback-to is ${chosen}` };
  const live = await provider.current();
  if (live.live !== 'blue' && live.live !== 'green') {
    throw new UserError(
      `rollback-to: empty, and ${provider.describe()} has ${live.live} live (${live.evidence}), so the color to go ` +
        'back to is unknown; set rollback-to to blue or green (e.g. the previous output of blue-green-switch)',
    );
  }
  const back = live.live === 'blue' ? 'green' : 'blue';
  return { kind: plan.kind, provider, target: back, why: `${live.live} was live when the check started` };
}

/** Runs the rollback once; `cancelling` keeps it inside the runner's window before SIGTERM. */
export async function runRollback(
  rollback: Exclude<PreparedRollback, { kind: 'none' }>,
  reason: string,
  deps: RollbackDeps,
  cancelling: boolean,
): Promise<RollbackReport> {
  const started = deps.clock.now();
  const took = (): number => Math.round(deps.clock.now() - started);
  if (rollback.kind === 'command') {
    const timeoutMs = cancelling ? Math.min(rollback.timeoutMs, CANCEL_WINDOW_MS) : rollback.timeoutMs;
    let result: ShellCommandResult;
    try {
      result = await deps.runCommand(rollback.command, {
        env: { ...process.env, HEALTH_FAILURE_REASON: reason },
        timeoutMs,
      });
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return { kind: 'command', succeeded: false, what: `rollback-command did not start: ${why}`, durationMs: took() };
    }
    const durationMs = took();
    const ended = result.timedOut
      ? `was stopped after ${humanDuration(timeoutMs)} (command-timeout${cancelling ? ', or the cancellation window' : ''})`
      : result.exitCode === 0
        ? `exited 0`
        : result.signal
          ? `was killed by ${result.signal}`
          : `exited ${result.exitCode}`;
    const succeeded = !result.timedOut && result.exitCode === 0;
    const what = `rollback-command ${ended} after ${humanDuration(durationMs)}`;
    return { kind: 'command', succeeded, what, output: result.output, durationMs };
  }
  const { switchTraffic, TrafficError } = await import('@actions-kit/traffic');
  const { provider, target } = rollback;
  try {
    const report = await switchTraffic({
      provider,
      target,
      lockWaitMs: cancelling ? CANCEL_LOCK_WAIT_MS : LOCK_WAIT_MS,
      logger: deps.logger,
      clock: deps.clock,
    });
    const what =
      report.outcome === 'already-live'
        ? `${target} was already live on ${report.provider}; nothing changed`
        : `switched ${report.previous} → ${report.active} on ${report.provider}`;
    return { kind: 'blue-green', succeeded: report.active === target, what, durationMs: took() };
  } catch (error) {
    if (!(error instanceof TrafficError)) throw error;
    const what = `switching back to ${target} failed: ${error.message}`;
    return { kind: 'blue-green', succeeded: false, what, output: error.untrustedOutput, durationMs: took() };
  }
}

/** The rollback's output (guarded) and one line saying how it ended; `who` starts the line (health-check post). */
export function logRollback(
  done: RollbackReport,
  who: string,
  deps: { runner: StepRunner; logger: SwitchLogger },
): void {
  if (done.output) {
    deps.logger.info('Output of the rollback (shown as printed, workflow commands off):');
    deps.runner.printUntrusted(done.output);
  }
  deps.logger.info(`${who}: ${done.succeeded ? 'rolled back' : 'the rollback failed'}: ${done.what}`);
}
