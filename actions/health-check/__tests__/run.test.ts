// The main step's run() with plain objects: scripted answers, a manual clock, testkit's in-memory proxy. Every reason
// of the issue detected and named, the deadline kept to within one timeout, the rollback run once (also on a
// cancellation), and a failed rollback reported with both reasons.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '@actions-kit/core';
import {
  parseExpectBody,
  parseExpectedStatus,
  parseJsonExpectations,
  type MetricDefinition,
  type PrometheusResult,
} from '@actions-kit/probes';
import { failureOf, InMemoryProvider, ManualClock } from '@actions-kit/testkit';
import { useTempDir } from '@actions-kit/testkit/hooks';
import type { Inputs } from '../src/inputs.js';
import { run } from '../src/main.js';
import {
  after,
  always,
  baseInputs,
  recordingDeps,
  type ProbeAnswer,
  type RecordingDeps,
  type UrlScript,
} from './support/recording-deps.js';

const rig = useTempDir('health-check-run-');
const URL = 'http://app.test/health';
const OK: ProbeAnswer = { status: 200, body: '{"status":"ok"}' };
let clock: ManualClock;
beforeEach(() => {
  clock = new ManualClock({ sleeps: 'pass-at-once' });
});

const deps = (scripts: Record<string, UrlScript>, prometheus?: (query: string) => PrometheusResult): RecordingDeps =>
  recordingDeps(clock, rig.dir, scripts, prometheus ? { prometheus } : {});

const metric = (overrides: Partial<MetricDefinition> = {}): MetricDefinition => ({
  name: 'error-rate',
  query: 'sum(rate(errors[1m]))',
  condition: { text: '< 0.01', operator: '<', threshold: 0.01 },
  onEmpty: 'fail',
  ...overrides,
});

const withMetric = (definition: MetricDefinition, decision: Partial<Inputs['decision']> = {}): Inputs =>
  baseInputs(
    { metrics: [definition], prometheus: { url: new globalThis.URL('http://prometheus.test/'), headers: {} } },
    { mode: 'watch', ...decision },
  );

