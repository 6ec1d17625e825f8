import { describe, expect, it } from '@jest/globals';
import { parseExpectedStatus } from '../src/expected-status.js';
import { parseJsonExpectations } from '../src/json-expectations.js';
import {
  judgeResponse,
  observeHttpProbe,
  parseExpectBody,
  type HttpObservation,
  type ResponseExpectations,
} from '../src/response-checks.js';
import { configurationError } from './support/configuration-error.js';

const URL = 'https://app.example/health';
const jsonBody = (value: unknown): HttpObservation => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(value),
  latencyMs: 12.4,
});
const expectations: ResponseExpectations = {
  status: parseExpectedStatus('200-399'),
  body: /"status"/,
  json: parseJsonExpectations('$.status == "ok"\n$.checks[*].healthy == true'),
  maxLatencyMs: 500,
};
const healthy = { status: 'ok', checks: [{ healthy: true }] };

describe('judgeResponse', () => {
  it('is ok when every check holds', () => {
    expect(judgeResponse(URL, jsonBody(healthy), expectations)).toEqual({
      url: URL,
      reason: 'ok',
      status: 200,
      latencyMs: 12.4,
      detail: 'HTTP 200 in 12 ms',
    });
  });

  it('names the transport failure the probe classified', () => {
    const observation: HttpObservation = {
      headers: {},
      body: '',
      latencyMs: 3,
      failure: 'refused',
      failureDetail: 'connection refused (ECONNREFUSED)',
    };
    expect(judgeResponse(URL, observation, expectations)).toEqual({
      url: URL,
      reason: 'refused',
      latencyMs: 3,
      detail: 'connection refused (ECONNREFUSED)',
    });
  });

  it('names the reason when the probe gives no detail', () => {
    const observation: HttpObservation = { headers: {}, body: '', latencyMs: 3000, failure: 'timeout' };
    expect(judgeResponse(URL, observation, expectations)).toMatchObject({
      reason: 'timeout',
      detail: 'no response (timeout)',
    });
  });

  it('fails an error status, showing how the body starts', () => {
    const observation: HttpObservation = { status: 503, headers: {}, body: 'Service Unavailable', latencyMs: 2 };
    expect(judgeResponse(URL, observation, expectations)).toMatchObject({
      reason: 'status',
      status: 503,
      detail: "HTTP 503, expected 200-399 (the body starts 'Service Unavailable')",
    });
  });

  it('fails a 200 error page on expect-body', () => {
    const observation: HttpObservation = { status: 200, headers: {}, body: '<h1>Oops, an error</h1>', latencyMs: 2 };
    expect(judgeResponse(URL, observation, expectations)).toMatchObject({
      reason: 'body',
      detail: `the body does not match '"status"' (the body starts '<h1>Oops, an error</h1>')`,
    });
  });

  it('fails a 200 error page on expect-json when there is no expect-body', () => {
    const observation: HttpObservation = { status: 200, headers: {}, body: '<h1>Oops</h1>', latencyMs: 2 };
    expect(judgeResponse(URL, observation, { ...expectations, body: undefined })).toMatchObject({
      reason: 'json',
      detail: "the body is not JSON (the body starts '<h1>Oops</h1>')",
    });
  });

  it('fails JSON that misses a field, naming the line and the path', () => {
    expect(judgeResponse(URL, jsonBody({ status: 'ok', checks: [{}] }), expectations)).toMatchObject({
      reason: 'json',
      detail: 'expect-json line 2: $.checks[0].healthy is missing',
    });
  });

  it('fails a slow answer that is otherwise right', () => {
    expect(judgeResponse(URL, { ...jsonBody(healthy), latencyMs: 812.6 }, expectations)).toMatchObject({
      reason: 'latency',
      detail: 'took 813 ms, more than max-latency (500 ms)',
    });
  });

  it('checks the status first, then the body, the JSON and the latency', () => {
    const everythingWrong: HttpObservation = { status: 500, headers: {}, body: 'x', latencyMs: 9_999 };
    const reasons = [
      judgeResponse(URL, everythingWrong, expectations).reason,
      judgeResponse(URL, { ...everythingWrong, status: 200 }, expectations).reason,
      judgeResponse(URL, { ...everythingWrong, status: 200, body: '{"status": 1}' }, expectations).reason,
      judgeResponse(URL, { ...jsonBody(healthy), latencyMs: 9_999 }, expectations).reason,
    ];
    expect(reasons).toEqual(['status', 'body', 'json', 'latency']);
  });

  it('needs only the status when nothing else is expected', () => {
    const observation: HttpObservation = { status: 204, headers: {}, body: '', latencyMs: 50_000 };
    expect(judgeResponse(URL, observation, { status: parseExpectedStatus('204') }).reason).toBe('ok');
  });

  it('says so when the body is empty', () => {
    const observation: HttpObservation = { status: 500, headers: {}, body: '', latencyMs: 1 };
    expect(judgeResponse(URL, observation, expectations).detail).toBe('HTTP 500, expected 200-399 (the body is empty)');
  });

  it('never lets a body with workflow commands reach the detail unshortened or on its own line', () => {
    const body = `::error title=pwned::gotcha\n::add-mask::x\n<script>${'a'.repeat(10_000)}`;
    const { detail } = judgeResponse(URL, { status: 500, headers: {}, body, latencyMs: 1 }, expectations);
    expect(detail).not.toContain('\n');
    expect(detail.length).toBeLessThan(160);
  });
});

