// The sample action's bundle run through the harness under Node 20 and Node 24, as GitHub's runner would run it:
// outputs, state carried to post, untrusted text kept harmless, each failure's report, cancellation, timeout.
// Needs `pnpm build` first. The Node 24 binary is resolved inside each test, so a missing one fails them.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { node24Path, runBundledAction, type RunOptions, type StepResult } from '@actions-kit/harness';

const actionDir = fileURLToPath(new URL('../__fixtures__/sample-action', import.meta.url));

// Short enough to keep the tests quick; the runner's own are 7.5 s and 2.5 s.
const SHORT_DELAYS = { sigintToSigtermMs: 500, sigtermToSigkillMs: 500 };
// Long enough for node to start and install its signal handlers on a busy 2-core machine.
const CANCEL_AFTER_MS = 2000;

const errors = (step: StepResult): string[] =>
  step.annotations.filter((a) => a.level === 'error').map((a) => a.message);

describe.each([
  ['Node 20', (): string => process.execPath, 'v20.'],
  ['Node 24', node24Path, 'v24.'],
])('the sample action under %s', (_label, nodePath, versionPrefix) => {
  const run = (options: Omit<RunOptions, 'actionDir' | 'nodePath'>) =>
    runBundledAction({ actionDir, nodePath: nodePath(), ...options });

  it('runs on the Node version it names', () => {
    expect(execFileSync(nodePath(), ['--version'], { encoding: 'utf8' })).toMatch(new RegExp(`^${versionPrefix}`));
  });

  it('sets its outputs and carries its inputs to the post step through the state', async () => {
    const result = await run({ inputs: { name: 'world' } });

    expect(result.outcome).toBe('success');
    expect(result.exitCode).toBe(0);
    expect(result.outputs.message).toBe('Hello, world!');
    expect(new Date(result.outputs['greeted-at']!).toISOString()).toBe(result.outputs['greeted-at']);
    expect(result.annotations).toEqual([
      { level: 'notice', message: 'Hello, world!', properties: { title: 'sample' } },
    ]);
    expect(result.summary).toContain('Hello, world');
    expect(JSON.parse(result.state.inputs!)).toMatchObject({ name: 'world', greeting: 'Hello', failWith: 'none' });

    expect(result.post?.outcome).toBe('success');
    expect(result.post?.log).toContain('sample post: restored the inputs main saved');
    expect(result.post?.summary).toContain('Post step');
    expect(result.post?.summary).toContain('world');
  });

  it('runs no post step when asked not to', async () => {
    const result = await run({ inputs: { name: 'world' }, post: false });
    expect(result.outputs.message).toBe('Hello, world!');
    expect(result.post).toBeUndefined();
  });

  it.each(['::error::pwned', '%0A::add-mask::x', '</details><img src=x onerror=alert(1)>', '@org/team'])(
    'prints the untrusted echo %j without an annotation, a mask, raw HTML or a mention',
    async (hostile) => {
      const result = await run({ inputs: { name: 'world', echo: hostile } });

      expect(result.outcome).toBe('success');
      // Printed, so the log shows it, inside stop-commands, so nothing acts on it.
      expect(result.log).toContain(hostile);
      expect(result.annotations).toEqual([
        { level: 'notice', message: 'Hello, world!', properties: { title: 'sample' } },
      ]);
      expect(result.masks).toEqual([]);
      expect(result.outputs.message).toBe('Hello, world!');
      expect(result.summary).not.toContain('<img');
      expect(result.summary).not.toContain('</details>');
      expect(result.summary).not.toContain('@org/team');
      expect(result.summary).not.toContain('::error::pwned');
    },
  );

  it.each([
    ['configuration', "sample: fail-with: 'configuration' asks for a configuration error; use 'none' to greet instead"],
    ['user', "sample: greeting refused, as fail-with: 'user' asks"],
  ])('reports fail-with %s as one error without a stack', async (mode, message) => {
    const result = await run({ inputs: { name: 'world', 'fail-with': mode } });

    expect(result.exitCode).toBe(1);
    expect(result.outcome).toBe('failure');
    expect(errors(result)).toEqual([message]);
    expect(result.debug.join('\n')).not.toMatch(/\n\s+at /);
    expect(result.outputs).toEqual({});
    // post-if: always() runs post after a failed main, and the inputs were saved before the failure.
    expect(result.post?.log).toContain('sample post: restored the inputs main saved');
  });

  it('reports a bug with its message in the error and its stack only in the debug log', async () => {
    const result = await run({ inputs: { name: 'world', 'fail-with': 'bug' } });

    expect(result.exitCode).toBe(1);
    expect(errors(result)).toEqual(["sample: a bug on purpose (fail-with: 'bug'): cannot read the greeting"]);
    expect(result.debug.join('\n')).toMatch(/TypeError: a bug on purpose[\s\S]*\n\s+at /);
  });

  it('reports a bad input value naming the input and the value', async () => {
    const result = await run({ inputs: { name: 'world', 'fail-with': 'sometimes' } });

    expect(result.exitCode).toBe(1);
    expect(errors(result)).toHaveLength(1);
    expect(errors(result)[0]).toMatch(/^sample: .*fail-with.*sometimes/);
  });

  it('receives the runner cancellation: SIGINT first, SIGTERM after it, then post runs', async () => {
    const result = await run({
      inputs: { name: 'world', wait: '30s' },
      cancelAfterMs: CANCEL_AFTER_MS,
      cancellationDelays: SHORT_DELAYS,
    });

    // The action stops on SIGTERM, so the runner never needs SIGKILL.
    expect(result.signalsSent.map((sent) => sent.signal)).toEqual(['SIGINT', 'SIGTERM']);
    expect(result.signalsSent[1]!.atMs).toBeGreaterThan(result.signalsSent[0]!.atMs);
    const sigint = result.log.findIndex((line) => line.includes('received SIGINT'));
    const sigterm = result.log.findIndex((line) => line.includes('received SIGTERM'));
    expect(sigint).toBeGreaterThanOrEqual(0);
    expect(sigterm).toBeGreaterThan(sigint);
    expect(result.outcome).toBe('cancelled');
    expect(errors(result)).toEqual([expect.stringMatching(/^sample: wait: stopped by SIGTERM before /)]);
    expect(result.post?.outcome).toBe('success');
  });

  it('kills an action that outlives the timeout and says it timed out', async () => {
    const result = await run({ inputs: { name: 'world', wait: '30s' }, timeoutMs: 1500, post: false });

    expect(result.timedOut).toBe(true);
    expect(result.outcome).toBe('failure');
    expect(result.signal).toBe('SIGKILL');
    expect(result.exitCode).toBeNull();
    expect(result.signalsSent.map((sent) => sent.signal)).toEqual(['SIGKILL']);
  });
});

describe('the sample action, whatever the Node version', () => {
  it('refuses an input action.yml does not declare, naming it and the declared ones', async () => {
    await expect(runBundledAction({ actionDir, inputs: { name: 'world', colour: 'red' } })).rejects.toThrow(
      `${path.join(actionDir, 'action.yml')} declares no input 'colour'; declared inputs: name, greeting, echo, fail-with, wait`,
    );
  });
});
