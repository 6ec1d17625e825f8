import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { buildMessage } from '../src/message.js';
import { signature, webhookBody } from '../src/webhook.js';
import { baseInputs } from './support/message-inputs.js';

describe('the generic webhook', () => {
  it('signs the exact body with HMAC-SHA256, as a receiver recomputes it', () => {
    const body = webhookBody(buildMessage({ ...baseInputs, message: '**done**' }));
    const expected = createHmac('sha256', 's3cret').update(Buffer.from(body, 'utf8')).digest('hex');
    expect(signature(body, 's3cret')).toBe(`sha256=${expected}`);
    expect(signature(body, 'other')).not.toBe(`sha256=${expected}`);
  });

  it('sends the message as data, its text plain', () => {
    expect(JSON.parse(webhookBody(buildMessage({ ...baseInputs, message: '**done** <!channel>' })))).toMatchObject({
      event: 'succeeded',
      outcome: 'success',
      environment: 'production',
      message: 'done <!channel>',
      time: '2026-12-04T03:00:00.000Z',
    });
  });
});
