import { describe, expect, it } from '@jest/globals';
import { judge, retryAfterMs } from '../src/delivery.js';

const answer = (status: number, body = '', retryAfter: string | null = null) => ({ status, body, retryAfter });

describe('what a failed try means', () => {
  it('waits what Retry-After asks after a 429, in seconds or as a date', () => {
    expect(judge(answer(429, 'ratelimited', '7'), '', 1)).toEqual({
      retry: true,
      waitMs: 7_000,
      why: "rate limited (429: 'ratelimited')",
    });
    const now = Date.UTC(2026, 0, 1, 0, 0, 0);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
  });

  it('backs off more after each 5xx or missing answer, the last pause repeating', () => {
    const backoff = [100, 200];
    expect(judge(answer(503), '', 1, backoff)).toMatchObject({ retry: true, waitMs: 100 });
    expect(judge(undefined, 'ECONNREFUSED', 2, backoff)).toEqual({
      retry: true,
      waitMs: 200,
      why: 'no answer (ECONNREFUSED)',
    });
    expect(judge(answer(500), '', 9, backoff)).toMatchObject({ waitMs: 200 });
  });

  it('gives up at once on any other refusal, in the destination’s words, quoted', () => {
    expect(judge(answer(400, 'invalid_blocks\n::error::x'), '', 1)).toEqual({
      retry: false,
      why: "refused with 400: 'invalid_blocks\\n::error::x'",
    });
  });
});
