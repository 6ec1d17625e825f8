// The sample's main step: greets, shows untrusted text safely, and fails or waits on request.
import {
  AnnotationBudget,
  SummaryBuilder,
  UserError,
  formatDuration,
  printUntrusted,
  saveInputs,
  setOutput,
} from '@actions-kit/core';
import { failOnRequest } from './failure-modes.js';
import { getInputs } from './inputs.js';
import { waitUnlessTerminated } from './wait.js';

export async function main(): Promise<void> {
  const inputs = getInputs();
  // Saved first, so the post step has them even when main fails below.
  saveInputs(inputs);
  if (inputs.echo !== '') printUntrusted(inputs.echo);
  if (inputs.waitMs > 0 && (await waitUnlessTerminated(inputs.waitMs)) === 'terminated') {
    throw new UserError(`wait: stopped by SIGTERM before ${formatDuration(inputs.waitMs)} had passed`);
  }
  failOnRequest(inputs.failWith);

  const message = `${inputs.greeting}, ${inputs.name}!`;
  setOutput('message', message);
  setOutput('greeted-at', new Date().toISOString());
  new AnnotationBudget().notice(message, { title: 'sample' });
  await new SummaryBuilder()
    .heading('Sample action')
    .paragraph(message)
    .table(
      ['Input', 'Value'],
      [
        ['name', inputs.name],
        ['greeting', inputs.greeting],
        ['echo', inputs.echo],
      ],
    )
    .write();
}
