// The blue-green deploy workflow under act, called as a user's repository calls it, against a real HAProxy and two
// instances of the sample service started here (blue live, green idle). The caller's deploy command is the sample's
// deploy-local.js, which replaces the idle color's instance with the release. A good release is switched to and
// stays; a bad one (healthy until it serves real traffic) is caught by the watch and switched back, while wrk
// holds load through HAProxy and counts every failed request. Both notify the deploy's start and end to a real
// Pushgateway.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import {
  colorsAt,
  freePort,
  requireBinary,
  startHaproxy,
  startProcess,
  startPushgateway,
  wrkFigures,
  type HaproxyHandle,
  type PushgatewayHandle,
} from '@actions-kit/testkit';
import { callerWorkflow, commitAll, resultFile, root, runAct, sampleVariant } from './support/act.js';

jest.setTimeout(180_000);

const SAMPLE = path.join(root, 'examples/sample-service');
let dir: string;
let deployDir: string;
let ports: { blue: number; green: number };
let haproxy: HaproxyHandle;
let pushgateway: PushgatewayHandle;

/** What deploy-local.js does for a caller; here it starts the two colors before the first run. */
function deployLocally(color: 'blue' | 'green', env: Record<string, string>): void {
  const result = spawnSync(process.execPath, [path.join(SAMPLE, 'deploy-local.js')], {
    encoding: 'utf8',
    env: { PATH: process.env['PATH'], DEPLOY_COLOR: color, SAMPLE_DEPLOY_DIR: deployDir, ...env },
  });
  if (result.status !== 0) throw new Error(`deploy-local.js ${color} failed: ${result.stderr}`);
}

beforeAll(async () => {
  requireBinary('wrk');
  dir = await mkdtemp(path.join(os.tmpdir(), 'act-deploy-'));
  deployDir = path.join(dir, 'hosts');
  mkdirSync(deployDir);
  ports = { blue: await freePort(), green: await freePort() };
  for (const color of ['blue', 'green'] as const) {
    writeFileSync(path.join(deployDir, `${color}.port`), String(ports[color]));
    deployLocally(color, { VERSION: '1.0.0' });
  }
  haproxy = await startHaproxy(dir, ports);
  pushgateway = await startPushgateway(dir);
});

afterAll(async () => {
  await haproxy?.stop();
  await pushgateway?.stop();
  // The instances deploy-local.js started, whichever run started them, by the pids it wrote.
  for (const file of readdirSync(deployDir).filter((name) => name.endsWith('.pid'))) {
    try {
      process.kill(Number(readFileSync(path.join(deployDir, file), 'utf8')), 'SIGTERM');
    } catch {
      // already gone
    }
  }
  await rm(dir, { recursive: true, force: true });
});

/** A caller repository (the clean sample service and its deploy workflow) deploying `release`. */
function callerRepository(name: string, release: string, watch: string): string {
  const repo = path.join(dir, name);
  sampleVariant('clean', repo);
  mkdirSync(path.join(repo, '.github/workflows'), { recursive: true });
  const workflow = callerWorkflow('deploy', {
    DEPLOY_DIR: deployDir,
    RELEASE: release,
    BLUE_PORT: String(ports.blue),
    GREEN_PORT: String(ports.green),
    LIVE_URL: haproxy.url,
    WATCH: watch,
    HAPROXY_SOCKET: haproxy.socket,
    PUSHGATEWAY_URL: pushgateway.url.href,
    RESULT_FILE: resultFile(path.join(dir, `${name}-act`)),
  });
  writeFileSync(path.join(repo, '.github/workflows/deploy.yml'), workflow);
  commitAll(repo, `deploy ${release}`);
  mkdirSync(path.join(dir, `${name}-act`));
  return repo;
}

/** The deploy metrics the notify steps pushed for production, by name. */
async function deployMetrics(): Promise<Record<string, { labels: Record<string, string>; value: string }>> {
  const answer = (await (await fetch(new URL('api/v1/metrics', pushgateway.url))).json()) as {
    data: Array<Record<string, { metrics?: Array<{ labels: Record<string, string>; value: string }> }>>;
  };
  const group = answer.data.find((candidate) => (candidate['labels'] as unknown as { job?: string }).job === 'deploy');
  return Object.fromEntries(
    Object.entries(group ?? {}).flatMap(([name, family]) => (family.metrics ? [[name, family.metrics[0]!]] : [])),
  );
}

async function versionAt(url: string): Promise<unknown> {
  return (await fetch(`${url}version`, { headers: { connection: 'close' } })).json();
}

