import { describe, expect, it } from '@jest/globals';
import { buildMessage } from '../src/message.js';
import { TEAMS_FACT_LIMIT, TEAMS_PAYLOAD_LIMIT, teamsPayload } from '../src/teams.js';
import { baseInputs } from './support/message-inputs.js';

type Card = { body: Array<Record<string, unknown>>; actions?: unknown[] };
const cardOf = (payload: Record<string, unknown>): Card =>
  (payload['attachments'] as Array<{ content: Card }>)[0]!.content;

describe('the Teams Adaptive Card', () => {
  it('is one Adaptive Card 1.4 attachment with the title coloured by outcome and a link to the run', () => {
    const payload = teamsPayload(buildMessage({ ...baseInputs, event: 'failed' }));
    expect(payload['type']).toBe('message');
    const card = cardOf(payload);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    expect(card.body[0]).toMatchObject({
      type: 'TextBlock',
      color: 'Attention',
      text: 'app 1.4.0 to production (green): failed',
    });
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open the run', url: baseInputs.run.url }]);
  });

  it('escapes a heading or a list a line of the message would start', () => {
    const card = cardOf(teamsPayload(buildMessage({ ...baseInputs, message: '# big\n- item\nplain' })));
    expect(card.body[1]).toMatchObject({ text: '\\# big\n\\- item\nplain' });
  });

  it('escapes outside text as Markdown so it neither formats nor links', () => {
    const card = cardOf(
      teamsPayload(buildMessage({ ...baseInputs, message: '**ok** *x* [a](javascript:x) <at>all</at> @here' })),
    );
    expect(card.body[1]).toMatchObject({ text: '**ok** \\*x\\* \\[a\\](javascript:x) &lt;at>all&lt;/at> @\u200bhere' });
  });

  it('stays under the payload limit with 100 kB of text and many fields, saying what was cut', () => {
    const payload = teamsPayload(
      buildMessage({
        ...baseInputs,
        message: 'x'.repeat(100_000),
        title: 't'.repeat(100_000),
        fields: Array.from({ length: 100 }, (_, i) => ({ name: `f${i}`, value: 'v'.repeat(100_000) })),
        details: { source: 'health-check', headline: 'h'.repeat(100_000), reason: 'r'.repeat(100_000), figures: [] },
      }),
    );
    expect(Buffer.byteLength(JSON.stringify(payload))).toBeLessThanOrEqual(TEAMS_PAYLOAD_LIMIT);
    const card = cardOf(payload);
    expect(String(card.body[1]!['text'])).toMatch(/…and \d{2},\d{3} more characters$/);
    const facts = card.body.find((element) => element['type'] === 'FactSet')!['facts'] as unknown[];
    expect(facts).toHaveLength(TEAMS_FACT_LIMIT);
    expect(facts.at(-1)).toEqual({ title: '…', value: 'and 86 more fields' });
  });
});
