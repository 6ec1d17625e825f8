// Microsoft Teams through a Workflows webhook ("When a Teams webhook request is received"), which takes a message
// with one Adaptive Card attachment. Outside text is escaped as Markdown (the card's TextBlock reads a Markdown
// subset); the whole payload is kept under Teams' message size by cutting the longest text with a visible note.
import { escapeMarkdown } from '@actions-kit/core';
import { deliver } from './delivery.js';
import type { NotifyMessage, Outcome, Segment } from './message.js';
import type { SenderDescriptor } from './sender.js';
import { limitList, truncateText } from './text-limits.js';

/** Teams refuses a message over about 28 KB; the card is kept under this many bytes of JSON. */
export const TEAMS_PAYLOAD_LIMIT = 27_000;
/** Facts past this many are counted in a last fact, so the card stays readable. */
export const TEAMS_FACT_LIMIT = 20;
/** A fact's value and the title are cut at these lengths (characters), the message text only by the payload limit. */
const TEAMS_FACT_TEXT = 500;
const TEAMS_SHORT_TEXT = 200;

const COLORS: Readonly<Record<Outcome, string>> = {
  running: 'Accent',
  success: 'Good',
  failure: 'Attention',
  waiting: 'Warning',
  neutral: 'Default',
};

function cardText(text: string): string {
  return escapeMarkdown(text, 'text', false);
}

/** A segment as card Markdown; `atLineStart` when it begins the text (a `#` or `- ` there would be a block). */
function segmentMarkdown(segment: Segment, atLineStart: boolean): string {
  switch (segment.kind) {
    case 'bold':
      return `**${cardText(segment.text)}**`;
    case 'code':
      // No code style in a TextBlock: the text is shown as it is, escaped.
      return cardText(segment.text);
    case 'link':
      return `[${cardText(segment.text)}](${segment.url.replace(/[()\s]/g, encodeURIComponent)})`;
    default:
      return escapeMarkdown(segment.text, 'text', atLineStart);
  }
}

type Element = Record<string, unknown>;

/** The Workflows webhook payload: a message with one Adaptive Card 1.4 attachment. */
export function teamsPayload(message: NotifyMessage, limit = TEAMS_PAYLOAD_LIMIT): Record<string, unknown> {
  const texts = {
    body: message.text.map((segment, i) => segmentMarkdown(segment, i === 0)).join(''),
    details:
      message.details === undefined
        ? ''
        : `**${message.details.source}**: ${cardText(message.details.headline)}` +
          (message.details.reason === undefined ? '' : `\n\nReason: ${cardText(message.details.reason)}`),
  };
  const title = truncateText(cardText(message.title), TEAMS_SHORT_TEXT);
  const facts = limitList(
    [...(message.details?.figures ?? []), ...message.fields, ...contextFacts(message)].map((field) => ({
      title: truncateText(cardText(field.name), TEAMS_SHORT_TEXT),
      value: truncateText(cardText(field.value), TEAMS_FACT_TEXT),
    })),
    TEAMS_FACT_LIMIT,
    (left) => ({ title: '…', value: `and ${left} more fields` }),
  );
  let payload = render(message, title, texts, facts);
  // Cut the longer text by what is over (and a margin for the note) until the payload fits; the title and the
  // facts are short by now, so the two texts always make room.
  for (let size = byteLength(payload); size > limit; size = byteLength(payload)) {
    const longest = texts.body.length >= texts.details.length ? 'body' : 'details';
    const cut = truncateText(texts[longest], Math.max(0, texts[longest].length - (size - limit) - 64));
    if (cut.length >= texts[longest].length) break; // nothing left to cut: cannot happen within the bounds above
    texts[longest] = cut;
    payload = render(message, title, texts, facts);
  }
  return payload;
}

function contextFacts(message: NotifyMessage): Array<{ name: string; value: string }> {
  return [
    { name: 'Event', value: message.event },
    { name: 'Environment', value: message.environment },
    { name: 'Version', value: message.version },
    { name: 'Color', value: message.color },
    { name: 'Commit', value: message.run.sha?.slice(0, 12) ?? '' },
  ].filter((fact) => fact.value !== '');
}

function render(
  message: NotifyMessage,
  title: string,
  texts: { body: string; details: string },
  facts: Array<{ title: string; value: string }>,
): Record<string, unknown> {
  const body: Element[] = [
    {
      type: 'TextBlock',
      text: title,
      weight: 'Bolder',
      size: 'Medium',
      wrap: true,
      color: COLORS[message.outcome],
    },
  ];
  if (texts.body.trim() !== '') body.push({ type: 'TextBlock', text: texts.body, wrap: true });
  if (texts.details !== '') body.push({ type: 'TextBlock', text: texts.details, wrap: true });
  if (facts.length > 0) body.push({ type: 'FactSet', facts });
  const card: Element = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body,
    ...(message.run.url !== undefined && {
      actions: [{ type: 'Action.OpenUrl', title: 'Open the run', url: message.run.url }],
    }),
  };
  return {
    type: 'message',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }],
  };
}

function byteLength(payload: unknown): number {
  return Buffer.byteLength(JSON.stringify(payload));
}

export const teamsSender: SenderDescriptor<{ url: URL }> = {
  name: 'teams',
  triggers: ['teams-webhook-url'],
  inputs: [{ name: 'teams-webhook-url', kind: 'url', hint: "the Workflows webhook URL of the channel's workflow" }],
  required: [],
  settings: (values) => ({ url: values.url('teams-webhook-url')! }),
  create: ({ url }) => ({
    async send(message, context) {
      const answer = await deliver(context, {
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(teamsPayload(message)),
      });
      return { detail: `accepted (${answer.status})` };
    },
  }),
};