describe('deploy-blue-green.yml under act, HAProxy and two instances of the sample service', () => {
  it('deploys a good release to the idle color, switches to it and keeps it after the watch', async () => {
    expect(await colorsAt(haproxy.url)).toEqual(['blue']);
    const repo = callerRepository('good', 'RELEASE=good VERSION=1.1.0', '2s');

    const run = await runAct({ repo, dir: path.join(dir, 'good-act') });

    // A failed deploy says why: the end of act's log (the steps' own output) goes into the failure.
    if (run.jobs['deploy'] !== 'success') {
      throw new Error(`the deploy job ended ${String(run.jobs['deploy'])}; act's log ends:\n${run.log.slice(-8000)}`);
    }
    expect(run.jobs).toEqual({ deploy: 'success', record: 'success' });
    expect(run.recorded).toEqual({
      result: 'success',
      active: 'green',
      previous: 'blue',
      deployed: 'green',
      rolledBack: 'false',
    });
    expect(run.log).toContain(
      'Deploy to production: ✅ deployed\n\nThe release went to green, became healthy, took the traffic from blue and ' +
        'stayed healthy through the watch. Live now: green.',
    );
    // act gives no token: the deployment is not recorded, and the step says so instead of failing the deploy.
    expect(run.outputs['deploy.record']).toEqual({ recorded: 'false', 'deployment-id': '' });
    expect(run.log).toContain('deployment-status: no token, so nothing was recorded for production (in_progress)');
    expect(await colorsAt(haproxy.url)).toEqual(['green']);
    expect(await versionAt(haproxy.url)).toEqual({ color: 'green', version: '1.1.0', release: 'good' });
    // The notify steps ran at the start and at the end: the Pushgateway holds the deploy's result.
    expect(run.log).toContain('notify: pushgateway: delivered (pushed 1 metric)');
    expect(await deployMetrics()).toMatchObject({
      deploy_result: {
        labels: expect.objectContaining({ result: 'succeeded', environment: 'production' }),
        value: '1',
      },
      deploy_rollbacks_total: { value: '0' },
      deploy_duration_seconds: expect.anything(),
    });
  });

  it('catches a bad release in the watch and switches back, with no failed request through HAProxy', async () => {
    expect(await colorsAt(haproxy.url)).toEqual(['green']);
    const repo = callerRepository('bad', 'RELEASE=bad BREAKS_AFTER=300 VERSION=1.2.0', '20s');
    // Keep-alive load on the service's main path for the whole run; stopped (SIGINT: it prints its report) after.
    const wrk = startProcess('wrk', ['-t1', '-c4', '-d180s', '--timeout', '2s', haproxy.url], { cwd: dir });

    const run = await runAct({ repo, dir: path.join(dir, 'bad-act') });
    wrk.child.kill('SIGINT');
    await wrk.exited;
    const load = wrkFigures(wrk.output());

    expect(run.jobs).toEqual({ deploy: 'failure' });
    expect(run.outputs['deploy.live']).toMatchObject({ previous: 'green', target: 'blue' });
    expect(run.outputs['deploy.switch']).toMatchObject({ outcome: 'switched', active: 'blue' });
    expect(run.outputs['deploy.watch']).toMatchObject({ healthy: 'false', 'rolled-back': 'true', reason: 'status' });
    expect(run.outputs['deploy.after']).toMatchObject({ previous: 'green' }); // the live color, read from HAProxy
    expect(run.log).toMatch(/health-check: unhealthy \(status\).*rolled back: switched blue → green/);
    expect(run.log).toContain(
      'Deploy to production: ❌ rolled back\n\nThe release on blue became healthy and took the traffic, then the ' +
        'watch found it unhealthy (status) and switched back to green. Live now: green.',
    );
    expect(await colorsAt(haproxy.url)).toEqual(['green']);
    expect(await versionAt(haproxy.url)).toEqual({ color: 'green', version: '1.1.0', release: 'good' });
    console.log(
      `wrk through HAProxy during the bad release's deploy, switch, watch and rollback: ${load.requests} requests ` +
        `(${load.perSecond}/s), ${load.failed} failed (${load.failures})`,
    );
    expect(load.requests).toBeGreaterThan(0);
    expect(load.failed).toBe(0);
    expect(await deployMetrics()).toMatchObject({
      deploy_result: { labels: expect.objectContaining({ result: 'rolled-back' }), value: '1' },
      deploy_rollbacks_total: { value: '1' },
    });
  });
});
