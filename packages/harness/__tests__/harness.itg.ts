// The harness against tiny hand-written actions, each made to probe one runner behaviour: a clean environment,
// file commands carried from main to post, file-command errors, stderr commands, the full cancellation
// escalation, post-if, masking in the summary, and the event payload.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { RUNNER_CANCELLATION_DELAYS, runBundledAction } from '@actions-kit/harness';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'harness-itg-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** An action whose entry files are the given CommonJS sources. */
async function writeAction(options: {
  inputs?: string;
  postIf?: string;
  main: string;
  post?: string;
}): Promise<string> {
  const runs = [
    '  using: node20',
    '  main: main.js',
    options.post === undefined ? '' : '  post: post.js',
    options.postIf === undefined ? '' : `  post-if: ${options.postIf}`,
  ].filter((line) => line !== '');
  await writeFile(
    path.join(dir, 'action.yml'),
    `name: probe\ninputs:\n${options.inputs ?? '  name: { description: Who. }'}\nruns:\n${runs.join('\n')}\n`,
  );
  const prelude = "const fs = require('node:fs');\nconst env = process.env;\n";
  await writeFile(path.join(dir, 'main.js'), prelude + options.main);
  if (options.post !== undefined) await writeFile(path.join(dir, 'post.js'), prelude + options.post);
  return dir;
}

