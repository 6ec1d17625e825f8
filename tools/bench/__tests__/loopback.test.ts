import { describe, expect, it } from '@jest/globals';
import { withLoopback } from '../src/loopback.js';

describe('the loopback server of the start-up benchmark', () => {
  it('is started only when an input names it, and answers 200 where the placeholder was', async () => {
    const cases: { action: string; inputs: Record<string, string> }[] = [
      { action: 'health-check', inputs: { url: '{loopback}/healthz', mode: 'x' } },
      { action: 'notify', inputs: { event: 'started' } },
    ];
    const server = await withLoopback(cases);
    try {
      const url = cases[0]!.inputs['url']!;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/healthz$/);
      expect(cases[0]!.inputs['mode']).toBe('x');
      expect(cases[1]!.inputs).toEqual({ event: 'started' });
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('ok');
    } finally {
      server?.closeAllConnections();
      server?.close();
    }
    expect(await withLoopback([cases[1]!])).toBeUndefined();
  });
});
