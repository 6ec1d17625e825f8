// The command provider: the live color from current-command, the switch through switch-command and $TARGET_COLOR.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CommandProvider } from '../src/command.js';
import { recordingLogger } from '@actions-kit/testkit';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'traffic-command-'));
  await writeFile(path.join(dir, 'live'), 'blue\n');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});
const provider = (currentCommand = 'cat live', switchCommand = 'printf "%s\\n" "$TARGET_COLOR" > live') =>
  new CommandProvider({ currentCommand, switchCommand, cwd: dir });

describe('CommandProvider', () => {
  it('reads the color printed by current-command and switches with TARGET_COLOR', async () => {
    const command = provider();
    const before = await command.current();
    expect(before).toMatchObject({ live: 'blue', evidence: 'current-command printed blue' });

    await command.switchTo('green', before, recordingLogger());

    expect(await readFile(path.join(dir, 'live'), 'utf8')).toBe('green\n');
    await command.restore(before, recordingLogger());
    expect((await command.current()).live).toBe('blue');
  });

  it('refuses output other than a color, keeping it as data', async () => {
    const failure = provider('echo purple').current();
    await expect(failure).rejects.toThrow(/printed something other than blue or green/);
    await expect(failure).rejects.toMatchObject({ untrustedOutput: 'purple\n' });
  });

  it('reports a failing switch-command with its exit code and output', async () => {
    const command = provider('cat live', 'echo cannot reach the router >&2; exit 3');
    const failure = command.switchTo('green', await command.current(), recordingLogger());
    await expect(failure).rejects.toThrow(/switch-command .* exited with code 3 with TARGET_COLOR=green/);
    await expect(failure).rejects.toMatchObject({ untrustedOutput: 'cannot reach the router\n' });
  });

  it('kills a command that does not finish in time', async () => {
    const command = new CommandProvider({
      currentCommand: 'sleep 5',
      switchCommand: 'true',
      commandTimeoutMs: 100,
      cwd: dir,
    });
    await expect(command.current()).rejects.toThrow(/did not finish within 100 ms and was killed/);
  });
});
