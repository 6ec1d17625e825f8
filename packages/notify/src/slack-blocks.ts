// The message as Slack Block Kit, shared by the webhook and the Web API senders: every piece of outside text
// escaped for mrkdwn (& < > as entities, so `<!channel>` and `<@U123>` stay text) with @here/@channel/@everyone
// broken, and every limit Slack publishes kept by cutting with a visible note, never by being refused.
import type { NotifyMessage, Outcome, Segment } from './message.js';
import { limitList, truncateText } from './text-limits.js';

/** Block Kit limits (api.slack.com/reference/block-kit): see the package README for the sources. */
export const SLACK_LIMITS = {
  blocks: 50,
  headerText: 150,
  sectionText: 3_000,
  sectionFields: 10,
  fieldText: 2_000,
  contextElements: 10,
  /** chat.postMessage truncates the top-level text past 40,000 characters: kept well below. */
  fallbackText: 4_000,
} as const;

const ICONS: Readonly<Record<Outcome, string>> = {
  running: ':arrow_forward:',
  success: ':white_check_mark:',
  failure: ':x:',
  waiting: ':hourglass_flowing_sand:',
  neutral: ':information_source:',
};

// Slack's special mentions written without brackets, which some clients and bots still read as a ping.
const BARE_MENTION = /@(here|channel|everyone)\b/gi;

/** Outside text for mrkdwn: entities for & < >, broken bare mentions, nothing else changed. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(BARE_MENTION, '@\u200b$1');
}

/**
 * Outside text for plain_text objects: Slack reads no markup there, but mentions in either form are still broken
 * (a zero-width space after `<` and `@`), in case a client or a bot reading the message takes them for real.
 */
export function plainSlack(text: string): string {
  return text.replace(/<([!@#])/g, '<\u200b$1').replace(BARE_MENTION, '@\u200b$1');
}

function segmentMrkdwn(segment: Segment): string {
  const text = escapeSlack(segment.text);
  switch (segment.kind) {
    case 'bold':
      return `*${text}*`;
    case 'code':
      return `\`${text}\``;
    case 'link':
      return `<${segment.url.replace(/[<>|]/g, encodeURIComponent)}|${text}>`;
    default:
      return text;
  }
}

/** Cut mrkdwn: never inside an entity (`&am`) or a link (`<https://…|te`), which Slack would show broken. */
function cutMrkdwn(text: string, limit: number): string {
  return truncateText(text, limit, (kept) => {
    const open = kept.lastIndexOf('<');
    const withoutLink = open > kept.lastIndexOf('>') ? kept.slice(0, open) : kept;
    return withoutLink.replace(/&[#a-z0-9]*$/i, '');
  });
}

type Block = Record<string, unknown>;
const mrkdwn = (text: string): Block => ({ type: 'mrkdwn', text });

/** The payload for a webhook or chat.postMessage / chat.update: top-level `text` (the notification) and blocks. */
export function slackPayload(message: NotifyMessage): { text: string; blocks: Block[] } {
  const blocks: Block[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: truncateText(plainSlack(message.title), SLACK_LIMITS.headerText), emoji: true },
    },
  ];
  const text = message.text.map(segmentMrkdwn).join('');
  if (text.trim() !== '') {
    blocks.push({ type: 'section', text: mrkdwn(cutMrkdwn(text, SLACK_LIMITS.sectionText)) });
  }
  if (message.details !== undefined) {
    const { source, headline, reason } = message.details;
    const lines = [`*${source}*: ${escapeSlack(headline)}`];
    if (reason !== undefined) lines.push(`Reason: ${escapeSlack(reason)}`);
    blocks.push({ type: 'section', text: mrkdwn(cutMrkdwn(lines.join('\n'), SLACK_LIMITS.sectionText)) });
  }
  const fields = [...(message.details?.figures ?? []), ...message.fields].map((field) =>
    mrkdwn(
      cutMrkdwn(
        field.name === '' ? escapeSlack(field.value) : `*${escapeSlack(field.name)}*\n${escapeSlack(field.value)}`,
        SLACK_LIMITS.fieldText,
      ),
    ),
  );
  const fieldSections: Block[] = [];
  for (let i = 0; i < fields.length; i += SLACK_LIMITS.sectionFields) {
    fieldSections.push({ type: 'section', fields: fields.slice(i, i + SLACK_LIMITS.sectionFields) });
  }
  const context = contextBlock(message);
  // The header, text and details come first and the context last: field sections give way when blocks run out.
  const room = SLACK_LIMITS.blocks - blocks.length - 1;
  blocks.push(
    ...limitList(fieldSections, room, (left) => ({
      type: 'section',
      text: mrkdwn(`…and ${left} more ${left === 1 ? 'section' : 'sections'} of fields`),
    })),
  );
  blocks.push(context);
  const fallback = `${ICONS[message.outcome]} ${escapeSlack(message.title)}`;
  return { text: cutMrkdwn(fallback, SLACK_LIMITS.fallbackText), blocks };
}

function contextBlock(message: NotifyMessage): Block {
  const parts = [ICONS[message.outcome], `*${escapeSlack(message.event)}*`];
  if (message.environment !== '') parts.push(`environment ${escapeSlack(message.environment)}`);
  if (message.version !== '') parts.push(`version ${escapeSlack(message.version)}`);
  if (message.color !== '') parts.push(`color ${escapeSlack(message.color)}`);
  if (message.run.sha !== undefined) parts.push(`commit \`${escapeSlack(message.run.sha.slice(0, 12))}\``);
  if (message.run.url !== undefined) parts.push(`<${message.run.url.replace(/[<>|]/g, encodeURIComponent)}|run>`);
  return { type: 'context', elements: [mrkdwn(cutMrkdwn(parts.join(' · '), SLACK_LIMITS.sectionText))] };
}
