// getInputs() on a fake runner: defaults, every value parsed once, header values masked before anything can quote
// them, and each mistake refused naming the input, the value and the fix.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigurationError } from '@actions-kit/core';
import { fakeRunner, type FakeRunner } from '@actions-kit/testkit';
import { getInputs } from '../src/inputs.js';

let runner: FakeRunner;
beforeEach(() => {
  runner = fakeRunner();
  runner.setInput('url', 'https://app.example/health');
});
afterEach(() => runner.restore());

async function refusal(): Promise<string> {
  const error = await getInputs().then(
    () => new Error('expected a ConfigurationError, but the inputs were accepted'),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ConfigurationError);
  return (error as Error).message;
}

describe('getInputs', () => {
  it('applies the issue defaults', async () => {
    const inputs = await getInputs();

    expect(inputs).toMatchObject({
      urls: ['https://app.example/health'],
      request: { method: 'GET', headers: {}, timeoutMs: 3_000, insecure: false, followRedirects: false },
      metrics: [],
      intervalMs: 5_000,
      initialDelayMs: 0,
      decision: {
        mode: 'until-healthy',
        successThreshold: 3,
        failureThreshold: 3,
        deadlineMs: 300_000,
        watchDurationMs: 300_000,
        failureLimits: {},
      },
      rollback: { plan: { kind: 'none' }, onCancel: false },
      secrets: [],
    });
    expect(inputs.expectations.status.text).toBe('200-399');
    expect(inputs.prometheus).toBeUndefined();
  });

  it('reads every URL, header and expectation', async () => {
    runner.setInput('url', 'https://a.example/health\n\nhttp://b.example:8080/ready');
    runner.setInput('method', 'post');
    runner.setInput('headers', 'Authorization: Bearer abc.def\nX-Trace:  on ');
    runner.setInput('expected-status', '200,204');
    runner.setInput('expect-body', '"ok"');
    runner.setInput('expect-json', '$.status == "ok"');
    runner.setInput('max-latency', '500ms');

    const inputs = await getInputs();

    expect(inputs.urls).toEqual(['https://a.example/health', 'http://b.example:8080/ready']);
    expect(inputs.request.method).toBe('POST');
    expect(inputs.request.headers).toEqual({ authorization: 'Bearer abc.def', 'x-trace': 'on' });
    expect(inputs.expectations.body?.source).toBe('"ok"');
    expect(inputs.expectations.json).toHaveLength(1);
    expect(inputs.expectations.maxLatencyMs).toBe(500);
  });

  it('masks every header value, of the probes and of Prometheus, before anything else', async () => {
    runner.setInput('headers', 'Authorization: Bearer abc.def\nX-Env: staging');
    runner.setInput('metrics', '- name: up\n  query: up\n  condition: "> 0"');
    runner.setInput('prometheus-url', 'http://prometheus:9090');
    runner.setInput('prometheus-headers', 'Authorization: Basic dXNlcjpwYXNz');

    const inputs = await getInputs();

    expect(runner.stdout()).toBe('::add-mask::Bearer abc.def\n::add-mask::staging\n::add-mask::Basic dXNlcjpwYXNz\n');
    expect(inputs.secrets).toEqual(['Bearer abc.def', 'staging', 'Basic dXNlcjpwYXNz']);
    expect(inputs.prometheus?.headers).toEqual({ authorization: 'Basic dXNlcjpwYXNz' });
  });

  it('names a malformed header line by its number only, as it may be a token', async () => {
    runner.setInput('headers', 'X-Ok: 1\nBearer hunter2');

    const message = await refusal();

    expect(message).toMatch(/^headers: line 2 is not a header \(its text is not shown, as it may be a secret\)/);
    expect(message).not.toContain('hunter2');
  });

  it.each([
    [
      'url',
      'app.example/health',
      "url: 'app.example/health' is not a URL; write it whole, such as https://app.example.com/health",
    ],
    ['url', 'ftp://app.example/', "url: 'ftp://app.example/' is not an http or https URL"],
    ['method', 'GET /', "method: 'GET /' is not an HTTP method; use one such as GET, HEAD or POST"],
    ['mode', 'forever', "mode: 'forever' is not an accepted value; use one of 'until-healthy', 'watch'"],
    [
      'interval',
      '10',
      "interval: '10' is not a duration; use a number with a unit such as 500ms, 30s, 5m, 1h or 1m30s",
    ],
    ['success-threshold', '0', "success-threshold: '0' is less than the minimum of 1; use an integer from 1 to 1000"],
    ['expected-status', '200-600', "expected-status: '200-600' holds 600, which is not an HTTP status code"],
    ['rollback', 'yes', "rollback: 'yes' is not an accepted value; use one of 'none', 'command', 'blue-green'"],
  ])('refuses %s %j', async (name, value, message) => {
    runner.setInput(name, value);

    expect((await refusal()).startsWith(message)).toBe(true);
  });

  it('needs prometheus-url with metrics, and metrics with prometheus-url', async () => {
    runner.setInput('metrics', '- name: up\n  query: up\n  condition: "> 0"\n  failure-limit: 2');
    expect(await refusal()).toBe(
      "prometheus-url: required with metrics; set it to Prometheus's base URL, such as http://prometheus:9090",
    );

    runner.setInput('prometheus-url', 'http://prometheus:9090');
    const inputs = await getInputs();
    expect(inputs.prometheus?.url.href).toBe('http://prometheus:9090/');
    expect(inputs.decision.failureLimits).toEqual({ up: 2 });

    runner.setInput('metrics', '');
    expect(await refusal()).toBe('prometheus-url: set, but metrics is empty; add the metrics to check, or remove it');
  });

  it('reads ca-file as PEM text, and names a file it cannot read', async () => {
    const file = path.join(runner.dir, 'ca.pem');
    writeFileSync(file, '-----BEGIN CERTIFICATE-----\n');
    runner.setInput('ca-file', file);
    expect((await getInputs()).request.ca).toBe('-----BEGIN CERTIFICATE-----\n');

    runner.setInput('ca-file', path.join(runner.dir, 'missing.pem'));
    expect(await refusal()).toMatch(/^ca-file: '.*missing\.pem' cannot be read \(ENOENT\); set it to a PEM file/);
  });

  describe('rollback', () => {
    it('command: needs rollback-command, takes command-timeout, and rolls back on cancel unless told not to', async () => {
      runner.setInput('rollback', 'command');
      expect(await refusal()).toMatch(
        /^rollback-command: required with rollback: command; set it to the shell command/,
      );

      runner.setInput('rollback-command', './deploy.sh previous');
      runner.setInput('command-timeout', '2m');
      expect((await getInputs()).rollback).toEqual({
        plan: { kind: 'command', command: './deploy.sh previous', timeoutMs: 120_000 },
        onCancel: true,
      });

      runner.setInput('rollback-on-cancel', 'false');
      expect((await getInputs()).rollback.onCancel).toBe(false);
    });

    it('blue-green: reads the provider inputs as blue-green-switch does, and rollback-to', async () => {
      runner.setInput('rollback', 'blue-green');
      runner.setInput('provider', 'haproxy');
      expect(await refusal()).toMatch(/^haproxy-socket: required with provider haproxy; set it to /);

      runner.setInput('haproxy-socket', '/run/haproxy/admin.sock');
      runner.setInput('haproxy-backend', 'app');
      runner.setInput('rollback-to', 'blue');
      const { plan } = (await getInputs()).rollback;
      expect(plan).toMatchObject({ kind: 'blue-green', setup: { provider: 'haproxy' }, to: 'blue' });

      runner.setInput('rollback-to', 'purple');
      expect(await refusal()).toBe("rollback-to: 'purple' is not an accepted value; use one of 'blue', 'green'");
    });

    it.each([
      ['rollback-command', 'undo', 'command'],
      ['provider', 'haproxy', 'blue-green'],
      ['rollback-to', 'blue', 'blue-green'],
    ])('refuses %s without the rollback that uses it', async (name, value, wanted) => {
      runner.setInput(name, value);

      expect(await refusal()).toBe(`${name}: set, but rollback is none; set rollback to ${wanted}, or remove ${name}`);
    });
  });
});
