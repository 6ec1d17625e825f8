// The error a user sees from this package: its message names the thing, the value and the fix; text that came from
// outside (command output, HTTP bodies) travels beside it as data, for the caller to print guarded.
import type { Change } from './provider.js';

export class TrafficError extends Error {
  override readonly name: string = 'TrafficError';
  /** The changes the proxy took before this was thrown, in order: filled in by switchTraffic for its report. */
  changesMade: readonly Change[] = [];

  constructor(
    message: string,
    /** Output of a proxy command or body of a proxy response, untrusted: never print it unguarded. */
    readonly untrustedOutput?: string,
  ) {
    super(message);
  }
}

/**
 * Thrown when a switch, a restore or one of their commands stops because its AbortSignal fired (in the action: the
 * job was cancelled). Thrown only once what was stopped can no longer change anything.
 */
export class CancelledError extends TrafficError {
  override readonly name = 'CancelledError';

  constructor(
    /** Why the signal fired: the action aborts with the runner's signal name, e.g. SIGINT. */
    readonly reason: string,
    /** What was stopped, e.g. "stopped 'nginx -s reload' and everything it started (they ended on SIGTERM)". */
    readonly stopped: string,
    untrustedOutput?: string,
  ) {
    super(`cancelled (${reason}): ${stopped}`, untrustedOutput);
  }
}

/** The abort reason as text: a string reason as it is (the action's SIGINT), an Error's message, else "aborted". */
export function cancellationReason(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  if (typeof reason === 'string') return reason;
  if (reason instanceof Error && reason.name !== 'AbortError') return reason.message;
  return 'aborted';
}

/** Throws a CancelledError saying what stops, when the signal has fired. */
export function throwIfCancelled(signal: AbortSignal | undefined, stopped: string): void {
  if (signal?.aborted) throw new CancelledError(cancellationReason(signal), stopped);
}

/** Node's system error code (ENOENT, ECONNREFUSED...) of an unknown thrown value, if it has one. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
