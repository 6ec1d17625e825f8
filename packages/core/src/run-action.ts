// Temporary: replaced by the full runAction.
import * as core from '@actions/core';
export async function runAction(options: { name: string; main: () => Promise<void> }): Promise<void> {
  try {
    await options.main();
  } catch (error) {
    core.setFailed(`${options.name}: ${(error as Error).message}`);
  }
}
