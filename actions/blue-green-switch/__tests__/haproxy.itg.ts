// The bundled action against a real HAProxy through its runtime API: a switch proven by the answers, a no-op, a dry
// run that changes nothing, a dead target switched back, the errors for a missing input or a stopped HAProxy, inputs
// that would add runtime commands refused before anything is sent, a state file it cannot write found out before the
// switch, and two runs at once through the unix socket and TCP taking turns.
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { quoteValue } from '@actions-kit/core';
import { createProvider } from '@actions-kit/traffic';
import { useColorBackends } from '@actions-kit/testkit/hooks';
import { colorsAt, startHaproxy, type HaproxyHandle } from '@actions-kit/testkit';
import { NODES, errors, rendered, runAction } from './support/bundle.js';

jest.setTimeout(60_000);

const rig = useColorBackends('blue-green-switch-haproxy-');
let haproxy: HaproxyHandle;
beforeEach(async () => {
  haproxy = await startHaproxy(rig.dir, { blue: rig.blue.port, green: rig.green.port }, { tcpAdmin: true });
  rig.running.push(haproxy);
});

const HAPROXY_NAME = "use letters, digits, '-', '_', '.' and ':', as HAProxy names it (at most 255 characters)";

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
      verified: 'true',
    });
    expect(result.outputs.report).toMatch(/blue-green-switch-[\w-]+\.json$/);
    expect(await colorsAt(haproxy.url)).toEqual(['green']);
    expect(rendered(result)).toMatch(/^## ✅ .*switched blue → green$/m);
    expect(rendered(result)).toContain('| Provider | Before | After | Changed | Outcome |');
    expect(rendered(result)).toMatch(
      /^\| HAProxy backend 'app' via .* \| blue \(blue: blue ready .*\) \| green \| yes \|/m,
    );
    expect(rendered(result)).toMatch(
      /- ✅ done: set server app\/green state ready\n- ✅ done: set server app\/blue state drain\n- ✅ done: saved all server states to /,
    );
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
    expect(rendered(result)).toMatch(/^## 🔍 .*dry run, would switch blue → green$/m);
    expect(rendered(result)).toContain('Nothing was changed and no lock was taken. A run would make green live');
    expect(rendered(result)).toMatch(/- set server app\/green state ready\n- set server app\/blue state drain\n/);
    // What a run would do, not a table of timings of nothing.
    expect(rendered(result)).not.toMatch(/Timings|\| total \|/);
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
      verified: 'false',
    });
    expect(rendered(result)).toMatch(/^## ❌ .*switch to green failed and was rolled back, blue is live$/m);
    // Every change in the order made, the switch back included, each with its outcome.
    expect(rendered(result)).toMatch(
      new RegExp(
        [
          '- ✅ done: set server app/green state ready',
          '- ✅ done: set server app/blue state drain',
          '- ✅ done: saved all server states to .*',
          '- ❌ green did not prove live: .*',
          '- ✅ done, switching back: set server app/blue state ready',
          '- ✅ done, switching back: set server app/green state maint',
          '- ✅ done, switching back: saved all server states to .*',
          '- ✅ blue proved live again: 10 of 10 consecutive answers from blue .*',
        ].join('\n'),
      ),
    );
    expect(rendered(result)).toContain('Verification: failed');
    expect(rendered(result)).toContain('After switching back: passed');
    expect(await colorsAt(haproxy.url)).toEqual(['blue']);
  });

  it('warns that a switch without verify-url is not verified, and says so in the verified output', async () => {
    const inputs = haproxyInputs();
    for (const name of ['verify-url', 'verify-header', 'verify-requests', 'verify-timeout']) delete inputs[name];

    const result = await runAction(nodePath, { inputs });

    expect(result.outcome).toBe('success');
    expect(result.outputs).toMatchObject({ outcome: 'switched', verified: 'false' });
    expect(result.annotations).toEqual([
      expect.objectContaining({ level: 'warning', message: expect.stringMatching(/^Not verified: .*set verify-url/) }),
    ]);
    expect(rendered(result)).toMatch(/^## ⚠️ .*switched blue → green, not verified$/m);
  });

  it('refuses verify-timeout without verify-url, naming both and the fix, before touching HAProxy', async () => {
    const inputs = haproxyInputs();
    delete inputs['verify-url'];
    delete inputs['verify-header'];
    delete inputs['verify-requests'];

    const result = await runAction(nodePath, { inputs });

    expect(result.outcome).toBe('failure');
    expect(errors(result)).toEqual([
      "blue-green-switch: verify-timeout: set to '5s', but verify-url is empty, so nothing is verified; set " +
        'verify-url to the URL users hit (e.g. https://app.example.com/health), or remove verify-timeout',
    ]);
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

  it.each([
    ['haproxy-backend', 'app;disable frontend web', "contains ';'"],
    ['haproxy-backend', 'app\nset server app/blue state maint', 'contains a line break'],
    ['green-servers', 'green;disable frontend web', "contains ';'"],
  ])('refuses %s %j before sending anything, even in a dry run, naming it', async (input, value, problem) => {
    const result = await runAction(nodePath, { inputs: haproxyInputs({ [input]: value, 'dry-run': 'true' }) });

    expect(result.outcome).toBe('failure');
    expect(errors(result)).toEqual([`blue-green-switch: ${input}: ${quoteValue(value)} ${problem}; ${HAPROXY_NAME}`]);
    expect(result.outputs).toEqual({});
    // The frontend still answers and blue is still ready: no part of the value ran as a command.
    expect(await colorsAt(haproxy.url)).toEqual(['blue']);
  });

  it.each([
    ['in a folder that does not exist', () => path.join(rig.dir, 'missing', 'server-state'), 'ENOENT'],
    ['that is a folder', () => rig.dir, 'EISDIR'],
  ])(
    'finds out before switching that it cannot write a state file %s, leaving blue live',
    async (_case, file, code) => {
      const result = await runAction(nodePath, { inputs: haproxyInputs({ 'haproxy-state-file': file() }) });

      expect(result.outcome).toBe('failure');
      expect(errors(result)).toEqual([
        `blue-green-switch: haproxy-state-file: cannot write ${file()} (${code}); its folder must exist and be ` +
          'writable by this job, and the path must not be a folder. Nothing was switched',
      ]);
      expect(await colorsAt(haproxy.url)).toEqual(['blue']);
    },
  );

  it('says what the socket path is when it is a regular file', async () => {
    const notASocket = path.join(rig.dir, 'haproxy.cfg');

    const result = await runAction(nodePath, { inputs: haproxyInputs({ 'haproxy-socket': notASocket }) });

    expect(errors(result)).toEqual([
      `blue-green-switch: haproxy-socket: ${notASocket} is a regular file, not a socket; point haproxy-socket at ` +
        `the path HAProxy's "stats socket ... level admin" line names (e.g. /run/haproxy/admin.sock)`,
    ]);
  });

  it('runs two switches at once through the unix socket and TCP one after the other: both prove live', async () => {
    const viaTcp = { 'haproxy-socket': haproxy.tcpSocket ?? '' };
    try {
      const results = await Promise.all([
        runAction(nodePath, { inputs: haproxyInputs() }),
        runAction(nodePath, { inputs: haproxyInputs(viaTcp) }),
      ]);

      expect(results.map((result) => result.outcome)).toEqual(['success', 'success']);
      expect(results.map((result) => result.outputs['target']).sort()).toEqual(['blue', 'green']);
      expect(await colorsAt(haproxy.url)).toEqual(['blue']);
    } finally {
      // The runs' lock, named after HAProxy itself in the temp folder, if either was left behind.
      const provider = createProvider({
        provider: 'haproxy',
        settings: { socket: haproxy.socket, backend: 'app', servers: { blue: ['blue'], green: ['green'] } },
      });
      await rm((await provider.resolveLockFile?.()) ?? provider.lockFile, { force: true });
    }
  });
});