describe('the environment', () => {
  const hostVariables = { INPUT_LEAKED: 'host', STATE_isPost: 'true', GITHUB_TOKEN: 'host-token', RUNNER_DEBUG: '1' };
  const saved: Record<string, string | undefined> = {};

  beforeEach(() => {
    for (const [name, value] of Object.entries(hostVariables)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
  });

  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it("holds the runner's variables and none of the host's INPUT_, STATE_, GITHUB_ or RUNNER_ ones", async () => {
    const actionDir = await writeAction({
      main: `
const seen = Object.keys(env).filter((name) => /^(INPUT_|STATE_|GITHUB_|RUNNER_|NODE_OPTIONS$)/.test(name)).sort();
fs.appendFileSync(env.GITHUB_OUTPUT, 'seen=' + seen.join(',') + '\\ncwd=' + process.cwd() + '\\n');
fs.appendFileSync(env.GITHUB_OUTPUT, 'ci=' + env.CI + ' ' + env.GITHUB_ACTIONS + ' ' + env.RUNNER_OS + '\\n');
`,
    });
    const workspace = await mkdtemp(path.join(os.tmpdir(), 'harness-workspace-'));
    try {
      const result = await runBundledAction({ actionDir, inputs: { name: 'n' }, workspace });
      const seen = result.outputs.seen!.split(',');

      expect(seen).toEqual(
        expect.arrayContaining(['INPUT_NAME', 'GITHUB_WORKSPACE', 'GITHUB_EVENT_PATH', 'GITHUB_ACTION_PATH']),
      );
      for (const name of Object.keys(hostVariables)) expect(seen).not.toContain(name);
      expect(seen).not.toContain('NODE_OPTIONS');
      expect(result.outputs.cwd).toBe(workspace);
      expect(result.outputs.ci).toBe('true true Linux');
    } finally {
      await rm(workspace, { recursive: true, force: true });
    }
  });
});

describe('file commands', () => {
  it("applies main's GITHUB_ENV, GITHUB_PATH and GITHUB_STATE to the post step", async () => {
    const actionDir = await writeAction({
      main: `
fs.appendFileSync(env.GITHUB_ENV, 'STYLE<<EOF\\nloud\\nand clear\\nEOF\\n');
fs.appendFileSync(env.GITHUB_PATH, '/opt/first/bin\\n/opt/second/bin\\n');
fs.appendFileSync(env.GITHUB_STATE, 'pid=42\\n');
fs.appendFileSync(env.GITHUB_OUTPUT, 'report<<ghadelimiter_x\\nline 1\\nline 2\\nghadelimiter_x\\n');
`,
      post: `
fs.appendFileSync(env.GITHUB_OUTPUT, 'style=' + JSON.stringify(env.STYLE) + '\\n');
fs.appendFileSync(env.GITHUB_OUTPUT, 'path=' + env.PATH.split(':').slice(0, 2).join(':') + '\\n');
fs.appendFileSync(env.GITHUB_OUTPUT, 'pid=' + env.STATE_pid + '\\n');
`,
    });
    const result = await runBundledAction({ actionDir });

    expect(result.outputs).toEqual({ report: 'line 1\nline 2' });
    expect(result.env).toEqual({ STYLE: 'loud\nand clear' });
    expect(result.path).toEqual(['/opt/first/bin', '/opt/second/bin']);
    expect(result.state).toEqual({ pid: '42' });
    expect(result.post?.outputs).toEqual({
      style: JSON.stringify('loud\nand clear'),
      path: '/opt/second/bin:/opt/first/bin',
      pid: '42',
    });
  });

  it('reports a heredoc without its closing delimiter as the runner does, keeping the lines before it', async () => {
    const actionDir = await writeAction({
      main: "fs.appendFileSync(env.GITHUB_OUTPUT, 'ok=1\\nbad<<EOF\\nno end\\n');",
      post: "console.log('post ran');",
      postIf: 'success()',
    });
    const result = await runBundledAction({ actionDir });

    expect(result.exitCode).toBe(0);
    expect(result.outcome).toBe('failure');
    expect(result.outputs).toEqual({ ok: '1' });
    expect(result.annotations).toEqual([
      { level: 'error', message: "Unable to process file command 'output' successfully.", properties: {} },
      { level: 'error', message: "Invalid value. Matching delimiter not found 'EOF'", properties: {} },
    ]);
    // post-if: success() does not run after a failed main.
    expect(result.post).toBeUndefined();
  });

  it('masks registered secrets in the summary, line by line as the runner does', async () => {
    const actionDir = await writeAction({
      main: `
console.log('::add-mask::hunter2');
fs.appendFileSync(env.GITHUB_STEP_SUMMARY, 'password: hunter2\\n');
`,
    });
    const result = await runBundledAction({ actionDir });

    expect(result.masks).toEqual(['hunter2']);
    expect(result.summary).toBe('password: ***\n');
  });
});

describe('output streams', () => {
  it('reads workflow commands on stderr too', async () => {
    const actionDir = await writeAction({ main: "console.error('::warning title=t::from stderr');" });
    const result = await runBundledAction({ actionDir });

    expect(result.annotations).toEqual([{ level: 'warning', message: 'from stderr', properties: { title: 't' } }]);
  });
});

describe('cancellation', () => {
  it('escalates SIGINT, SIGTERM, then SIGKILL when the action ignores the first two', async () => {
    const actionDir = await writeAction({
      main: `
process.on('SIGINT', () => console.log('ignoring SIGINT'));
process.on('SIGTERM', () => console.log('ignoring SIGTERM'));
setInterval(() => {}, 1000);
`,
    });
    const result = await runBundledAction({
      actionDir,
      cancelAfterMs: 1500,
      cancellationDelays: { sigintToSigtermMs: 300, sigtermToSigkillMs: 300 },
    });

    expect(result.signalsSent.map((sent) => sent.signal)).toEqual(['SIGINT', 'SIGTERM', 'SIGKILL']);
    const times = result.signalsSent.map((sent) => sent.atMs);
    expect(times[1]).toBeGreaterThan(times[0]!);
    expect(times[2]).toBeGreaterThan(times[1]!);
    expect(result.log).toEqual(['ignoring SIGINT', 'ignoring SIGTERM']);
    expect(result.signal).toBe('SIGKILL');
    expect(result.outcome).toBe('cancelled');
    expect(result.timedOut).toBe(false);
  });

  it('cancels main when cancelSignal aborts, then runs a cancelled() post step', async () => {
    const actionDir = await writeAction({
      main: `
process.on('SIGINT', () => { console.log('main cancelled'); process.exit(1); });
console.log('main started');
fs.writeFileSync(require('node:path').join(env.GITHUB_WORKSPACE, 'started'), '');
setInterval(() => {}, 1000);
`,
      post: "console.log('post ran');",
      postIf: 'cancelled()',
    });
    const workspace = await mkdtemp(path.join(os.tmpdir(), 'harness-cancel-'));
    const controller = new AbortController();
    const running = runBundledAction({ actionDir, workspace, cancelSignal: controller.signal });
    // Aborted once main is listening for SIGINT, as a person cancels a job that is running.
    while (!existsSync(path.join(workspace, 'started'))) await delay(20);
    controller.abort();
    const result = await running;
    await rm(workspace, { recursive: true, force: true });

    expect(result.signalsSent.map((sent) => sent.signal)).toEqual(['SIGINT']);
    expect(result.log).toEqual(['main started', 'main cancelled']);
    expect(result.outcome).toBe('cancelled');
    expect(result.post?.log).toEqual(['post ran']);
  });

  it("defaults to the runner's waits between signals", () => {
    expect(RUNNER_CANCELLATION_DELAYS).toEqual({ sigintToSigtermMs: 7500, sigtermToSigkillMs: 2500 });
  });
});

describe('post-if', () => {
  it('skips a failure() post step after a successful main', async () => {
    const actionDir = await writeAction({ main: '', post: "console.log('post ran');", postIf: 'failure()' });
    const result = await runBundledAction({ actionDir });

    expect(result.outcome).toBe('success');
    expect(result.post).toBeUndefined();
  });

  it('refuses a post-if it cannot evaluate before running anything', async () => {
    const actionDir = await writeAction({
      main: "fs.writeFileSync(require('node:path').join(env.GITHUB_WORKSPACE, 'ran'), '');",
      post: '',
      postIf: "runner.os == 'Linux'",
    });
    const workspace = await mkdtemp(path.join(os.tmpdir(), 'harness-workspace-'));
    try {
      await expect(runBundledAction({ actionDir, workspace })).rejects.toThrow(
        "post-if 'runner.os == 'Linux'' is not one the harness can evaluate",
      );
      expect(existsSync(path.join(workspace, 'ran'))).toBe(false);
    } finally {
      await rm(workspace, { recursive: true, force: true });
    }
  });
});

describe('the event', () => {
  it('passes the event name and writes the payload to GITHUB_EVENT_PATH', async () => {
    const actionDir = await writeAction({
      main: `
const payload = JSON.parse(fs.readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
fs.appendFileSync(env.GITHUB_OUTPUT, 'event=' + env.GITHUB_EVENT_NAME + ' #' + payload.number + '\\n');
`,
    });
    const result = await runBundledAction({ actionDir, event: { name: 'pull_request', payload: { number: 7 } } });

    expect(result.outputs.event).toBe('pull_request #7');
  });
});
