// One structured log line of the event to Loki's push API (POST /loki/api/v1/push, JSON), labelled as the
// Pushgateway group is (job="deploy", environment, service) so logs and metrics of a deploy line up. The line is
// JSON: Loki's `| json` parser turns it into fields.
import { deliver, directoryUrl } from './delivery.js';
import { plainSegments, type NotifyMessage } from './message.js';
import { PUSH_JOB } from './pushgateway.js';
import type { SenderDescriptor } from './sender.js';

export function lokiPush(message: NotifyMessage): {
  streams: Array<{ stream: Record<string, string>; values: string[][] }>;
} {
  const line = JSON.stringify({
    event: message.event,
    outcome: message.outcome,
    title: message.title,
    version: message.version,
    color: message.color,
    message: plainSegments(message.text),
    ...(message.details !== undefined && {
      details: `${message.details.source}: ${message.details.headline}`,
      reason: message.details.reason,
    }),
    fields: Object.fromEntries(message.fields.map((field) => [field.name, field.value])),
    commit: message.run.sha,
    run: message.run.url,
  });
  const stream: Record<string, string> = { job: PUSH_JOB, environment: message.environment, service: message.service };
  for (const key of Object.keys(stream)) if (stream[key] === '') delete stream[key];
  // Nanoseconds since the epoch, as a string: more digits than a double holds.
  const nanoseconds = `${BigInt(Math.round(message.time)) * 1_000_000n}`;
  return { streams: [{ stream, values: [[nanoseconds, line]] }] };
}

export const lokiSender: SenderDescriptor<{ url: URL }> = {
  name: 'loki',
  triggers: ['loki-url'],
  inputs: [
    { name: 'loki-url', kind: 'url', hint: "Loki's base URL, e.g. http://loki:3100 (user:password@ for basic auth)" },
  ],
  required: [],
  settings: (values) => ({ url: directoryUrl(values.url('loki-url')!) }),
  create: ({ url }) => ({
    async send(message, context) {
      await deliver(context, {
        method: 'POST',
        url: new URL('loki/api/v1/push', url),
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(lokiPush(message)),
      });
      return { detail: 'pushed 1 log line' };
    },
  }),
};
