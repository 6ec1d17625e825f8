// The bundled action against a real HAProxy through its runtime API: a switch proven by the answers, a no-op, a dry
// run that changes nothing, a dead target switched back, and the errors for a missing input or a stopped HAProxy.
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { useColorBackends } from '@actions-kit/testkit/hooks';
import { colorsAt, startHaproxy, type HaproxyHandle } from '@actions-kit/testkit';
import { NODES, errors, rendered, runAction } from './support/bundle.js';

jest.setTimeout(60_000);

const rig = useColorBackends('blue-green-switch-haproxy-');
let haproxy: HaproxyHandle;
beforeEach(async () => {
  haproxy = await startHaproxy(rig.dir, { blue: rig.blue.port, green: rig.green.port });
  rig.running.push(haproxy);
});

const haproxyInputs = (extra: Record<string, string> = {}): Record<string, string> => ({
  provider: 'haproxy',
  target: 'toggle',
  'haproxy-socket': haproxy.socket,
  'haproxy-backend': 'app',
  'haproxy-state-file': haproxy.stateFile,
  'verify-url': haproxy.url,
  'verify-header': 'x-color',
  'verify-requests': '10',
  'verify-timeout': '5s',
  ...extra,
});

describe.each(NODES)('blue-green-switch with HAProxy under %s', (_label, nodePath) => {
  it('switches blue to green, proves it, and reports what it saw', async () => {
    expect(await colorsAt(haproxy.url)).toEqual(['blue']);

    const result = await runAction(nodePath, { inputs: haproxyInputs() });

    expect(result.outcome).toBe('success');
    expect(result.annotations).toEqual([]);
    expect(result.outputs).toMatchObject({
      previous: 'blue',
      active: 'green',
      changed: 'true',
      outcome: 'switched',
      target: 'green',
    });
    expect(result.outputs.report).toMatch(/blue-green-switch-[\w-]+\.json$/);
    expect(await colorsAt(haproxy.url)).toEqual(['green']);
    expect(rendered(result)).toContain('Blue-green switch: switched blue → green');
    expect(rendered(result)).toContain("| Provider | HAProxy backend 'app' via");
    expect(rendered(result)).toContain('set server app/green state ready');
    expect(rendered(result)).toContain('Verification: passed');
    expect(rendered(result)).toContain('10 of 10 consecutive answers from green');
    expect(rendered(result)).toMatch(/\| green \| \d+ \|/);
    expect(rendered(result)).toContain('| total |');
    // post-if: cancelled(): a job that was not cancelled runs no post step.
    expect(result.post).toBeUndefined();
  });

  it('is a successful no-op when the target is already live', async () => {
    const result = await runAction(nodePath, { inputs: haproxyInputs({ target: 'blue' }) });

    expect(result.outcome).toBe('success');
    expect(result.outputs).toMatchObject({
      previous: 'blue',
      active: 'blue',
      changed: 'false',
      outcome: 'already-live',
    });
    expect(rendered(result)).toContain('Blue-green switch: blue was already live, nothing changed');
    expect(await colorsAt(haproxy.url)).toEqual(['blue']);
  });

  it('changes nothing in a dry run and says what it would do', async () => {
    const result = await runAction(nodePath, { inputs: haproxyInputs({ 'dry-run': 'true' }) });

    expect(result.outcome).toBe('success');
    expect(result.outputs).toMatchObject({
      previous: 'blue',
      active: 'blue',
      changed: 'false',
      outcome: 'dry-run',
      target: 'green',
    });
    expect(rendered(result)).toContain('Blue-green switch: dry run, would switch blue → green');
    expect(rendered(result)).toContain('Dry run: nothing was changed');
    expect(rendered(result)).toContain('set server app/blue state drain');
    expect(await colorsAt(haproxy.url)).toEqual(['blue']);
    expect(existsSync(haproxy.stateFile)).toBe(false);
  });

  it('switches back and fails the step, with what answered, when the new color does not', async () => {
    await rig.green.stop();

    const result = await runAction(nodePath, { inputs: haproxyInputs({ target: 'green', 'verify-timeout': '2s' }) });

    expect(result.outcome).toBe('failure');
    const [message, ...others] = errors(result);
    expect(others).toEqual([]);
    expect(message).toMatch(/^blue-green-switch: green did not prove live: 0 of 10 consecutive answers from green/);
    expect(message).toMatch(/seen: failed \d+\).*; switched back, blue is live \(HAProxy backend 'app'/);
    expect(result.outputs).toMatchObject({
      previous: 'blue',
      active: 'blue',
      changed: 'false',
      outcome: 'rolled-back',
    });
    expect(rendered(result)).toContain('switch to green rolled back, blue is live');
    expect(rendered(result)).toContain('Verification: failed');
    expect(rendered(result)).toContain('After switching back: passed');
    expect(await colorsAt(haproxy.url)).toEqual(['blue']);
  });

  it('names the missing input and what to set', async () => {
    const inputs = haproxyInputs();
    delete inputs['haproxy-socket'];

    const result = await runAction(nodePath, { inputs });

    expect(result.outcome).toBe('failure');
    expect(errors(result)).toEqual([
      "blue-green-switch: haproxy-socket: required with provider haproxy; set it to HAProxy's runtime API, the path " +
        'or host:port of a `stats socket ... level admin` (e.g. /run/haproxy/admin.sock)',
    ]);
    expect(result.debug).toEqual([]);
  });

  it('names the socket when HAProxy is not running', async () => {
    const socket = path.join(rig.dir, 'no-haproxy.sock');

    const result = await runAction(nodePath, { inputs: haproxyInputs({ 'haproxy-socket': socket }) });

    expect(result.outcome).toBe('failure');
    expect(errors(result)).toEqual([
      `blue-green-switch: haproxy-socket: ${socket} does not exist: HAProxy is not running, or its global section ` +
        `lacks "stats socket ${socket} level admin"`,
    ]);
    expect(await colorsAt(haproxy.url)).toEqual(['blue']);
  });
});
