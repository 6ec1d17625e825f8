// Runs one check from the command line: prints its report and turns the outcome into the exit code.
import { CheckError } from './check-error.js';

export interface CheckOutcome {
  ok: boolean;
  /** What the user reads: on failure it names each file, the value found and the fix. */
  report: string;
}

/**
 * Exit code 0 when the check passes, 1 when it finds problems or meets a CheckError (a malformed file, git missing),
 * 2 when the check itself crashed: that is a bug here, so the stack is kept.
 */
export async function runCheck(name: string, check: () => Promise<CheckOutcome> | CheckOutcome): Promise<void> {
  try {
    const outcome = await check();
    if (outcome.ok) console.log(outcome.report);
    else console.error(outcome.report);
    process.exitCode = outcome.ok ? 0 : 1;
  } catch (error) {
    if (error instanceof CheckError) {
      console.error(`${name}: ${error.message}`);
      process.exitCode = 1;
    } else {
      console.error(`${name}: the check crashed (a bug in tools/checks):`, error);
      process.exitCode = 2;
    }
  }
}
