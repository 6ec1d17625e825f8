// Every destination the notify action can send to, in the order the summary lists them.
import { grafanaSender } from './grafana.js';
import { lokiSender } from './loki.js';
import { pushgatewaySender } from './pushgateway.js';
import type { SenderDescriptor } from './sender.js';
import { slackApiSender } from './slack-api.js';
import { slackWebhookSender } from './slack-webhook.js';
import { teamsSender } from './teams.js';
import { webhookSender } from './webhook.js';

export const SENDERS: readonly SenderDescriptor[] = [
  slackWebhookSender,
  slackApiSender,
  teamsSender,
  webhookSender,
  grafanaSender,
  pushgatewaySender,
  lokiSender,
] as readonly SenderDescriptor[];
