// The bundled action with the command provider: a job cancelled mid-switch gets the previous color back from the
// post step, and a command's hostile output stays text.
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { NODES, errors, rendered, runAction } from './support/bundle.js';

jest.setTimeout(60_000);

let dir: string;
let colorFile: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'blue-green-switch-command-'));
  colorFile = path.join(dir, 'color');
  await writeFile(colorFile, 'blue');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Long enough for node to start and reach the switch command on a busy 2-core machine.
const CANCEL_AFTER_MS = 2500;

describe.each(NODES)('blue-green-switch with the command provider under %s', (_label, nodePath) => {
  it('puts the previous color back in the post step when the job is cancelled mid-switch', async () => {
    const started = path.join(dir, 'switch-to-green-started');
    // Slow only on the way to green, so the cancellation lands inside it and the post step's switch back is quick.
    const switchCommand =
      `if [ "$TARGET_COLOR" = green ]; then touch ${started}; sleep 5; fi; ` +
      `printf %s "$TARGET_COLOR" > ${colorFile}`;

    const result = await runAction(nodePath, {
      inputs: {
        provider: 'command',
        target: 'green',
        'current-command': `cat ${colorFile}`,
        'switch-command': switchCommand,
      },
      cancelAfterMs: CANCEL_AFTER_MS,
      // SIGTERM and SIGKILL later than the switch takes: main finishes the change in flight, then post undoes it.
      cancellationDelays: { sigintToSigtermMs: 20_000, sigtermToSigkillMs: 5_000 },
    });

    expect(existsSync(started)).toBe(true);
    expect(result.outcome).toBe('cancelled');
    expect(result.signalsSent.map((sent) => sent.signal)).toEqual(['SIGINT']);
    expect(result.log).toContain(
      'blue-green-switch: SIGINT received (the job is being cancelled); finishing the change in flight',
    );
    expect(errors(result)).toEqual([
      'blue-green-switch: cancelled (SIGINT) during the switch to green; the post step puts blue back',
    ]);
    expect(result.post?.outcome).toBe('success');
    expect(result.post?.log).toContain(
      'blue-green-switch post: cancelled mid-switch; put back blue (current-command printed blue); green was live, ' +
        'blue is now',
    );
    expect(rendered(result.post!)).toContain('Blue-green switch: cancelled mid-switch');
    expect(await readFile(colorFile, 'utf8')).toBe('blue');
  });

  it('changes nothing when the cancellation comes before the first change, and neither does the post step', async () => {
    const result = await runAction(nodePath, {
      inputs: {
        provider: 'command',
        target: 'green',
        // Keeps main reading the live color until the cancellation arrives.
        'current-command': `sleep 5; cat ${colorFile}`,
        'switch-command': `printf %s "$TARGET_COLOR" > ${colorFile}`,
      },
      cancelAfterMs: CANCEL_AFTER_MS,
      cancellationDelays: { sigintToSigtermMs: 20_000, sigtermToSigkillMs: 5_000 },
    });

    expect(result.outcome).toBe('cancelled');
    expect(errors(result)).toEqual([
      'blue-green-switch: cancelled (SIGINT) before any change; traffic was not touched',
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
});