describe('run until healthy', () => {
  it('waits through refused connections, decides healthy, and reports every figure', async () => {
    const recording = deps({ [URL]: after(2, { failed: 'refused', message: 'connect ECONNREFUSED 10.0.0.1:80' }, OK) });

    await run(baseInputs(), recording);

    expect(recording.outputs).toEqual({
      healthy: 'true',
      'rolled-back': 'false',
      attempts: '5',
      duration: expect.stringMatching(/^4s\d+ms$/),
      'p50-ms': '10',
      'p95-ms': '10',
      reason: 'ok',
      'report-file': expect.stringMatching(new RegExp(`^${rig.dir}/health-check-[\\w-]+\\.json$`)),
    });
    const report = JSON.parse(await readFile(recording.outputs['report-file'] ?? '', 'utf8')) as {
      timeline: Array<{ kind: string; round: number; reason: string }>;
    };
    expect(report.timeline.map((entry) => entry.reason)).toEqual(['refused', 'refused', 'ok', 'ok', 'ok']);
    expect(recording.summaries[0]).toMatch(/^## ✅ Health check: healthy\n\n3 consecutive healthy rounds after 4\.0 s/);
    expect(recording.summaries[0]).toContain('```mermaid\nxychart-beta\n');
    expect(recording.summaries[0]).toMatch(/\| 1–2 \| \+0 ms \| refused \| connect ECONNREFUSED 10\.0\.0\.1:80 \|/);
    expect(recording.logger.infos).toContain('health-check: healthy: 3 consecutive healthy rounds after 4.0 s');
    expect(recording.phases).toEqual(['decided']);
  });

  it('fails at the deadline with reason deadline, naming what was still wrong', async () => {
    const recording = deps({ [URL]: always({ status: 503, body: 'maintenance' }) });

    const error = await failureOf(run(baseInputs({}, { deadlineMs: 5_000 }), recording));

    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toMatch(
      /^unhealthy \(deadline\): not healthy within the deadline of 5\.0 s \(0 of 3 consecutive healthy rounds\); last failure: status: http:\/\/app\.test\/health: HTTP 503, expected 200-399 \(the body starts 'maintenance'\)$/,
    );
    expect(recording.outputs).toMatchObject({ healthy: 'false', reason: 'deadline', attempts: '5' });
    expect(recording.summaries[0]).toMatch(/^## ❌ Health check: unhealthy \(deadline\)\n/);
    expect(recording.summaries[0]).toContain('Still failing at the deadline: status: ');
  });
});

describe('every reason is detected and named', () => {
  const failing = (answer: ProbeAnswer, inputs: Partial<Inputs> = {}, takesMs?: number) =>
    ({ scripts: { [URL]: always(answer, takesMs) }, inputs: baseInputs(inputs, { mode: 'watch' }) }) as const;
  const cases: Array<[string, ReturnType<typeof failing>, RegExp]> = [
    ['dns', failing({ failed: 'dns', message: 'getaddrinfo ENOTFOUND app.test' }), /ENOTFOUND app\.test/],
    ['refused', failing({ failed: 'refused', message: 'connect ECONNREFUSED' }), /ECONNREFUSED/],
    ['reset', failing({ failed: 'reset', message: 'socket hang up' }), /socket hang up/],
    ['tls', failing({ failed: 'tls', message: 'self-signed certificate' }), /self-signed certificate/],
    ['timeout', failing(OK, {}, 5_000), /timeout/],
    ['status', failing({ status: 500, body: 'oops' }), /HTTP 500, expected 200-399 \(the body starts 'oops'\)/],
    [
      'body',
      failing(
        { status: 200, body: '<html>Error</html>' },
        { expectations: { status: parseExpectedStatus('200'), body: parseExpectBody('"status":"ok"') } },
      ),
      /the body does not match/,
    ],
    [
      'json',
      failing(
        { status: 200, body: '{"checks":[]}' },
        { expectations: { status: parseExpectedStatus('200'), json: parseJsonExpectations('$.status == "ok"') } },
      ),
      /expect-json line 1: \$\.status is missing/,
    ],
    [
      'latency',
      failing(OK, { expectations: { status: parseExpectedStatus('200'), maxLatencyMs: 100 } }, 250),
      /took 250 ms, more than max-latency \(100 ms\)/,
    ],
  ];

  it.each(cases)('%s', async (reason, { scripts, inputs }, detail) => {
    const recording = deps(scripts);

    const error = await failureOf(run(inputs, recording));

    expect(error.message).toMatch(new RegExp(`^unhealthy \\(${reason}\\): 3 consecutive failing rounds: `));
    expect(error.message).toMatch(detail);
    expect(recording.outputs.reason).toBe(reason);
    expect(recording.outputs.attempts).toBe('3');
  });

  const vector = (value: number): PrometheusResult => ({
    kind: 'samples',
    resultType: 'vector',
    samples: [{ labels: { job: 'api' }, value }],
  });
  it.each([
    ['metric', vector(0.25), /error-rate: 0\.25 is not < 0\.01 for '\{job="api"\}'/],
    ['metric', vector(NaN), /NaN \(no number, which never passes\) is not < 0\.01/],
    ['metric-empty', { kind: 'empty' } as const, /the query returned no data \(on-empty: fail\)/],
    [
      'prometheus-down',
      { kind: 'prometheus-down', detail: 'connection refused (ECONNREFUSED)' } as const,
      /Prometheus did not answer: connection refused/,
    ],
  ])('%s from Prometheus: %p', async (reason, answer, detail) => {
    const recording = deps({ [URL]: always(OK) }, () => answer);

    const error = await failureOf(run(withMetric(metric()), recording));

    expect(error.message).toMatch(new RegExp(`^unhealthy \\(${reason}\\): 3 consecutive failing rounds: `));
    expect(error.message).toMatch(detail);
    expect(recording.outputs.reason).toBe(reason);
    expect(recording.summaries[0]).toContain('### Metric error-rate: < 0.01');
  });

  it('a metric within its failure-limit fails only past it', async () => {
    let calls = 0;
    const recording = deps({ [URL]: always(OK) }, () => (calls++ === 1 || calls > 4 ? vector(0.5) : vector(0)));

    const error = await failureOf(
      run(
        withMetric(metric({ failureLimit: 1 }), { watchDurationMs: 10_000, failureLimits: { 'error-rate': 1 } }),
        recording,
      ),
    );

    expect(error.message).toMatch(/^unhealthy \(metric\): error-rate failed 2 times, more than its failure-limit of 1/);
    expect(recording.outputs.attempts).toBe('5');
  });

  it('does not roll back for a query that can never be judged', async () => {
    const recording = deps({ [URL]: always(OK) }, () => ({ kind: 'bad-query', detail: "'bad_data: parse error'" }));
    const inputs = {
      ...withMetric(metric()),
      rollback: { plan: { kind: 'command', command: 'undo', timeoutMs: 1_000 }, onCancel: true },
    } satisfies Inputs;

    const error = await failureOf(run(inputs, recording));

    expect(error.message).toMatch(
      /^a metric cannot be judged, which says nothing about the service \(no rollback\): error-rate: Prometheus rejected the query/,
    );
    expect(recording.outputs.reason).toBe('metric');
    expect(recording.commands).toEqual([]);
  });
});

describe('the deadline', () => {
  it.each([
    ['probes that fail at once', 10],
    ['probes that each take the whole timeout', 5_000],
  ])('is never overrun by more than one timeout, with %s', async (_what, takesMs) => {
    const recording = deps({ [URL]: always({ status: 500 }, takesMs) });
    const inputs = baseInputs(
      { intervalMs: 3_000, initialDelayMs: 1_500, request: { ...baseInputs().request, timeoutMs: 2_000 } },
      { deadlineMs: 10_000 },
    );

    await failureOf(run(inputs, recording));

    const report = JSON.parse(await readFile(recording.outputs['report-file'] ?? '', 'utf8')) as {
      durationMs: number;
      timeline: Array<{ atMs: number }>;
    };
    expect(report.durationMs).toBeGreaterThanOrEqual(10_000);
    expect(report.durationMs).toBeLessThanOrEqual(12_000);
    expect(report.timeline.map((entry) => entry.atMs)).toEqual([1_500, 4_500, 7_500]);
    expect(recording.outputs.reason).toBe('deadline');
  });

  it('watch mode ends healthy when watch-duration passes without enough consecutive failures', async () => {
    const recording = deps({ [URL]: (call) => ({ result: call % 2 === 0 ? { status: 502 } : OK }) });

    await run(baseInputs({}, { mode: 'watch', watchDurationMs: 6_000 }), recording);

    expect(recording.outputs).toMatchObject({ healthy: 'true', reason: 'ok', attempts: '6' });
    expect(recording.summaries[0]).toMatch(/Watched 6 rounds for 6\.0 s without 3 consecutive failures/);
    expect(recording.summaries[0]).toMatch(/\| 1 \| \+0 ms \| status \|/);
    expect(recording.summaries[0]).toMatch(/\| 5 \| \+4\.\d s \| status \|/);
  });
});

describe('rollback', () => {
  const commandRollback = (onCancel = true): Inputs['rollback'] => ({
    plan: { kind: 'command', command: './undo.sh', timeoutMs: 60_000 },
    onCancel,
  });

  it('runs rollback-command once with the reason, shows its output guarded, and says so', async () => {
    const recording = deps({ [URL]: always({ status: 500 }) });
    recording.commandResult = {
      exitCode: 0,
      signal: null,
      output: '::error::from the command\nrestored v1\n',
      timedOut: false,
    };

    const error = await failureOf(run(baseInputs({ rollback: commandRollback() }, { mode: 'watch' }), recording));

    expect(recording.commands).toEqual([{ command: './undo.sh', reason: 'status', timeoutMs: 60_000 }]);
    expect(recording.untrusted).toEqual(['::error::from the command\nrestored v1\n']);
    expect(error.message).toMatch(/^unhealthy \(status\): .*; rolled back: rollback-command exited 0 after \d+ ms$/);
    expect(recording.outputs['rolled-back']).toBe('true');
    expect(recording.phases).toEqual(['rollback-started', 'rollback-done']);
    expect(recording.summaries[0]).toMatch(/### Rollback: done\n\nCommand: rollback-command exited 0/);
    expect(recording.summaries[0]).toContain('<summary>Output</summary>');
  });

  it('fails the step with both reasons when the rollback fails too', async () => {
    const recording = deps({ [URL]: always({ failed: 'refused', message: 'connect ECONNREFUSED' }) });
    recording.commandResult = { exitCode: 3, signal: null, output: 'no previous version\n', timedOut: false };

    const error = await failureOf(run(baseInputs({ rollback: commandRollback() }, { mode: 'watch' }), recording));

    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toMatch(
      /^unhealthy \(refused\): 3 consecutive failing rounds: .*ECONNREFUSED; the rollback failed too: rollback-command exited 3 after \d+ ms$/,
    );
    expect(recording.outputs['rolled-back']).toBe('false');
    expect(recording.commands).toHaveLength(1);
    expect(recording.summaries[0]).toMatch(/### Rollback: failed/);
  });

  it('does not roll back a healthy service', async () => {
    const recording = deps({ [URL]: always(OK) });

    await run(baseInputs({ rollback: commandRollback() }), recording);

    expect(recording.commands).toEqual([]);
    expect(recording.outputs['rolled-back']).toBe('false');
  });

  describe('blue-green', () => {
    let proxy: InMemoryProvider;
    beforeEach(() => {
      proxy = new InMemoryProvider(path.join(rig.dir, 'app.lock'), { blue: false, green: true });
    });
    const blueGreen = (to?: 'blue' | 'green'): Inputs['rollback'] => ({
      plan: { kind: 'blue-green', setup: { provider: 'memory', settings: {} }, ...(to && { to }) },
      onCancel: true,
    });

    it('switches back to the color that was not live when the check started', async () => {
      const recording = recordingDeps(clock, rig.dir, { [URL]: always({ status: 500 }) }, { proxy });

      const error = await failureOf(run(baseInputs({ rollback: blueGreen() }, { mode: 'watch' }), recording));

      expect(recording.targets).toEqual(['blue']);
      expect(proxy.enabled).toEqual({ blue: true, green: false });
      expect(proxy.switchCalls).toBe(1);
      expect(error.message).toMatch(/; rolled back: switched green → blue on in-memory proxy$/);
      expect(recording.outputs['rolled-back']).toBe('true');
      expect(recording.logger.infos).toContain(
        'health-check: a rollback switches back to blue (green was live when the check started)',
      );
    });

    it('refuses to start when neither color alone is live and rollback-to is empty', async () => {
      proxy.enabled.blue = true;
      const recording = recordingDeps(clock, rig.dir, { [URL]: always(OK) }, { proxy });

      const error = await failureOf(run(baseInputs({ rollback: blueGreen() }), recording));

      expect(error).toBeInstanceOf(UserError);
      expect(error.message).toBe(
        'rollback-to: empty, and in-memory proxy has both live (blue on, green on), so the color to go back to is ' +
          'unknown; set rollback-to to blue or green (e.g. the previous output of blue-green-switch)',
      );
      expect(recording.outputs).toEqual({});
    });
  });

  it('rolls back once, within the cancellation window, when the job is cancelled mid-watch', async () => {
    const recording = deps({
      [URL]: (call) => {
        if (call === 2) recording.cancel('SIGINT');
        return { result: OK };
      },
    });

    const error = await failureOf(run(baseInputs({ rollback: commandRollback() }, { mode: 'watch' }), recording));

    expect(error.message).toMatch(
      /^cancelled \(SIGINT\) after 2 rounds in 2\.\d s; rolled back: rollback-command exited 0/,
    );
    expect(recording.commands).toEqual([{ command: './undo.sh', reason: 'cancelled', timeoutMs: 6_000 }]);
    expect(recording.outputs).toMatchObject({ healthy: 'false', reason: '', 'rolled-back': 'true', attempts: '2' });
    expect(recording.phases).toEqual(['rollback-started', 'rollback-done']);
    expect(recording.summaries[0]).toMatch(/^## ❌ Health check: cancelled\n/);
  });

  it('leaves the service alone on a cancellation when rollback-on-cancel is false', async () => {
    const recording = deps({
      [URL]: (call) => {
        if (call === 0) recording.cancel('SIGINT');
        return { result: OK };
      },
    });

    const error = await failureOf(run(baseInputs({ rollback: commandRollback(false) }), recording));

    expect(error.message).toMatch(/^cancelled \(SIGINT\) after 0 rounds in \d+ ms$/);
    expect(recording.commands).toEqual([]);
    expect(recording.phases).toEqual([]);
  });
});

describe('what the check reports', () => {
  it('blanks header values a body echoes back out of every detail', async () => {
    const recording = deps({ [URL]: always({ status: 401, body: 'bad token Bearer s3cr3t-t0ken' }) });
    const inputs = baseInputs(
      {
        request: { ...baseInputs().request, headers: { authorization: 'Bearer s3cr3t-t0ken' } },
        secrets: ['Bearer s3cr3t-t0ken'],
      },
      { mode: 'watch' },
    );

    const error = await failureOf(run(inputs, recording));

    expect(error.message).toContain("the body starts 'bad token ***'");
    const everything = [error.message, ...recording.summaries, ...recording.logger.infos].join('\n');
    expect(everything).not.toContain('s3cr3t');
    expect(await readFile(recording.outputs['report-file'] ?? '', 'utf8')).not.toContain('s3cr3t');
  });

  it('says in one line per round how the decision stands', async () => {
    const recording = deps({ [URL]: after(1, { status: 500 }, OK) });

    await run(baseInputs({}, { successThreshold: 2 }), recording);

    expect(recording.logger.infos.filter((line) => line.includes(' round '))).toEqual([
      'health-check: round 1 (+0 ms): status, http://app.test/health: HTTP 500, expected 200-399 (the body is empty)',
      'health-check: round 2 (+1.0 s): healthy, 1 of 2 consecutive healthy rounds',
      'health-check: round 3 (+2.0 s): healthy, 2 of 2 consecutive healthy rounds',
    ]);
  });
});
