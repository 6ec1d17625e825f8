// The post step's runPost() with plain objects for the runner and testkit's in-memory proxy: nothing to do unless a
// cancellation interrupted the switch, and then the previous state put back and proven.
import { beforeEach, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { UserError } from '@actions-kit/core';
import { InMemoryProvider, ManualClock } from '@actions-kit/testkit';
import { useTempDir } from '@actions-kit/testkit/hooks';
import type { LiveState } from '@actions-kit/traffic';
import { runPost } from '../src/post.js';
import { headingOf, memoryInputs, recordingDeps, type RecordingDeps } from './support/recording-deps.js';

const rig = useTempDir('blue-green-switch-post-');
let proxy: InMemoryProvider;
let deps: RecordingDeps;
let blueLive: LiveState;
beforeEach(async () => {
  proxy = new InMemoryProvider(path.join(rig.dir, 'app.lock'), { blue: true, green: false });
  blueLive = await proxy.current();
  // Where a cancelled switch to green can stop: both colors enabled.
  proxy.enabled.green = true;
  deps = recordingDeps(proxy, new ManualClock({ sleeps: 'pass-at-once' }), rig.dir);
});

describe('runPost', () => {
  it('touches nothing when main changed no traffic', async () => {
    await runPost({ finished: false }, memoryInputs(), deps);

    expect(deps.logger.infos).toEqual([
      'blue-green-switch post: the main step changed no traffic; nothing to put back',
    ]);
    expect(deps.setups).toEqual([]);
    expect(deps.summaries).toEqual([]);
  });

  it('leaves a switch that ran to its end as it ended', async () => {
    await runPost({ previous: blueLive, finished: true }, memoryInputs(), deps);

    expect(deps.logger.infos).toEqual([
      'blue-green-switch post: the switch ran to its end before the cancellation; traffic stays as it ended',
    ]);
    expect(proxy.enabled).toEqual({ blue: true, green: true });
  });

  it('puts the previous state back after an interrupted switch, proves it, and says so in the summary', async () => {
    await runPost({ previous: blueLive, finished: false }, memoryInputs(), deps);

    expect(proxy.enabled).toEqual({ blue: true, green: false });
    expect(deps.summaries).toHaveLength(1);
    expect(headingOf(deps.summaries[0])).toMatch(/^## ❌ .*cancelled mid-switch, blue put back$/);
    expect(deps.summaries[0]).toMatch(/### Changes, in order\n\n- ✅ done: enable blue\n- ✅ done: disable green\n/);
    expect(deps.summaries[0]).toMatch(
      /in-memory proxy: put back blue \(blue on, green off\); both was live, blue is now/,
    );
    expect(deps.summaries[0]).toMatch(/verification of blue: 5 of 5 consecutive answers from blue/);
  });

  it('fails with a UserError when the color put back does not prove live', async () => {
    proxy.broken.add('blue');

    const error = await runPost({ previous: blueLive, finished: false }, memoryInputs(), deps).catch(
      (thrown: unknown) => thrown,
    );

    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(/^put back blue, but it did not prove live: verification of blue: 0 of 5/);
    expect(deps.summaries[0]).toMatch(/verification of blue: 0 of 5 consecutive answers from blue/);
  });

  it('is a bug, not a user error, when main saved the state but not its inputs', async () => {
    await expect(runPost({ previous: blueLive, finished: false }, undefined, deps)).rejects.toThrow(
      'post step: main saved the previous state but not its inputs',
    );
  });
});
