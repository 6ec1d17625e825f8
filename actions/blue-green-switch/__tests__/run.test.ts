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
import { headingOf, listUnder, memoryInputs, recordingDeps, type RecordingDeps } from './support/recording-deps.js';

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
      verified: 'true',
      report: expect.stringMatching(new RegExp(`^${rig.dir}/blue-green-switch-[\\w-]+\\.json$`)),
    });
    const report = JSON.parse(await readFile(deps.outputs.report ?? '', 'utf8')) as Record<string, unknown>;
    expect(report).toMatchObject({ outcome: 'switched', previousEvidence: 'blue on, green off' });
    expect(report).not.toHaveProperty('previousState');
    expect(deps.summaries).toHaveLength(1);
    expect(headingOf(deps.summaries[0])).toMatch(/^## ✅ .*switched blue → green$/);
    expect(deps.summaries[0]).toMatch(/^Verified through verify-url: 5 of 5 consecutive answers from green/m);
    expect(listUnder(deps.summaries[0], 'Changes, in order')).toEqual([
      '✅ done: enable green',
      '✅ done: disable blue',
      expect.stringMatching(/^✅ green proved live: 5 of 5 consecutive answers from green after 5 requests in /),
    ]);
    expect(deps.summaries[0]).toMatch(/### Verification: passed\n/);
    expect(deps.logger.warnings).toEqual([]);
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
    expect(deps.outputs).toMatchObject({
      previous: 'blue',
      active: 'blue',
      changed: 'false',
      outcome: 'rolled-back',
      verified: 'false',
    });
    const [summary] = deps.summaries;
    expect(headingOf(summary)).toMatch(/^## ❌ .*switch to green failed and was rolled back, blue is live$/);
    expect(summary).toMatch(/green did not prove live: .*\. Traffic was switched back: blue is live\./);
    // Every change, the switch back too, in the order made, with the failed check that caused the switch back.
    expect(listUnder(summary, 'Changes, in order')).toEqual([
      '✅ done: enable green',
      '✅ done: disable blue',
      expect.stringMatching(/^❌ green did not prove live: 0 of 5 consecutive answers from green after 20 requests/),
      '✅ done, switching back: enable blue',
      '✅ done, switching back: disable green',
      expect.stringMatching(/^✅ blue proved live again: 5 of 5 consecutive answers from blue/),
    ]);
    expect(summary).toMatch(/### After switching back: passed/);
    expect(proxy.enabled).toEqual({ blue: true, green: false });
  });

  it('lists a failed read-back between the switch and the switch back it caused', async () => {
    // A switch the provider says is done, which the proxy does not show (a switch-command that did nothing).
    proxy.switchTo = async () => undefined;

    await failureOf(run(memoryInputs({ verify: undefined }), deps));

    expect(deps.outputs).toMatchObject({ outcome: 'rolled-back', verified: 'false' });
    expect(listUnder(deps.summaries[0], 'Changes, in order')).toEqual([
      '❌ read back from the proxy: green is not live after the switch: the proxy reads blue (blue on, green off)',
      '✅ done, switching back: enable blue',
      '✅ done, switching back: disable green',
    ]);
  });

  it('changes nothing and leaves nothing to put back when the target is already live', async () => {
    await run(memoryInputs({ target: 'blue' }), deps);

    expect(deps.outputs).toMatchObject({
      outcome: 'already-live',
      changed: 'false',
      active: 'blue',
      verified: 'false',
    });
    expect(headingOf(deps.summaries[0])).toMatch(/^## ✅ .*blue was already live, nothing changed$/);
    expect(deps.summaries[0]).not.toMatch(/Changes, in order/);
    expect(deps.handover).toMatchObject({ saved: [], finished: true });
    expect(proxy.switchCalls).toBe(0);
  });

  it('shows what a dry run would do, without timings, and changes nothing', async () => {
    await run(memoryInputs({ dryRun: true }), deps);

    expect(deps.outputs).toMatchObject({ outcome: 'dry-run', changed: 'false', target: 'green', active: 'blue' });
    const [summary] = deps.summaries;
    expect(headingOf(summary)).toMatch(/^## 🔍 .*dry run, would switch blue → green$/);
    expect(summary).toMatch(
      /Nothing was changed and no lock was taken\. A run would make green live with these changes, in order:\n\n- enable green\n- disable blue\n/,
    );
    expect(summary).not.toMatch(/Timings| ms\b/);
    expect(proxy.enabled).toEqual({ blue: true, green: false });
  });

  it('says a dry run whose target is already live would change nothing', async () => {
    await run(memoryInputs({ dryRun: true, target: 'blue' }), deps);

    expect(headingOf(deps.summaries[0])).toMatch(/^## 🔍 .*dry run, blue is already live$/);
    expect(deps.summaries[0]).toMatch(/blue is already live: a run would change nothing\./);
  });

  it('warns that a switch without verify-url is not verified, and says how to verify it', async () => {
    await run(memoryInputs({ verify: undefined }), deps);

    expect(deps.outputs).toMatchObject({ outcome: 'switched', verified: 'false' });
    expect(headingOf(deps.summaries[0])).toMatch(/^## ⚠️ .*switched blue → green, not verified$/);
    expect(deps.logger.warnings).toHaveLength(1);
    expect(deps.logger.warnings[0]).toMatch(
      /^Not verified: verify-url is not set, so only the proxy itself says green/,
    );
    expect(deps.logger.warnings[0]).toMatch(/set verify-url to the URL users hit/);
    expect(deps.summaries[0]).toContain(deps.logger.warnings[0]);
  });

  it('fails a switch the job was cancelled during, leaving the previous color for the post step', async () => {
    deps.cancelledBy = 'SIGINT';

    const error = await failureOf(run(memoryInputs(), deps));

    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toBe('cancelled (SIGINT) during the switch to green; the post step puts blue back');
    expect(deps.handover).toMatchObject({ saved: [expect.objectContaining({ live: 'blue' })], finished: false });
    expect(deps.outputs.outcome).toBe('switched');
  });

  it('lists the changes a provider made before it failed part-way', async () => {
    proxy.switchTo = async (target, _from, log) => {
      log.changed(`enable ${target}`);
      throw new TrafficError('memory: cannot disable blue');
    };

    const error = await failureOf(run(memoryInputs(), deps));

    expect(error.message).toBe('memory: cannot disable blue');
    expect(headingOf(deps.summaries[0])).toMatch(/^## ❌ .*failed$/);
    expect(listUnder(deps.summaries[0], 'Changes made before it stopped, in order')).toEqual(['✅ done: enable green']);
  });

  it("turns the provider's TrafficError into a UserError, its output printed guarded and summarised", async () => {
    proxy.switchTo = async (target: Color) => {
      throw new TrafficError(`memory: cannot enable ${target}`, '::error::from the proxy');
    };

    const error = await failureOf(run(memoryInputs(), deps));

    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toBe('memory: cannot enable green');
    expect(deps.untrusted).toEqual(['::error::from the proxy']);
    expect(headingOf(deps.summaries[0])).toMatch(/^## ❌ .*failed$/);
    expect(deps.summaries[0]).toMatch(/^in-memory proxy: memory: cannot enable green$/m);
    expect(deps.summaries[0]).not.toMatch(/Changes made before it stopped/);
    expect(deps.outputs).toEqual({});
    expect(deps.handover.finished).toBe(true);
  });
});
