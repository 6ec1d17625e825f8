// Slack through the Web API: chat.postMessage to a channel, or chat.update of the message an earlier step posted
// (slack-message-ts), so one message follows a deploy through its stages. Slack answers 200 with
// { ok: false, error } for a refusal: that is a failure in Slack's words, not a success.
import { quoteValue } from '@actions-kit/core';
import { DeliveryError, deliver, directoryUrl } from './delivery.js';
import type { SenderDescriptor } from './sender.js';
import { slackPayload } from './slack-blocks.js';

export interface SlackApiSettings {
  token: string;
  channel: string;
  /** The ts of the message to update; '' to post a new one. */
  messageTs: string;
  /** Where the Web API answers: https://slack.com/api/ unless a test or a proxy says otherwise. */
  apiUrl: URL;
}

export const slackApiSender: SenderDescriptor<SlackApiSettings> = {
  name: 'slack',
  triggers: ['slack-token'],
  inputs: [
    { name: 'slack-token', kind: 'secret', hint: 'a bot token with chat:write (xoxb-…)' },
    { name: 'slack-channel', kind: 'text', hint: 'the channel ID to post in (C0123456789)' },
    { name: 'slack-message-ts', kind: 'text', hint: 'the slack-message-ts output of an earlier notify step' },
    { name: 'slack-api-url', kind: 'url', hint: 'https://slack.com/api/' },
  ],
  required: ['slack-channel'],
  conflicts: ['slack-webhook-url'],
  settings: (values) => ({
    token: values.text('slack-token'),
    channel: values.text('slack-channel'),
    messageTs: values.text('slack-message-ts'),
    apiUrl: directoryUrl(values.url('slack-api-url') ?? new URL('https://slack.com/api/')),
  }),
  create: (settings) => ({
    async send(message, context) {
      const update = settings.messageTs !== '';
      const method = update ? 'chat.update' : 'chat.postMessage';
      const answer = await deliver(context, {
        method: 'POST',
        url: new URL(method, settings.apiUrl),
        headers: {
          'content-type': 'application/json; charset=utf-8',
          authorization: `Bearer ${settings.token}`,
        },
        body: JSON.stringify({
          channel: settings.channel,
          ...(update && { ts: settings.messageTs }),
          ...slackPayload(message),
        }),
      });
      const reply = parseReply(answer.body);
      if (reply.ok !== true) {
        throw new DeliveryError(`${method} refused: ${quoteValue(String(reply.error ?? answer.body))}`);
      }
      const ts = typeof reply.ts === 'string' ? reply.ts : settings.messageTs;
      return {
        detail: update ? `updated message ${ts}` : `posted message ${ts}`,
        outputs: { 'slack-message-ts': ts },
      };
    },
  }),
};

function parseReply(body: string): { ok?: unknown; error?: unknown; ts?: unknown } {
  try {
    const reply: unknown = JSON.parse(body);
    return typeof reply === 'object' && reply !== null ? reply : {};
  } catch {
    return { error: `not JSON: ${body}` };
  }
}
