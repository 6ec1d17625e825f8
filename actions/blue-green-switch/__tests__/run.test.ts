// The main step's run() with plain objects for the runner and testkit's in-memory proxy: the outputs, the report
// file, the summary, what is left for the post step, and the failures it reports.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '@actions-kit/core';
import { failureOf, InMemoryProvider, ManualClock } from '@actions-kit/testkit';
import { useTempDir } from '@actions-kit/testkit/hooks';
import { TrafficError, type Color, type LiveState } from '@actions-kit/traffic';
import { run } from '../src/main.js';
import { memoryInputs, recordingDeps, type RecordingDeps } from './support/recording-deps.js';

const rig = useTempDir('blue-green-switch-run-');
let proxy: InMemoryProvider;
let deps: RecordingDeps;
beforeEach(() => {
  proxy = new InMemoryProvider(path.join(rig.dir, 'app.lock'), { blue: true, green: false });
  deps = recordingDeps(proxy, new ManualClock({ sleeps: 'pass-at-once' }), rig.dir);
});

describe('run', () => {
  it('switches, sets every output, writes the report file and the summary, and hands over the previous state', async () => {
    const inputs = memoryInputs();
    await run(inputs, deps);

    expect(deps.setups).toEqual([inputs]);
    expect(proxy.enabled).toEqual({ blue: false, green: true });
    expect(deps.outputs).toEqual({
      previous: 'blue',
      active: 'green',
      changed: 'true',
      outcome: 'switched',
      target: 'green',
      report: expect.stringMatching(new RegExp(`^${rig.dir}/blue-green-switch-[\\w-]+\\.json$`)),
    });
    const report = JSON.parse(await readFile(deps.outputs.report ?? '', 'utf8')) as Record<string, unknown>;
    expect(report).toMatchObject({ outcome: 'switched', previousEvidence: 'blue on, green off' });
    expect(report).not.toHaveProperty('previousState');
    expect(deps.summaries).toHaveLength(1);
    expect(deps.summaries[0]).toMatch(/^## Blue-green switch: switched blue → green\n/);
    expect(deps.summaries[0]).toMatch(/### Verification: passed\n\n5 of 5 consecutive answers from green/);
    expect(deps.handover.saved.map((state: LiveState) => state.live)).toEqual(['blue']);
    expect(deps.handover.finished).toBe(true);
    expect(deps.logger.infos).toContain('blue-green-switch: switched blue → green (in-memory proxy)');
  });

  it('fails with a UserError after switching back, the outputs and summary saying so', async () => {
    proxy.broken.add('green');

    const error = await failureOf(run(memoryInputs(), deps));

    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toMatch(
      /^green did not prove live: 0 of 5 consecutive answers from green .*; switched back, blue is live \(in-memory proxy\)$/,
    );
    expect(deps.outputs).toMatchObject({ previous: 'blue', active: 'blue', changed: 'false', outcome: 'rolled-back' });
    expect(deps.summaries[0]).toMatch(/^## Blue-green switch: switch to green rolled back, blue is live\n/);
    expect(deps.summaries[0]).toMatch(/green did not prove live: .*\. Traffic was switched back\./);
    expect(deps.summaries[0]).toMatch(/### After switching back: passed/);
    expect(proxy.enabled).toEqual({ blue: true, green: false });
  });

  it('changes nothing and leaves nothing to put back when the target is already live', async () => {
    await run(memoryInputs({ target: 'blue' }), deps);

    expect(deps.outputs).toMatchObject({ outcome: 'already-live', changed: 'false', active: 'blue' });
    expect(deps.summaries[0]).toMatch(/^## Blue-green switch: blue was already live, nothing changed\n/);
    expect(deps.handover).toMatchObject({ saved: [], finished: true });
    expect(proxy.switchCalls).toBe(0);
  });

  it('reports the plan of a dry run and changes nothing', async () => {
    await run(memoryInputs({ dryRun: true }), deps);

    expect(deps.outputs).toMatchObject({ outcome: 'dry-run', changed: 'false', target: 'green', active: 'blue' });
    expect(deps.summaries[0]).toMatch(/Dry run: nothing was changed and no lock was taken/);
    expect(deps.summaries[0]).toMatch(/### Would do\n\n- enable green\n- disable blue/);
    expect(proxy.enabled).toEqual({ blue: true, green: false });
  });

  it('says a switch without verify-url is not verified', async () => {
    await run(memoryInputs({ verify: undefined }), deps);

    expect(deps.outputs.outcome).toBe('switched');
    expect(deps.summaries[0]).toMatch(/Not verified: no verify-url, so only the proxy itself says green is live\./);
    expect(deps.logger.infos).toContain(
      'blue-green-switch: not verified; set verify-url to prove that only the new color answers',
    );
  });

  it('fails a switch the job was cancelled during, leaving the previous color for the post step', async () => {
    deps.cancelledBy = 'SIGINT';

    const error = await failureOf(run(memoryInputs(), deps));

    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toBe('cancelled (SIGINT) during the switch to green; the post step puts blue back');
    expect(deps.handover).toMatchObject({ saved: [expect.objectContaining({ live: 'blue' })], finished: false });
    expect(deps.outputs.outcome).toBe('switched');
  });

  it("turns the provider's TrafficError into a UserError, its output printed guarded and summarised", async () => {
    proxy.switchTo = async (target: Color) => {
      throw new TrafficError(`memory: cannot enable ${target}`, '::error::from the proxy');
    };

    const error = await failureOf(run(memoryInputs(), deps));

    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toBe('memory: cannot enable green');
    expect(deps.untrusted).toEqual(['::error::from the proxy']);
    expect(deps.summaries[0]).toMatch(/^## Blue-green switch: failed\n\nin-memory proxy: memory: cannot enable green/);
    expect(deps.outputs).toEqual({});
    expect(deps.handover.finished).toBe(true);
  });
});
