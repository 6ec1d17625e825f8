// The notify step: main() reads the inputs and hands them to run(), which builds the message once, sends it to
// every destination at once, and reports each one delivered or why not: in the outputs, the log, the summary and,
// for a failure, a warning (or the step's failure with fail-on-error). Nothing undelivered passes silently.
import { systemClock, type Clock } from '@actions-kit/clock';
import {
  SummaryBuilder,
  UserError,
  countOf,
  own,
  printLine,
  stepRunner,
  warning,
  type StepRunner,
} from '@actions-kit/core';
import { buildMessage, fetchHttp, sendAll, type Delivery, type Http } from '@actions-kit/notify';
import { getInputs, type Inputs } from './inputs.js';

export interface MainDeps {
  runner: StepRunner;
  log(line: string): void;
  warn(line: string): void;
  http: Http;
  clock: Clock;
}

export async function main(): Promise<void> {
  await run(getInputs(), { runner: stepRunner, log: printLine, warn: warning, http: fetchHttp(), clock: systemClock });
}

/** The outputs other steps pass on: the first delivery that gives each. */
const PASSED_ON = ['slack-message-ts', 'grafana-annotation-id'] as const;

export async function run(inputs: Inputs, deps: MainDeps): Promise<Delivery[]> {
  const { runner } = deps;
  const message = buildMessage(inputs.message);
  if (inputs.destinations.length === 0) {
    const why =
      'no destination is set (slack-webhook-url, slack-token, teams-webhook-url, webhook-url, grafana-url, ' +
      'pushgateway-url or loki-url), so nothing was sent';
    if (inputs.failOnError) throw new UserError(why);
    deps.warn(why);
    for (const name of [...PASSED_ON, 'delivered']) runner.setOutput(name, name === 'delivered' ? '{}' : '');
    await runner.writeSummary(
      new SummaryBuilder().heading(own`Notify: ${message.title}`, 3).paragraph(own`Nothing sent: ${why}.`),
    );
    return [];
  }
  const deadline = deps.clock.now() + inputs.timeoutMs;
  const deliveries = await sendAll(inputs.destinations, message, { http: deps.http, clock: deps.clock, deadline });

  for (const name of PASSED_ON) {
    const delivered = deliveries.find((delivery) => delivery.ok && delivery.outputs[name] !== undefined);
    runner.setOutput(name, delivered?.ok ? delivered.outputs[name]! : '');
  }
  runner.setOutput(
    'delivered',
    JSON.stringify(Object.fromEntries(deliveries.map((d) => [d.destination, d.ok ? 'ok' : `error: ${d.error}`]))),
  );
  for (const delivery of deliveries) {
    deps.log(
      delivery.ok
        ? `notify: ${delivery.destination}: delivered (${delivery.detail})`
        : `notify: ${delivery.destination}: not delivered: ${delivery.error}`,
    );
  }
  const failed = deliveries.filter((delivery) => !delivery.ok);
  await runner.writeSummary(summary(message.title, deliveries, inputs.failOnError));
  if (failed.length === 0) return deliveries;
  const lines = failed.map((delivery) => `${delivery.destination}: ${delivery.ok ? '' : delivery.error}`);
  const headline = `${failed.length} of ${countOf(deliveries.length, 'destination')} not reached`;
  if (inputs.failOnError) throw new UserError(`${headline}: ${lines.join('; ')}`);
  for (const line of lines) deps.warn(`not delivered to ${line} (fail-on-error is false: the step goes on)`);
  return deliveries;
}

function summary(title: string, deliveries: readonly Delivery[], failOnError: boolean): SummaryBuilder {
  const failed = deliveries.filter((delivery) => !delivery.ok).length;
  const verdict =
    failed === 0
      ? own`Delivered to all ${countOf(deliveries.length, 'destination')}.`
      : own`Not delivered to ${String(failed)} of ${countOf(deliveries.length, 'destination')}: ${
          failOnError ? 'the step failed (fail-on-error).' : 'a warning only (fail-on-error is false).'
        }`;
  return new SummaryBuilder()
    .heading(own`Notify: ${title}`, 3)
    .paragraph(verdict)
    .table(
      ['Destination', 'Result', 'Detail'],
      deliveries.map((delivery) =>
        delivery.ok
          ? [delivery.destination, 'delivered', delivery.detail]
          : [delivery.destination, 'not delivered', delivery.error],
      ),
    );
}
