// The post step's runPost() with plain objects: it rolls back only what main could not, never twice, and says why
// it does nothing otherwise.
import { beforeEach, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { UserError } from '@actions-kit/core';
import { InMemoryProvider, ManualClock } from '@actions-kit/testkit';
import { useTempDir } from '@actions-kit/testkit/hooks';
import type { RollbackSettings } from '../src/inputs.js';
import { runPost } from '../src/post.js';
import { recordingDeps, type RecordingDeps } from './support/recording-deps.js';

const rig = useTempDir('health-check-post-');
let proxy: InMemoryProvider;
let deps: RecordingDeps;
beforeEach(() => {
  proxy = new InMemoryProvider(path.join(rig.dir, 'app.lock'), { blue: false, green: true });
  deps = recordingDeps(new ManualClock({ sleeps: 'pass-at-once' }), rig.dir, {}, { proxy });
});

const command: RollbackSettings = {
  plan: { kind: 'command', command: './undo.sh', timeoutMs: 60_000 },
  onCancel: true,
};
const blueGreen: RollbackSettings = {
  plan: { kind: 'blue-green', setup: { provider: 'memory', settings: {} } },
  onCancel: true,
};

describe('runPost', () => {
  it.each([
    [{}, undefined, 'main did not get as far as reading its inputs; nothing to roll back'],
    [{}, { plan: { kind: 'none' }, onCancel: true }, 'rollback is none; nothing to do'],
    [{}, { ...command, onCancel: false }, 'rollback-on-cancel is false; nothing to do'],
    [{ phase: 'decided' }, command, 'the check had decided before the cancellation; nothing to undo'],
    [{ phase: 'rollback-done' }, command, 'the main step already rolled back; not running it twice'],
  ] as const)('does nothing for %j with %j', async (handover, settings, line) => {
    await runPost(handover, settings, deps);

    expect(deps.logger.infos).toEqual([`health-check post: ${line}`]);
    expect(deps.commands).toEqual([]);
    expect(proxy.switchCalls).toBe(0);
  });

  it('does not run rollback-command a second time after main was stopped during it', async () => {
    await runPost({ phase: 'rollback-started' }, command, deps);

    expect(deps.commands).toEqual([]);
    expect(deps.logger.warnings).toEqual([
      'health-check post: the main step was stopped while rollback-command ran; it is not run a second time: check ' +
        'by hand that the previous version is back',
    ]);
  });

  it('runs the rollback main never reached, with reason cancelled and within the window', async () => {
    deps.commandResult = { exitCode: 0, signal: null, output: '::warning::restored\n', timedOut: false };

    await runPost({}, command, deps);

    expect(deps.commands).toEqual([{ command: './undo.sh', reason: 'cancelled', timeoutMs: 6_000 }]);
    expect(deps.untrusted).toEqual(['::warning::restored\n']);
    expect(deps.summaries[0]).toMatch(/^## Health check: cancelled, rolled back\n\nrollback-command exited 0 after/);
  });

  it("switches back to the color main settled, also after main's own switch back was cut short", async () => {
    await runPost({ target: 'blue', phase: 'rollback-started' }, blueGreen, deps);

    expect(proxy.enabled).toEqual({ blue: true, green: false });
    expect(deps.logger.infos).toContain('health-check post: rolled back: switched green → blue on in-memory proxy');
  });

  it('fails with a UserError when the rollback fails', async () => {
    deps.commandResult = { exitCode: 1, signal: null, output: 'boom\n', timedOut: false };

    const error = await runPost({}, command, deps).catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(/^cancelled, and the rollback failed: rollback-command exited 1 after/);
  });
});
