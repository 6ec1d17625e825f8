// The bundled action with the command provider: a job cancelled mid-switch stops the switch-command and gets the
// previous color back from the post step, a main killed outright leaves no command behind, a command's hostile
// output stays text, and a switch-command that exits 0 without switching is a failure, switched back.
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { RunOptions, RunResult } from '@actions-kit/harness';
import { useTempDir } from '@actions-kit/testkit/hooks';
import { groupGone } from '@actions-kit/testkit';
import { NODES, errors, rendered, runAction } from './support/bundle.js';

jest.setTimeout(60_000);

const rig = useTempDir('blue-green-switch-command-');
let colorFile: string;
let pidFile: string;
beforeEach(async () => {
  colorFile = path.join(rig.dir, 'color');
  pidFile = path.join(rig.dir, 'switch-command.pid');
  await writeFile(colorFile, 'blue');
});

// Long enough for node to start and reach the switch command on a busy 2-core machine.
const CANCEL_AFTER_MS = 2500;
// How long the slow switch-command sleeps before it writes green: past the cancellation, the post step and more.
const SLOW_SWITCH_S = 8;

/** Waits until the slow switch-command would have written green had it been left running. */
async function pastTheSlowSwitch(started: number): Promise<void> {
  await delay(Math.max(0, started + SLOW_SWITCH_S * 1_000 + 1_000 - Date.now()));
}