describe('parseExpectBody', () => {
  it('reads a pattern, and blank text as no check', () => {
    expect(parseExpectBody('"status":\\s*"ok"')?.test('{"status": "ok"}')).toBe(true);
    expect(parseExpectBody('  ')).toBeUndefined();
  });

  it('refuses a pattern that does not compile, naming the input', () => {
    expect(configurationError(() => parseExpectBody('healthy(', 'expect-body'))).toMatch(
      /^expect-body: 'healthy\(' is not a regular expression \('Invalid regular expression: .*'\); write a JavaScript pattern/,
    );
  });
});

describe('observeHttpProbe', () => {
  const failed = (reason: 'dns' | 'refused' | 'reset' | 'tls' | 'timeout' | 'protocol' | 'other', message: string) =>
    observeHttpProbe({ answered: false, reason, message, url: URL, latencyMs: 3 });

  it('keeps an answer with its headers joined into one value each', () => {
    const observation = observeHttpProbe({
      answered: true,
      status: 503,
      headers: { 'content-type': 'text/html', 'set-cookie': ['a=1', 'b=2'] },
      body: '<html>',
      bodyCut: false,
      url: URL,
      latencyMs: 7,
    });
    expect(observation).toEqual({
      status: 503,
      headers: { 'content-type': 'text/html', 'set-cookie': 'a=1, b=2' },
      body: '<html>',
      latencyMs: 7,
    });
  });

  it.each([
    ['dns', 'getaddrinfo ENOTFOUND nowhere.invalid', 'dns', 'getaddrinfo ENOTFOUND nowhere.invalid'],
    ['refused', 'connect ECONNREFUSED 127.0.0.1:1', 'refused', 'connect ECONNREFUSED 127.0.0.1:1'],
    ['timeout', 'no answer within 100 ms', 'timeout', 'no answer within 100 ms'],
    [
      'protocol',
      'Parse Error (HPE_INVALID_CONSTANT)',
      'status',
      'the answer is not HTTP: Parse Error (HPE_INVALID_CONSTANT)',
    ],
    ['other', 'connect EHOSTUNREACH 10.0.0.1:80', 'refused', 'request failed: connect EHOSTUNREACH 10.0.0.1:80'],
  ] as const)('names a %s failure in the health vocabulary', (probeReason, message, reason, detail) => {
    const outcome = judgeResponse(URL, failed(probeReason, message), expectations);
    expect(outcome).toEqual({ url: URL, reason, latencyMs: 3, detail });
  });
});
