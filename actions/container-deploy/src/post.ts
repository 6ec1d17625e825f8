// The container-deploy post step (post-if: always()): post() reads what main left and hands it to runPost(), which
// asks verify-url which color is live and removes the other one's container: the release main started when the
// traffic is not on it (the deploy failed, was rolled back or was cancelled), or, when it is, the previous color's
// after cleanup-after, so a fast rollback stays possible until then. It removes nothing on a reading it cannot trust.
import { SummaryBuilder, UserError, humanDuration, own } from '@actions-kit/core';
import type { Color } from '@actions-kit/traffic';
import { containerName, startedFor, type ContainerEngine } from './container-engine.js';
import { readHandover, type Handover } from './handover.js';
import { readLiveColor } from './live-color.js';
import { LOG_LINES, engineCall } from './main.js';
import { runnerDeps, type StepDeps } from './step-deps.js';

export async function post(): Promise<void> {
  await runPost(readHandover(), runnerDeps);
}

export async function runPost({ inputs, started }: Handover, deps: StepDeps): Promise<void> {
  const say = (line: string): void => deps.logger.info(`container-deploy post: ${line}`);
  if (!inputs || !started) return say('main started no container; nothing to remove');
  const engine = deps.engine(inputs.dockerHost);
  const released = inputs.color;
  const previous: Color = released === 'blue' ? 'green' : 'blue';
  const probe = deps.colorProbe(inputs.verify);
  const reading = await readLiveColor(probe);
  say(`live at ${inputs.verify.url}: ${reading.live ?? 'unclear'} (${reading.evidence})`);
  const summary = new SummaryBuilder();

  if (reading.live === previous) {
    const log = await engine.logs(started, LOG_LINES);
    await engineCall(engine, () => engine.remove(started));
    say(`${previous} is live, so the release's ${started} is removed`);
    summary
      .heading(own`❌ Container deploy: ${started} removed, ${previous} stayed live`, 3)
      .paragraph(
        own`The traffic is on ${previous} (${reading.evidence} at ${inputs.verify.url}), not on the release, so ${started} was stopped and removed.`,
      );
    if (log) summary.details(own`${started}'s last lines`, log);
    await deps.runner.writeSummary(summary);
    return;
  }

  if (reading.live !== released) {
    throw new UserError(
      `could not tell which color is live at ${inputs.verify.url} (${reading.evidence}), so no container was ` +
        `removed: ${containerName(inputs.service, 'blue')} and ${containerName(inputs.service, 'green')} both ` +
        'stay; remove the one the proxy does not send traffic to by hand',
    );
  }

  const old = containerName(inputs.service, previous);
  if (inputs.cleanupAfterMs > 0) {
    say(
      `${released} is live; ${old} stays for cleanup-after (${humanDuration(inputs.cleanupAfterMs)}) for a fast rollback`,
    );
    await deps.clock.sleep(inputs.cleanupAfterMs);
  }
  const again = inputs.cleanupAfterMs > 0 ? await readLiveColor(probe) : reading;
  if (again.live !== released) {
    throw new UserError(
      `${released} was live, but after cleanup-after ${again.live ? `${again.live} is` : 'no color is clearly'} ` +
        `(${again.evidence} at ${inputs.verify.url}): ${old} was kept; remove the color that is not live by hand`,
    );
  }
  const outcome = await retire(engine, old, inputs.service);
  say(outcome.sentence);
  await deps.runner.writeSummary(
    summary
      .heading(own`✅ Container deploy: ${released} live, ${old} ${outcome.word}`, 3)
      .paragraph(own`The traffic is on ${released} (${again.evidence} at ${inputs.verify.url}); ${outcome.sentence}.`),
  );
}

/** Removes the previous color's container when this action started it; a stranger's container is left alone. */
async function retire(engine: ContainerEngine, old: string, service: string) {
  const state = await engineCall(engine, () => engine.inspect(old));
  if (!state) return { word: 'absent', sentence: `there was no ${old} to remove` };
  if (!startedFor(state, service)) {
    return { word: 'kept', sentence: `${old} was kept: container-deploy did not start it (no ${service} label)` };
  }
  await engineCall(engine, () => engine.remove(old));
  return { word: 'removed', sentence: `${old} was stopped and removed` };
}
