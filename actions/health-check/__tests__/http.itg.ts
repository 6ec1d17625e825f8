// The bundled action through the harness against scripted Node HTTP and HTTPS servers on loopback: readiness after a
// few failures, flapping, slow answers, 5xx bursts, wrong JSON, a self-signed certificate, resets, a body that never
// ends, an error page served with 200, a hostile body, secrets in headers, a rollback command that fails, and a
// cancellation during a watch.
import { describe, expect, it, jest } from '@jest/globals';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { node24Path } from '@actions-kit/harness';
import {
  selfSignedCertificate,
  startScriptedServer,
  type AnswerScript,
  type ScriptedServer,
} from '@actions-kit/testkit';
import { errors, NODES, rendered } from '@actions-kit/testkit/bundles';
import { useTempDir } from '@actions-kit/testkit/hooks';
import { runAction } from './support/bundle.js';

jest.setTimeout(60_000);

const rig = useTempDir('health-check-http-');
const node24 = node24Path;

async function serve(script: AnswerScript, tls?: ReturnType<typeof selfSignedCertificate>): Promise<ScriptedServer> {
  const server = await startScriptedServer(script, tls ? { tls } : {});
  rig.running.push(server);
  return server;
}

/** Fast rounds: a check that decides in well under a second. */
const fast = (url: string, extra: Record<string, string> = {}): Record<string, string> => ({
  url,
  interval: '100ms',
  timeout: '500ms',
  deadline: '10s',
  ...extra,
});
const watch = (url: string, extra: Record<string, string> = {}) =>
  fast(url, { mode: 'watch', 'watch-duration': '10s', ...extra });

const OK = { status: 200, body: '{"status":"ok","checks":[{"healthy":true}]}' };

