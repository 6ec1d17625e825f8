// `pnpm demo` end to end, as a person runs it: the real HAProxy and scanners (the tier fails when they are missing),
// then the fresh-machine path (the demo's Node proxy, the recorded scanner reports). Each run must recap every
// stage with its verdict (the good release live, the bad one rolled back, no user request failed), write a page
// holding every step's job summary rendered, and leave nothing running.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { requireBinary } from '@actions-kit/testkit';
import { renderSummary } from '../src/html-page.js';

jest.setTimeout(240_000);

const root = fileURLToPath(new URL('../../../', import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'demo-itg-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function runDemo(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['tools/demo/src/index.ts', ...args], {
      cwd: root,
      env: { ...process.env, INIT_CWD: root },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => socket.end(() => resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function expectTheWholeFlow(out: string, stdout: string): Promise<void> {
  const lines = stdout.split('\n');
  const line = (start: string): string => lines.find((candidate) => candidate.startsWith(start)) ?? `(no ${start})`;
  expect(line('✅ tests and lint')).toMatch(/ ran .*JUnit XML, LCOV and ESLint JSON written for the gate$/);
  expect(line('✅ quality gate')).toMatch(/ passed .* 7 tests, 0 failed; [\d.]+% of lines covered; 0 lint errors$/);
  expect(line('✅ security scan')).toMatch(/ passed .* 0 findings in the reports of gitleaks/);
  expect(line('✅ deploy 1.1.0 (good)')).toMatch(
    / deployed .* the release went to green, became healthy, took the traffic from blue and stayed healthy through the watch; live now: green$/,
  );
  expect(line('❌ deploy 1.2.0 (bad)')).toMatch(
    / rolled back .* the release on blue became healthy and took the traffic, then the watch found it unhealthy \(status\) and switched back to green; live now: green$/,
  );
  expect(line('Users meanwhile:')).toMatch(
    /^Users meanwhile: [\d,]+ requests through the proxy, 0 failed; answered by blue/,
  );
  expect(stdout).toContain('As designed: the good release is live, the bad one was caught by the health check');
  expect(stdout).toContain(`rendered as GitHub shows them: ${path.join(out, 'index.html')}`);

  // The page holds every step's job summary, rendered: the quality gate's, the security scan's, each deploy step's
  // and each deploy's recap.
  const page = readFileSync(path.join(out, 'index.html'), 'utf8');
  const summaries = readdirSync(path.join(out, 'summaries'));
  for (const expected of [
    'quality-gate',
    'security-scan',
    'find-the-live-color',
    'wait-until',
    'switch-the-traffic',
    'watch-the-live',
    'recap',
  ]) {
    expect(summaries.filter((name) => name.includes(expected)).length).toBeGreaterThan(0);
  }
  for (const name of summaries) {
    expect(page).toContain(renderSummary(readFileSync(path.join(out, 'summaries', name), 'utf8')));
  }
  expect(page).toContain('<h2>Deploy of release 1.2.0: ❌ rolled back</h2>');

  // Nothing left running: both colors' instances stopped, their ports free.
  const hosts = path.join(out, 'hosts');
  for (const color of ['blue', 'green']) {
    expect(alive(Number(readFileSync(path.join(hosts, `${color}.pid`), 'utf8')))).toBe(false);
    expect(await answers(Number(readFileSync(path.join(hosts, `${color}.port`), 'utf8')))).toBe(false);
  }
}

describe('pnpm demo', () => {
  it('runs the whole flow against HAProxy with the real scanners', async () => {
    requireBinary('haproxy');
    const out = path.join(dir, 'real');
    const run = await runDemo(['--proxy', 'haproxy', '--scanners', 'real', '--out', out]);

    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^Proxy: HAProxy [\d.]+\S*, switched through its runtime API \(haproxy is installed\)/m);
    expect(run.stdout).toMatch(/^ {3}gitleaks: ran, the git history, by \S*gitleaks$/m);
    expect(run.stdout).toContain('   bandit: not needed, no Python files tracked');
    await expectTheWholeFlow(out, run.stdout);
  });

  it('runs it without root or scanners: its own Node proxy and the recorded reports, saying so', async () => {
    const out = path.join(dir, 'fresh');
    const run = await runDemo(['--proxy', 'node', '--scanners', 'recorded', '--out', out]);

    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.stdout).toContain("Proxy: the demo's Node proxy, switched by a flag file (asked for with --proxy node)");
    expect(run.stdout).toContain(
      '   gitleaks: recorded, asked for with --scanners recorded: its report recorded on the sample service was read',
    );
    expect(existsSync(path.join(out, 'service/reports/gitleaks.recorded.json'))).toBe(true);
    await expectTheWholeFlow(out, run.stdout);
  });
});
