// The step's run() with plain objects: senders that answer as told, a runner that records outputs and summaries.
// Outputs passed on, the delivered JSON, warnings or failure for what was not delivered, and nothing silent.
import { describe, expect, it } from '@jest/globals';
import { DeliveryError, type Destination } from '@actions-kit/notify';
import { ManualClock, failureOf, recordingStepRunner } from '@actions-kit/testkit';
import type { Inputs } from '../src/inputs.js';
import { run, type MainDeps } from '../src/main.js';

function recording() {
  const lines: string[] = [];
  const warnings: string[] = [];
  const { runner, outputs, summaries } = recordingStepRunner(lines);
  const deps: MainDeps = {
    runner,
    log: (line) => lines.push(line),
    warn: (line) => warnings.push(line),
    http: { send: () => Promise.reject(new Error('no HTTP in this test')) },
    clock: new ManualClock(),
  };
  return { deps, outputs, summaries, lines, warnings };
}

function inputs(destinations: Destination[], failOnError = false): Inputs {
  return {
    message: {
      event: 'succeeded',
      environment: 'production',
      service: 'app',
      version: '1.4.0',
      color: 'green',
      title: '',
      message: '',
      fields: [],
      run: {},
      time: 0,
    },
    destinations,
    timeoutMs: 30_000,
    failOnError,
  };
}

const slack: Destination = {
  name: 'slack',
  sender: { send: async () => ({ detail: 'posted message 1.2', outputs: { 'slack-message-ts': '1.2' } }) },
};
const grafana: Destination = {
  name: 'grafana',
  sender: { send: () => Promise.reject(new DeliveryError("refused with 401: 'invalid API key'")) },
};

describe('notify run', () => {
  it('passes on what was delivered and reports each destination', async () => {
    const recorded = recording();
    await run(inputs([slack]), recorded.deps);
    expect(recorded.outputs).toEqual({
      'slack-message-ts': '1.2',
      'grafana-annotation-id': '',
      delivered: '{"slack":"ok"}',
    });
    expect(recorded.lines).toEqual(['notify: slack: delivered (posted message 1.2)']);
    expect(recorded.warnings).toEqual([]);
    expect(recorded.summaries[0]).toContain('Delivered to all 1 destination.');
    expect(recorded.summaries[0]).toContain('| slack | delivered | posted message 1.2 |');
  });

  it('warns for a destination not reached, in its words, and still delivers the others', async () => {
    const recorded = recording();
    await run(inputs([slack, grafana]), recorded.deps);
    expect(JSON.parse(recorded.outputs['delivered']!)).toEqual({
      slack: 'ok',
      grafana: "error: refused with 401: 'invalid API key'",
    });
    expect(recorded.warnings).toEqual([
      "not delivered to grafana: refused with 401: 'invalid API key' (fail-on-error is false: the step goes on)",
    ]);
    expect(recorded.summaries[0]).toContain('Not delivered to 1 of 2 destinations: a warning only');
  });

  it('fails the step with fail-on-error, after trying every destination', async () => {
    const recorded = recording();
    const failure = await failureOf(run(inputs([slack, grafana], true), recorded.deps));
    expect(failure).toMatchObject({
      name: 'UserError',
      message: "1 of 2 destinations not reached: grafana: refused with 401: 'invalid API key'",
    });
    expect(recorded.outputs['slack-message-ts']).toBe('1.2');
  });

  it('says when no destination is set, instead of passing silently', async () => {
    const recorded = recording();
    await run(inputs([]), recorded.deps);
    expect(recorded.warnings[0]).toMatch(/^no destination is set .* so nothing was sent$/);
    expect(recorded.outputs['delivered']).toBe('{}');
    expect(recorded.summaries[0]).toContain('Nothing sent: no destination is set');
    await expect(run(inputs([], true), recording().deps)).rejects.toThrow('no destination is set');
  });
});
