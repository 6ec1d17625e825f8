// The sample's post step: restores the inputs main saved and says so, proving state reaches the post step.
import { SummaryBuilder, info, restoreInputs } from '@actions-kit/core';
import type { Inputs } from './inputs.js';

export async function post(): Promise<void> {
  const inputs = restoreInputs<Inputs>();
  if (!inputs) {
    info('sample post: main saved no inputs (it failed before reading them); nothing to do');
    return;
  }
  info('sample post: restored the inputs main saved');
  await new SummaryBuilder().paragraph(`Post step: restored the inputs for ${inputs.name}.`).write();
}
