// The delivery loop against real loopback servers, waits taken by a ManualClock that passes them at once: the
// requests a destination sees and what the loop makes of its answers.
import { afterEach, describe, expect, it } from '@jest/globals';
import { ManualClock, startScriptedServer, type ScriptedServer } from '@actions-kit/testkit';
import { DeliveryError, deliver, fetchHttp } from '../src/delivery.js';
import { sendAll } from '../src/send-all.js';
import { buildMessage } from '../src/message.js';
import { baseInputs } from './support/message-inputs.js';

let server: ScriptedServer | undefined;
afterEach(() => server?.stop());

function policy(deadlineMs = 60_000): { http: ReturnType<typeof fetchHttp>; clock: ManualClock; deadline: number } {
  const clock = new ManualClock({ sleeps: 'pass-at-once' });
  return { http: fetchHttp(), clock, deadline: deadlineMs };
}

describe('delivering to one destination', () => {
  it('tries again after a 500 and takes the next answer', async () => {
    server = await startScriptedServer((n) => (n === 0 ? { status: 500, body: 'oops' } : { status: 200, body: 'ok' }));
    const answer = await deliver(policy(), { method: 'POST', url: new URL(server.url), body: '{}' });
    expect(answer.body).toBe('ok');
    expect(server.requests).toBe(2);
  });

  it('waits exactly what Retry-After asks after a 429', async () => {
    server = await startScriptedServer((n) =>
      n === 0 ? { status: 429, body: 'ratelimited', headers: { 'retry-after': '7' } } : { status: 200 },
    );
    const context = policy();
    await deliver(context, { method: 'POST', url: new URL(server.url) });
    expect(context.clock.now()).toBe(7_000);
  });

  it('gives up when Retry-After asks for more time than is left, saying so', async () => {
    server = await startScriptedServer(() => ({ status: 429, body: 'ratelimited', headers: { 'retry-after': '120' } }));
    await expect(deliver(policy(30_000), { method: 'POST', url: new URL(server.url) })).rejects.toThrow(
      "rate limited (429: 'ratelimited'), and the deadline came; it asked to wait 120 s",
    );
    expect(server.requests).toBe(1);
  });

  it('fails at once on a 400, with the body quoted', async () => {
    server = await startScriptedServer(() => ({ status: 400, body: 'invalid_blocks' }));
    await expect(deliver(policy(), { method: 'POST', url: new URL(server.url) })).rejects.toThrow(
      new DeliveryError("refused with 400: 'invalid_blocks'"),
    );
    expect(server.requests).toBe(1);
  });

  it('keeps trying a destination that is down until the deadline, then names the network error', async () => {
    server = await startScriptedServer(() => ({ status: 200 }));
    const url = new URL(server.url);
    await server.stop();
    server = undefined;
    await expect(deliver(policy(5_000), { method: 'POST', url })).rejects.toThrow(
      /^no answer \(ECONNREFUSED\) \(after \d+ tries\), and the deadline came$/,
    );
  });
});

describe('sending to every destination', () => {
  it('runs them all, one failing or throwing never stopping the others', async () => {
    const context = policy();
    const deliveries = await sendAll(
      [
        { name: 'a', sender: { send: async () => ({ detail: 'fine', outputs: { id: '1' } }) } },
        { name: 'b', sender: { send: () => Promise.reject(new DeliveryError('refused with 403')) } },
        { name: 'c', sender: { send: () => Promise.reject(new TypeError('a bug')) } },
      ],
      buildMessage(baseInputs),
      context,
    );
    expect(deliveries).toEqual([
      { destination: 'a', ok: true, detail: 'fine', outputs: { id: '1' } },
      { destination: 'b', ok: false, error: 'refused with 403' },
      { destination: 'c', ok: false, error: 'a bug' },
    ]);
  });
});