describe.each(NODES)('health-check until healthy under %s', (_label, nodePath) => {
  it('waits through 503s until three healthy answers in a row, and reports the figures', async () => {
    const server = await serve((n) => (n < 2 ? { status: 503, body: 'starting' } : OK));

    const result = await runAction(nodePath, { inputs: fast(server.url) });

    expect(result.outcome).toBe('success');
    expect(result.annotations).toEqual([]);
    expect(result.outputs).toMatchObject({ healthy: 'true', 'rolled-back': 'false', attempts: '5', reason: 'ok' });
    expect(Number(result.outputs['p50-ms'])).toBeGreaterThanOrEqual(0);
    expect(result.outputs.duration).toMatch(/^\d+(s\d+)?ms$|^\d+s$/);
    // The harness removes the runner's temp folder when the run ends: the file's content is run.test.ts's to check.
    expect(result.outputs['report-file']).toMatch(/runner-temp\/health-check-[\w-]+\.json$/);
    expect(rendered(result)).toMatch(/^## ✅ Health check: healthy\n/);
    expect(rendered(result)).toContain('xychart-beta');
    expect(rendered(result)).toMatch(
      /\| 1–2 \| \+0 ms \| status \| HTTP 503, expected 200-399 \(the body starts 'starting'\) \|/,
    );
    expect(result.post).toBeUndefined();
  });
});

describe('health-check faults, each named', () => {
  it.each([
    ['a 5xx burst', (n: number) => (n < 1 ? OK : { status: 502, body: 'bad gateway' }), {}, 'status', /HTTP 502/],
    ['a slow answer', () => ({ ...OK, delayMs: 2_000 }), { timeout: '300ms' }, 'timeout', /no answer within 300 ms/],
    ['a reset connection', () => ({ reset: true }) as const, {}, 'reset', /socket hang up|ECONNRESET|closed/],
    [
      'a body that never ends',
      () => ({ neverEnds: true }) as const,
      { timeout: '300ms' },
      'timeout',
      /the body did not end within 300 ms/,
    ],
    [
      'an error page served with 200',
      () => ({ status: 200, body: '<html><h1>Internal Error</h1></html>' }),
      { 'expect-body': '"status":"ok"' },
      'body',
      /the body does not match/,
    ],
    [
      'JSON missing the field',
      () => ({ status: 200, body: '{"checks":[{"healthy":true},{"name":"db"}]}' }),
      { 'expect-json': '$.checks[*].healthy == true' },
      'json',
      /expect-json line 1: \$\.checks\[1\]\.healthy is missing/,
    ],
    [
      'a slow but complete answer',
      () => ({ ...OK, delayMs: 150 }),
      { 'max-latency': '50ms' },
      'latency',
      /more than max-latency \(50 ms\)/,
    ],
  ])('%s', async (_what, script, extra, reason, detail) => {
    const server = await serve(script);

    const result = await runAction(node24, { inputs: watch(server.url, extra) });

    expect(result.outcome).toBe('failure');
    const [message, ...others] = errors(result);
    expect(others).toEqual([]);
    expect(message).toMatch(new RegExp(`^health-check: unhealthy \\(${reason}\\): 3 consecutive failing rounds: `));
    expect(message).toMatch(detail);
    expect(result.outputs).toMatchObject({ healthy: 'false', reason });
  });

  it('flapping within the threshold stays healthy in watch mode', async () => {
    const server = await serve((n) => (n % 3 === 2 ? { status: 500 } : OK));

    const result = await runAction(node24, { inputs: watch(server.url, { 'watch-duration': '1s' }) });

    expect(result.outcome).toBe('success');
    expect(result.outputs.healthy).toBe('true');
    expect(rendered(result)).toMatch(/\| 3 \| \+[\d.]+ m?s \| status \| HTTP 500/);
  });

  it('names refused and dns failures', async () => {
    const refused = await runAction(node24, { inputs: watch('http://127.0.0.1:1/') });
    expect(refused.outputs.reason).toBe('refused');
    expect(errors(refused)[0]).toMatch(/ECONNREFUSED/);

    const dns = await runAction(node24, { inputs: watch('http://health-check-test.invalid/') });
    expect(dns.outputs.reason).toBe('dns');
    expect(errors(dns)[0]).toMatch(/^health-check: unhealthy \(dns\): /);
  });

  it('refuses a self-signed certificate, and trusts it through ca-file or insecure', async () => {
    const certificate = selfSignedCertificate();
    const server = await serve(() => OK, certificate);
    const caFile = path.join(rig.dir, 'ca.pem');
    writeFileSync(caFile, certificate.cert);

    const refused = await runAction(node24, { inputs: watch(server.url) });
    expect(refused.outputs.reason).toBe('tls');
    expect(errors(refused)[0]).toMatch(/self-signed certificate/);

    const trusted = await runAction(node24, { inputs: fast(server.url, { 'ca-file': caFile }) });
    expect(trusted.outcome).toBe('success');

    const insecure = await runAction(node24, { inputs: fast(server.url, { insecure: 'true' }) });
    expect(insecure.outcome).toBe('success');
  });
});

describe('health-check output stays safe', () => {
  it('never runs a workflow command or renders HTML from a body', async () => {
    const hostile = '::error::pwned\n::add-mask::x\n<img src=x onerror=alert(1)></details> @org/team';
    const server = await serve(() => ({ status: 500, body: hostile }));

    const result = await runAction(node24, { inputs: watch(server.url) });

    expect(result.outcome).toBe('failure');
    expect(errors(result)).toHaveLength(1);
    expect(errors(result)[0]).toMatch(/^health-check: unhealthy \(status\): /);
    expect(result.masks).toEqual([]);
    expect(result.summary).not.toContain('<img');
    expect(result.summary).toContain('&lt;img');
    expect(result.log.join('\n')).toContain('::error::pwned');
  });

  it('masks header values, even when a body echoes them back', async () => {
    const secret = 'Bearer s3cr3t-value-42';
    const server = await serve((_n, request) => ({ status: 401, body: `rejected ${request.headers.authorization}` }));

    const result = await runAction(node24, {
      inputs: watch(server.url, { headers: `Authorization: ${secret}`, 'failure-threshold': '1' }),
    });

    expect(result.outputs.reason).toBe('status');
    expect(result.masks).toContain(secret);
    const stdoutWithoutMask = result.stdout.replace(`::add-mask::${secret}`, '');
    expect(stdoutWithoutMask).not.toContain('s3cr3t');
    expect(result.summary).not.toContain('s3cr3t');
  });
});

describe('health-check rollback-command', () => {
  it('runs once with the reason, shows its output guarded, and fails with both reasons when it fails', async () => {
    const server = await serve(() => ({ status: 503 }));
    const marker = path.join(rig.dir, 'rollbacks');
    const command = `echo "$HEALTH_FAILURE_REASON" >> ${marker}; echo '::error::from the command'; exit 4`;

    const result = await runAction(node24, {
      inputs: watch(server.url, { rollback: 'command', 'rollback-command': command }),
    });

    expect(result.outcome).toBe('failure');
    expect(readFileSync(marker, 'utf8')).toBe('status\n');
    expect(errors(result)).toEqual([
      expect.stringMatching(
        /^health-check: unhealthy \(status\): .*HTTP 503.*; the rollback failed too: rollback-command exited 4 after \d/,
      ),
    ]);
    expect(result.log.join('\n')).toContain('::error::from the command');
    expect(result.outputs['rolled-back']).toBe('false');
    expect(rendered(result)).toContain('Rollback: failed');
  });

  it('rolls back before exiting when the job is cancelled during a watch (SIGINT)', async () => {
    const server = await serve(() => OK);
    const marker = path.join(rig.dir, 'rolled-back');

    const result = await runAction(node24, {
      inputs: fast(server.url, {
        mode: 'watch',
        'watch-duration': '1m',
        rollback: 'command',
        'rollback-command': `sleep 0.3; echo "$HEALTH_FAILURE_REASON" > ${marker}`,
      }),
      cancelAfterMs: 1_500,
      cancellationDelays: { sigintToSigtermMs: 7_500, sigtermToSigkillMs: 2_500 },
    });

    expect(result.outcome).toBe('cancelled');
    expect(result.signalsSent.map((sent) => sent.signal)).toEqual(['SIGINT']);
    expect(existsSync(marker) && readFileSync(marker, 'utf8')).toBe('cancelled\n');
    expect(result.log.join('\n')).toContain(
      'health-check: SIGINT received (the job is being cancelled); stopping the check',
    );
    expect(errors(result)[0]).toMatch(
      /^health-check: cancelled \(SIGINT\) after \d+ rounds in .*; rolled back: rollback-command exited 0/,
    );
    expect(result.post?.outcome).toBe('success');
    expect(result.post?.log).toContain('health-check post: the main step already rolled back; not running it twice');
  });
});
