import { describe, expect, it } from '@jest/globals';
import { buildMessage } from '../src/message.js';
import { SLACK_LIMITS, escapeSlack, slackPayload } from '../src/slack-blocks.js';
import { baseInputs } from './support/message-inputs.js';

const HOSTILE =
  '::error::pwned <!channel> <!here|here> <@U0123> @here @channel <b>bold</b> & <https://evil.example|click>';

describe('Slack Block Kit rendering', () => {
  it('escapes & < > so special mentions, user mentions and links stay text, and breaks bare mentions', () => {
    expect(escapeSlack(HOSTILE)).toBe(
      '::error::pwned &lt;!channel&gt; &lt;!here|here&gt; &lt;@U0123&gt; @\u200bhere @\u200bchannel ' +
        '&lt;b&gt;bold&lt;/b&gt; &amp; &lt;https://evil.example|click&gt;',
    );
  });

  it('puts no unescaped < from outside text anywhere in the payload', () => {
    const payload = slackPayload(
      buildMessage({
        ...baseInputs,
        title: HOSTILE,
        message: HOSTILE,
        fields: [{ name: '<!channel>', value: HOSTILE }],
      }),
    );
    const json = JSON.stringify(payload);
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<@U0123>');
    expect(json).not.toMatch(/@(here|channel)\b/);
  });

  it('renders the Markdown subset as mrkdwn: bold, code and a link', () => {
    const payload = slackPayload(
      buildMessage({ ...baseInputs, message: 'Deployed **1.4.0** with `--fast`: [run](https://ci.example/7?a=1&b=2)' }),
    );
    expect(payload.blocks[1]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: 'Deployed *1.4.0* with `--fast`: <https://ci.example/7?a=1&b=2|run>' },
    });
  });

  it('keeps within every Block Kit limit, cutting visibly: 100 kB of text, 600 fields, a long title', () => {
    const payload = slackPayload(
      buildMessage({
        ...baseInputs,
        title: 't'.repeat(500),
        message: 'x'.repeat(100_000),
        fields: Array.from({ length: 600 }, (_, i) => ({ name: `field ${i}`, value: 'v'.repeat(3_000) })),
      }),
    );
    expect(payload.blocks).toHaveLength(SLACK_LIMITS.blocks);
    const header = payload.blocks[0] as { text: { text: string } };
    expect(header.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    const text = (payload.blocks[1] as { text: { text: string } }).text.text;
    expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(text).toMatch(/…and 97,\d{3} more characters$/);
    const sections = payload.blocks.filter((block) => 'fields' in block) as Array<{ fields: Array<{ text: string }> }>;
    for (const section of sections) {
      expect(section.fields.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionFields);
      for (const field of section.fields) expect(field.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fieldText);
    }
    expect(JSON.stringify(payload.blocks.at(-2))).toContain('…and 14 more sections of fields');
    expect(payload.blocks.at(-1)).toMatchObject({ type: 'context' });
  });
});

describe('cutting mrkdwn', () => {
  it('never ends inside an entity or a link', () => {
    const entities = slackPayload(buildMessage({ ...baseInputs, message: '&'.repeat(5_000) }));
    const text = (entities.blocks[1] as { text: { text: string } }).text.text;
    expect(text).toMatch(/^(&amp;)+…and [\d,]+ more characters$/);
    const links = slackPayload(
      buildMessage({ ...baseInputs, message: `${'x'.repeat(2_950)} [the run](https://ci.example/${'y'.repeat(200)})` }),
    );
    const cut = (links.blocks[1] as { text: { text: string } }).text.text;
    expect(cut).toMatch(/^x+ …and [\d,]+ more characters$/);
  });
});