describe.each(NODES)('blue-green-switch with the command provider under %s', (_label, nodePath) => {
  // Slow only on the way to green (it writes the color after the sleep), so the cancellation lands inside it and
  // the post step's switch back is quick.
  const slowSwitchCommand = (): string =>
    `if [ "$TARGET_COLOR" = green ]; then echo $$ > ${pidFile}; sleep ${SLOW_SWITCH_S}; fi; ` +
    `printf %s "$TARGET_COLOR" > ${colorFile}`;

  /**
   * A switch to green through the slow switch-command, cut short as `interruption` says. `pgid` is the pid the
   * command wrote: commands start as process group leaders.
   */
  async function interruptedSlowSwitch(
    interruption: Pick<RunOptions, 'cancelAfterMs' | 'timeoutMs'>,
  ): Promise<{ result: RunResult; pgid: number }> {
    const result = await runAction(nodePath, {
      inputs: {
        provider: 'command',
        target: 'green',
        'current-command': `cat ${colorFile}`,
        'switch-command': slowSwitchCommand(),
      },
      ...interruption,
    });
    return { result, pgid: Number(await readFile(pidFile, 'utf8')) };
  }

  it('stops the switch-command when the job is cancelled, and the previous color stays live for good', async () => {
    const started = Date.now();
    const { result, pgid } = await interruptedSlowSwitch({
      cancelAfterMs: CANCEL_AFTER_MS,
      // The runner's own delays: main must be done before its SIGTERM, 7.5 s after the SIGINT.
    });

    expect(result.outcome).toBe('cancelled');
    expect(result.signalsSent.map((sent) => sent.signal)).toEqual(['SIGINT']);
    expect(result.log).toContain(
      'blue-green-switch: SIGINT received (the job is being cancelled); stopping the switch and its commands',
    );
    expect(errors(result)).toEqual([
      `blue-green-switch: cancelled (SIGINT) during the switch to green: stopped '${slowSwitchCommand()}' and ` +
        'everything it started (they ended on SIGTERM); the post step puts blue back',
    ]);
    expect(result.post?.outcome).toBe('success');
    expect(result.post?.log).toContain(
      'blue-green-switch post: cancelled mid-switch; blue was still live (current-command printed blue); applied ' +
        'it again, in case the stopped switch had changed more than the provider reads back',
    );
    expect(rendered(result.post!)).toContain('Blue-green switch: cancelled mid-switch');
    expect(await readFile(colorFile, 'utf8')).toBe('blue');

    // Had the command survived main, it would write green now: it must not.
    await pastTheSlowSwitch(started);
    expect(await readFile(colorFile, 'utf8')).toBe('blue');
    expect(await groupGone(pgid)).toBe('ESRCH');
  });

  it('leaves no switch-command running when main is killed with SIGKILL mid-switch', async () => {
    const started = Date.now();
    // The harness' step timeout: SIGKILL to main with no SIGINT first, as a runner losing its patience or its
    // machine would; main cannot stop anything itself.
    const { result, pgid } = await interruptedSlowSwitch({ timeoutMs: CANCEL_AFTER_MS });

    expect(result.timedOut).toBe(true);
    expect(result.signal).toBe('SIGKILL');
    await pastTheSlowSwitch(started);
    expect(await readFile(colorFile, 'utf8')).toBe('blue');
    expect(await groupGone(pgid)).toBe('ESRCH');
  });

  it('changes nothing when the cancellation comes before the first change, and neither does the post step', async () => {
    const currentCommand = `sleep 5; cat ${colorFile}`;
    const result = await runAction(nodePath, {
      inputs: {
        provider: 'command',
        target: 'green',
        // Keeps main reading the live color until the cancellation arrives.
        'current-command': currentCommand,
        'switch-command': `printf %s "$TARGET_COLOR" > ${colorFile}`,
      },
      cancelAfterMs: CANCEL_AFTER_MS,
    });

    expect(result.outcome).toBe('cancelled');
    expect(result.signalsSent.map((sent) => sent.signal)).toEqual(['SIGINT']);
    expect(errors(result)).toEqual([
      `blue-green-switch: cancelled (SIGINT) before any change: stopped '${currentCommand}' and everything it ` +
        'started (they ended on SIGTERM); traffic was not touched',
    ]);
    expect(result.post?.outcome).toBe('success');
    expect(result.post?.log).toContain('blue-green-switch post: the main step changed no traffic; nothing to put back');
    expect(await readFile(colorFile, 'utf8')).toBe('blue');
  });

  it.each(['::error::pwned', '::add-mask::x', '%0A::warning::pwned', '##[error]pwned'])(
    'keeps a failing switch-command printing %j as text',
    async (hostile) => {
      const result = await runAction(nodePath, {
        inputs: {
          provider: 'command',
          target: 'green',
          'current-command': `cat ${colorFile}`,
          'switch-command': `printf '%s\\n' '${hostile}'; exit 3`,
        },
      });

      expect(result.outcome).toBe('failure');
      const [message, ...others] = errors(result);
      expect(others).toEqual([]);
      expect(message).toMatch(/^blue-green-switch: switch-command '.*' exited with code 3 with TARGET_COLOR=green; /);
      expect(result.annotations.filter((annotation) => annotation.level !== 'error')).toEqual([]);
      expect(result.masks).toEqual([]);
      expect(result.log).toContain(hostile);
      expect(rendered(result)).toContain(hostile);
      expect(await readFile(colorFile, 'utf8')).toBe('blue');
    },
  );

  it('keeps a current-command printing a workflow command as text', async () => {
    const result = await runAction(nodePath, {
      inputs: {
        provider: 'command',
        target: 'toggle',
        'current-command': `printf '::add-mask::blue\\n::error::pwned\\n'`,
        'switch-command': `printf %s "$TARGET_COLOR" > ${colorFile}`,
      },
    });

    expect(result.outcome).toBe('failure');
    expect(errors(result)).toEqual([
      "blue-green-switch: current-command 'printf '::add-mask::blue\\n::error::pwned\\n'' printed something other " +
        'than blue or green; make it print only the live color',
    ]);
    expect(result.masks).toEqual([]);
  });

  it('fails and switches back when current-command still reads the old color after the switch, without verify-url', async () => {
    const currentCommand = `cat ${colorFile}`;
    const result = await runAction(nodePath, {
      inputs: {
        provider: 'command',
        target: 'green',
        'current-command': currentCommand,
        // Exits 0 having switched nothing: only reading the switch back can tell.
        'switch-command': `echo "switched to $TARGET_COLOR"`,
      },
    });

    expect(result.outcome).toBe('failure');
    expect(errors(result)).toEqual([
      'blue-green-switch: green is not live after the switch: the proxy reads blue (current-command printed blue); ' +
        `switched back, blue is live (switch-command 'echo "switched to $TARGET_COLOR"')`,
    ]);
    expect(result.outputs).toMatchObject({
      previous: 'blue',
      active: 'blue',
      changed: 'false',
      outcome: 'rolled-back',
      target: 'green',
    });
    expect(rendered(result)).toMatch(/^## ❌ .*switch to green failed and was rolled back, blue is live$/m);
    expect(rendered(result)).toMatch(
      new RegExp(
        [
          `- ✅ done: ran 'echo "switched to \\$TARGET_COLOR"' with TARGET_COLOR=green`,
          '- ❌ read back from the proxy: green is not live after the switch: the proxy reads blue .*',
          `- ✅ done, switching back: ran 'echo "switched to \\$TARGET_COLOR"' with TARGET_COLOR=blue`,
        ].join('\n'),
      ),
    );
  });
});
