// Slack through an incoming webhook: the Block Kit payload POSTed to the webhook URL, which answers `ok` or an
// error word (invalid_blocks, no_service, channel_is_archived…) that is reported as it is.
import { deliver } from './delivery.js';
import type { SenderDescriptor } from './sender.js';
import { slackPayload } from './slack-blocks.js';

export const slackWebhookSender: SenderDescriptor<{ url: URL }> = {
  name: 'slack',
  triggers: ['slack-webhook-url'],
  inputs: [{ name: 'slack-webhook-url', kind: 'url', hint: 'the incoming webhook URL (https://hooks.slack.com/…)' }],
  required: [],
  conflicts: ['slack-token'],
  settings: (values) => ({ url: values.url('slack-webhook-url')! }),
  create: ({ url }) => ({
    async send(message, context) {
      await deliver(context, {
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(slackPayload(message)),
      });
      return { detail: 'posted through the webhook' };
    },
  }),
};
