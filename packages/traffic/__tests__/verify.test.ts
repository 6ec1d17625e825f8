// Verification: consecutive answers within a timeout, and the HTTP probe reading a header or the body.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpColorProbe } from '../src/http-color-probe.js';
import { summariseVerification, verifyLive, type ColorAnswer, type Verification } from '../src/verify.js';
import { ManualClock } from '@actions-kit/testkit';

function scripted(clock: ManualClock, answers: ColorAnswer[]) {
  let i = 0;
  return async () => {
    clock.elapse(10);
    return answers[Math.min(i++, answers.length - 1)] ?? {};
  };
}

describe('verifyLive', () => {
  it('passes on the required number of consecutive answers, a wrong one resetting the count', async () => {
    const clock = new ManualClock({ sleeps: 'pass-at-once' });
    const ok = { status: 200, color: 'green' };
    const probe = scripted(clock, [ok, ok, { status: 200, color: 'blue' }, ok, ok, ok]);

    const result = await verifyLive('green', probe, { requests: 3, timeoutMs: 5_000 }, clock);

    expect(result).toMatchObject({
      passed: true,
      streak: 3,
      attempts: 6,
      seen: { green: 5, blue: 1, other: 0, failed: 0 },
    });
    expect(result.lastMismatch).toBe("HTTP 200 with 'blue'");
  });

  it('fails at the timeout, counting errors, 5xx and unknown colors apart', async () => {
    const clock = new ManualClock({ sleeps: 'pass-at-once' });
    const probe = scripted(clock, [
      { error: 'connect ECONNREFUSED' },
      { status: 502 },
      { status: 200, color: '<script>' },
    ]);

    const result = await verifyLive('green', probe, { requests: 3, timeoutMs: 1_000, retryDelayMs: 100 }, clock);

    expect(result.passed).toBe(false);
    expect(result.seen).toEqual({ blue: 0, green: 0, other: result.attempts - 2, failed: 2 });
    expect(result.lastMismatch).toBe('HTTP 200 with an unreadable color');
    expect(clock.now()).toBeGreaterThanOrEqual(1_000);
  });
});

describe('summariseVerification', () => {
  const passed: Verification = {
    color: 'green',
    passed: true,
    required: 1,
    streak: 1,
    attempts: 1,
    seen: { blue: 0, green: 1, other: 0, failed: 0 },
    elapsedMs: 4.6,
  };

  it('agrees with its counts, one answer and one request included', () => {
    expect(summariseVerification(passed)).toBe(
      '1 of 1 consecutive answer from green after 1 request in 5 ms (seen: green 1)',
    );
  });

  it('groups the digits of large counts and writes the time as people read it', () => {
    const failed: Verification = {
      ...passed,
      passed: false,
      required: 1_000,
      streak: 0,
      attempts: 1_234,
      seen: { blue: 1_234, green: 0, other: 0, failed: 0 },
      lastMismatch: "HTTP 200 with 'blue'",
      elapsedMs: 10_009,
    };
    expect(summariseVerification(failed)).toBe(
      '0 of 1,000 consecutive answers from green after 1,234 requests in 10.0 s (seen: blue 1,234); last other ' +
        "answer: HTTP 200 with 'blue'",
    );
  });
});

describe('verifyLive near its timeout', () => {
  it('never gives a request a timeout of 0 or less, however little time is left', async () => {
    // A clock that moves on 2 ms each time it is read, as a busy machine's does between a check and a use: with
    // requests of 1 ms, one check finds 47 of 48 ms gone, and the next read finds 49.
    class CreepingClock extends ManualClock {
      override now(): number {
        this.elapse(2);
        return super.now();
      }
    }
    const clock = new CreepingClock();
    const timeouts: number[] = [];
    const probe = async (timeoutMs: number): Promise<ColorAnswer> => {
      timeouts.push(timeoutMs);
      clock.elapse(1);
      return { status: 200, color: 'green' };
    };

    const result = await verifyLive('green', probe, { requests: 1_000, timeoutMs: 48 }, clock);

    expect(result.passed).toBe(false);
    expect(timeouts.length).toBeGreaterThan(5);
    expect(Math.min(...timeouts)).toBeGreaterThanOrEqual(1);
  });
});

describe('httpColorProbe', () => {
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    server = http.createServer((_request, response) => {
      response.writeHead(200, { 'x-color': 'green' }).end('{"color":"blue"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('reads the color from a header', async () => {
    expect(await httpColorProbe({ url, header: 'X-Color' })(1_000)).toEqual({ status: 200, color: 'green' });
  });

  it('reads the color from the first group of a body pattern', async () => {
    expect(await httpColorProbe({ url, bodyPattern: '"color":"(\\w+)"' })(1_000)).toEqual({
      status: 200,
      color: 'blue',
    });
  });

  it('reports a refused connection as an error answer', async () => {
    const answer = await httpColorProbe({ url: 'http://127.0.0.1:1/', header: 'x-color' })(1_000);
    expect(answer.error).toMatch(/127\.0\.0\.1:1: connect ECONNREFUSED/);
  });

  it('gives up on a silent server even when handed a timeout of 0 or less (never waits forever)', async () => {
    const silent = http.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
      for (const timeoutMs of [0, -0.005]) {
        expect(await httpColorProbe({ url: silentUrl, header: 'x-color' })(timeoutMs)).toEqual({
          error: expect.stringMatching(/no answer within 1 ms/),
        });
      }
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('names the input for a bad URL, a bad pattern, or neither header nor body', () => {
    expect(() => httpColorProbe({ url: 'not a url', header: 'x' })).toThrow("verify-url: 'not a url' is not a URL");
    expect(() => httpColorProbe({ url, bodyPattern: '(' })).toThrow(
      /verify-body: '\(' is not a valid regular expression/,
    );
    expect(() => httpColorProbe({ url })).toThrow(/set exactly one of verify-header .* or verify-body/);
  });

  it('refuses a body pattern without a group, whose whole match could never be a color', () => {
    expect(() => httpColorProbe({ url, bodyPattern: '"color":"\\w+"' })).toThrow(
      `verify-body: '"color":"\\w+"' has no group to read the color from; put the color's part in parentheses, ` +
        'e.g. "color":"(\\w+)"',
    );
    expect(() => httpColorProbe({ url, bodyPattern: '(?:blue|green)' })).toThrow(/has no group/);
    expect(() => httpColorProbe({ url, bodyPattern: '"color":"(?<color>\\w+)"' })).not.toThrow();
  });

  it("says why a body pattern is not a regular expression without repeating it raw, as V8's message does", () => {
    expect(() => httpColorProbe({ url, bodyPattern: '\u001b(' })).toThrow(
      `verify-body: '\\x1b(' is not a valid regular expression (Unterminated group); use e.g. "color":"(\\w+)"`,
    );
  });

  it('refuses a header name HTTP does not allow, and a URL the parser would silently change', () => {
    expect(() => httpColorProbe({ url, header: 'x color' })).toThrow(
      /^verify-header: 'x color' contains a space; use an HTTP header name/,
    );
    expect(() => httpColorProbe({ url: `${url}\nx`, header: 'x-color' })).toThrow(
      /^verify-url: '.*\\nx' contains a line break; use e\.g\. http:/,
    );
  });
});
