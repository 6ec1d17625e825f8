// Turns an error of the traffic package into what the step reports: its message as the one error line, the output
// of the proxy or command printed with workflow commands off, and a job summary saying what failed.
import { UserError, info, printUntrusted } from '@actions-kit/core';
import { TrafficError } from '@actions-kit/traffic';
import { failureSummary } from './switch-summary.js';

/** A UserError for a TrafficError (after reporting its output); any other error, a bug, as it is. */
export async function reportTrafficFailure(error: unknown, provider: string): Promise<unknown> {
  if (!(error instanceof TrafficError)) return error;
  if (error.untrustedOutput) {
    info('Output of the proxy or command (shown as printed, workflow commands off):');
    printUntrusted(error.untrustedOutput);
  }
  await failureSummary(provider, error).write();
  return new UserError(error.message, { cause: error });
}
