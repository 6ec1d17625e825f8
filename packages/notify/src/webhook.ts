// Any HTTP endpoint: the message as JSON, signed with HMAC-SHA256 over the exact body when a secret is given, in
// the form GitHub's own webhooks use (`X-Signature-256: sha256=<hex>`), so the receiver can check it came from here.
import { createHmac } from 'node:crypto';
import { deliver } from './delivery.js';
import { plainSegments, type NotifyMessage } from './message.js';
import type { SenderDescriptor } from './sender.js';

export const SIGNATURE_HEADER = 'x-signature-256';

/** The body a webhook receives: the message as data, its text plain (the receiver escapes it for where it goes). */
export function webhookBody(message: NotifyMessage): string {
  return JSON.stringify({
    event: message.event,
    outcome: message.outcome,
    title: message.title,
    environment: message.environment,
    service: message.service,
    version: message.version,
    color: message.color,
    message: plainSegments(message.text),
    fields: message.fields,
    ...(message.details !== undefined && { details: message.details }),
    run: message.run,
    time: new Date(message.time).toISOString(),
  });
}

/** `sha256=` and the hex HMAC-SHA256 of the body under the secret. */
export function signature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export const webhookSender: SenderDescriptor<{ url: URL; secret: string }> = {
  name: 'webhook',
  triggers: ['webhook-url'],
  inputs: [
    { name: 'webhook-url', kind: 'url', hint: 'the URL to POST the JSON message to' },
    { name: 'webhook-secret', kind: 'secret', hint: 'the shared secret the receiver checks the signature with' },
  ],
  required: [],
  settings: (values) => ({ url: values.url('webhook-url')!, secret: values.text('webhook-secret') }),
  create: ({ url, secret }) => ({
    async send(message, context) {
      const body = webhookBody(message);
      const answer = await deliver(context, {
        method: 'POST',
        url,
        headers: {
          'content-type': 'application/json',
          'x-actions-kit-event': message.event,
          ...(secret !== '' && { [SIGNATURE_HEADER]: signature(body, secret) }),
        },
        body,
      });
      return { detail: `accepted (${answer.status})${secret === '' ? ', unsigned' : ', signed'}` };
    },
  }),
};
