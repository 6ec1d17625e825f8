// What a failed GitHub request means, and how long to wait before trying it again.
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_RETRY_POLICY, judge, retryWait, type FailedRequest } from '../src/github-answers.js';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const failed = (status: number | undefined, headers: FailedRequest['headers'] = {}, method = 'GET'): FailedRequest => ({
  method,
  status,
  headers,
  message: 'Resource not accessible by integration',
});

describe('judge', () => {
  it('reads the primary rate limit from x-ratelimit-remaining 0 and x-ratelimit-reset', () => {
    const reset = String(NOW / 1_000 + 42);
    expect(judge(failed(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }), NOW)).toEqual({
      kind: 'rate-limited',
      waitMs: 42_000,
    });
  });

  it('takes retry-after first, on 403 and 429', () => {
    expect(judge(failed(403, { 'retry-after': '7' }), NOW)).toEqual({ kind: 'rate-limited', waitMs: 7_000 });
    expect(judge(failed(429, { 'retry-after': '3' }), NOW)).toEqual({ kind: 'rate-limited', waitMs: 3_000 });
  });

  it('waits a minute for a secondary rate limit that gives no header', () => {
    const secondary = { ...failed(403), message: 'You have exceeded a secondary rate limit' };
    expect(judge(secondary, NOW)).toEqual({ kind: 'rate-limited', waitMs: 60_000 });
  });

  it('takes a plain 403 for a refusal, not a rate limit', () => {
    expect(judge(failed(403, { 'x-ratelimit-remaining': '4999' }), NOW)).toEqual({ kind: 'refused' });
    expect(judge(failed(404), NOW)).toEqual({ kind: 'refused' });
  });

  it('takes a 5xx or no answer for unavailable', () => {
    expect(judge(failed(502), NOW)).toEqual({ kind: 'unavailable' });
    expect(judge(failed(undefined), NOW)).toEqual({ kind: 'unavailable' });
  });
});

describe('retryWait', () => {
  const policy = DEFAULT_RETRY_POLICY;

  it('waits out a rate limit within the policy, a set number of times', () => {
    const limited = { kind: 'rate-limited', waitMs: 5_000 } as const;
    expect(retryWait(failed(403), limited, 0, 0, policy)).toBe(5_000);
    expect(retryWait(failed(403, {}, 'POST'), limited, 1, 5_000, policy)).toBe(5_000);
    expect(retryWait(failed(403), limited, policy.maxRateLimitRetries, 10_000, policy)).toBeUndefined();
  });

  it('gives up on a rate limit longer than what is left of the total wait', () => {
    expect(retryWait(failed(403), { kind: 'rate-limited', waitMs: 61_000 }, 0, 0, policy)).toBeUndefined();
    expect(retryWait(failed(403), { kind: 'rate-limited', waitMs: 30_000 }, 0, 31_000, policy)).toBeUndefined();
  });

  it('tries a read or an update again after a 5xx with growing waits, then gives up', () => {
    const unavailable = { kind: 'unavailable' } as const;
    expect(retryWait(failed(502), unavailable, 0, 0, policy)).toBe(1_000);
    expect(retryWait(failed(502, {}, 'PATCH'), unavailable, 1, 1_000, policy)).toBe(3_000);
    expect(retryWait(failed(502), unavailable, 2, 4_000, policy)).toBeUndefined();
  });

  it('never sends a create again after a 5xx: GitHub may have made the comment', () => {
    expect(retryWait(failed(502, {}, 'POST'), { kind: 'unavailable' }, 0, 0, policy)).toBeUndefined();
  });

  it('never tries a refusal again', () => {
    expect(retryWait(failed(403), { kind: 'refused' }, 0, 0, policy)).toBeUndefined();
  });
});
