// The payloads against the contract checks the loopback servers apply, and the checks themselves against payloads
// that break them: a check that could not fail would prove nothing.
import { describe, expect, it } from '@jest/globals';
import { adaptiveCardProblems, blockKitBreaches } from '@actions-kit/testkit';
import { buildMessage } from '../src/message.js';
import { slackPayload } from '../src/slack-blocks.js';
import { teamsPayload } from '../src/teams.js';
import { baseInputs } from './support/message-inputs.js';

const large = buildMessage({
  ...baseInputs,
  message: '<!channel> **x** '.repeat(10_000),
  fields: Array.from({ length: 300 }, (_, i) => ({ name: `<@U${i}>`, value: '@here '.repeat(1_000) })),
  details: { source: 'health-check', headline: 'unhealthy', reason: '<!here>', figures: [] },
});

describe('the payloads keep the published contracts', () => {
  it('Slack: within Block Kit, and no ping', () => {
    const pings: string[] = [];
    expect(blockKitBreaches(slackPayload(large), pings)).toEqual([]);
    expect(pings).toEqual([]);
  });

  it('Teams: an Adaptive Card the SDK parses without a complaint', () => {
    const card = (teamsPayload(large)['attachments'] as Array<{ content: unknown }>)[0]!.content;
    expect(adaptiveCardProblems(card)).toEqual([]);
  });
});

describe('the contract checks fail what breaks the contract', () => {
  it('Block Kit: too many blocks, a long section, an unknown block, a ping', () => {
    const pings: string[] = [];
    const problems = blockKitBreaches(
      {
        text: 'hello <!channel>',
        blocks: [
          { type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3_001) } },
          { type: 'table' },
          ...Array.from({ length: 50 }, () => ({ type: 'divider' })),
        ],
      },
      pings,
    );
    expect(problems).toEqual([
      '52 blocks (at most 50)',
      'blocks[0] (section): 3001 characters (1 to 3000)',
      'blocks[1] (table): unknown block type',
    ]);
    expect(pings).toEqual(['<!channel>']);
  });

  it('Adaptive Card: an unknown element and a bad property value', () => {
    expect(
      adaptiveCardProblems({
        type: 'AdaptiveCard',
        version: '1.4',
        body: [{ type: 'TextBlock', text: 'x', color: 'Purple' }, { type: 'Marquee' }],
      }),
    ).toEqual([
      'Invalid value "Purple" for property "color".',
      'Unknown element type "Marquee". Fallback will be used if present.',
    ]);
  });
});
