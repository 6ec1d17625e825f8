// HAProxy: reading `show servers state`, the ready-then-drain order, and the errors a user sees, against an in-memory
// runtime API that speaks HAProxy's formats.
import { describe, expect, it } from '@jest/globals';
import { HaproxyProvider, parseServersState } from '../src/haproxy.js';
import { FakeHaproxy } from './support/fake-haproxy.js';
import { recordingLogger } from '@actions-kit/testkit';

// Captured from HAProxy 2.6: blue running, green declared `disabled` in the configuration.
const CAPTURED = `1
# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port srv_check_addr srv_agent_addr srv_agent_port
2 app 1 blue 127.0.0.1 2 0 1 1 1 1 0 2 0 0 0 0 - 20181 - 0 0 - - 0
2 app 2 green 127.0.0.1 0 5 1 1 1 1 0 0 8 0 0 0 - 20182 - 0 0 - - 0

`;

function provider(fake: FakeHaproxy, servers = { blue: ['blue1', 'blue2'], green: ['green1', 'green2'] }) {
  return new HaproxyProvider({ socket: 'test.sock', backend: 'app', servers, runtimeApi: fake.api });
}

describe('parseServersState', () => {
  it('reads names, addresses and states by the header columns', () => {
    expect(parseServersState(CAPTURED)).toEqual([
      {
        backend: 'app',
        name: 'blue',
        address: '127.0.0.1',
        port: '20181',
        operational: 'up',
        admin: 'ready',
        adminFlags: 0,
      },
      {
        backend: 'app',
        name: 'green',
        address: '127.0.0.1',
        port: '20182',
        operational: 'down',
        admin: 'maint',
        adminFlags: 5,
      },
    ]);
  });

  it('treats the configuration-disabled marker alone as ready, and drain flags as drain', () => {
    const states = parseServersState(CAPTURED.replace(' 0 5 1 1', ' 2 4 1 1').replace(' 2 0 1 1', ' 2 8 1 1'));
    expect(states.map((s) => s.admin)).toEqual(['drain', 'ready']);
  });

  it('rejects an answer that is not format 1, keeping the answer as data', () => {
    expect(() => parseServersState("Can't find backend.\n")).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/format 1/), untrustedOutput: "Can't find backend.\n" }),
    );
  });
});

describe('HaproxyProvider', () => {
  it('makes every target server ready before draining any other, so some server is always ready', async () => {
    const fake = new FakeHaproxy({ blue1: 'ready', blue2: 'ready', green1: 'maint', green2: 'drain' });
    const haproxy = provider(fake);
    const before = await haproxy.current();

    expect(before.live).toBe('blue');
    expect(haproxy.plan('green', before)).toEqual([
      'set server app/green1 state ready',
      'set server app/green2 state ready',
      'set server app/blue1 state drain',
      'set server app/blue2 state drain',
    ]);
    await haproxy.switchTo('green', before, recordingLogger());

    expect(fake.readyCounts).toEqual([3, 4, 3, 2]);
    expect((await haproxy.current()).live).toBe('green');
  });

  it('puts back the exact previous states, ready servers first', async () => {
    const fake = new FakeHaproxy({ blue1: 'ready', blue2: 'maint', green1: 'drain', green2: 'drain' });
    const haproxy = provider(fake);
    const before = await haproxy.current();
    await haproxy.switchTo('green', before, recordingLogger());
    fake.commands = [];

    await haproxy.restore(before, recordingLogger());

    expect(fake.commands.filter((c) => c.startsWith('set'))).toEqual([
      'set server app/blue1 state ready',
      'set server app/green1 state drain',
      'set server app/green2 state drain',
    ]);
    expect(Object.fromEntries(fake.admin)).toEqual({ blue1: 0, blue2: 1, green1: 8, green2: 8 });
  });

  it('describes both colors with admin and operational state', async () => {
    const fake = new FakeHaproxy({ blue1: 'ready', blue2: 'ready', green1: 'ready', green2: 'maint' });
    const state = await provider(fake).current();
    expect(state).toMatchObject({
      live: 'both',
      evidence: 'blue: blue1 ready (UP), blue2 ready (UP); green: green1 ready (UP), green2 maint (UP)',
    });
  });

  it('names a server missing from the backend, with the servers it has', async () => {
    const fake = new FakeHaproxy({ blue: 'ready', green: 'maint' });
    await expect(provider(fake, { blue: ['blue'], green: ['gren'] }).current()).rejects.toThrow(
      "green-servers: backend 'app' has no server 'gren' (it has: blue, green)",
    );
  });

  it('names a missing backend', async () => {
    const fake = new FakeHaproxy({ blue: 'ready' });
    const haproxy = new HaproxyProvider({
      socket: 's',
      backend: 'web',
      servers: { blue: ['blue'], green: ['green'] },
      runtimeApi: fake.api,
    });
    await expect(haproxy.current()).rejects.toThrow("haproxy-backend: HAProxy has no backend 'web'");
  });

  it('says the socket needs level admin when HAProxy refuses a change, and changes nothing', async () => {
    const fake = new FakeHaproxy({ blue: 'ready', green: 'maint' });
    fake.adminLevel = false;
    const haproxy = provider(fake, { blue: ['blue'], green: ['green'] });
    const before = await haproxy.current();

    const failure = haproxy.switchTo('green', before, recordingLogger());

    await expect(failure).rejects.toThrow(
      /HAProxy refused 'set server app\/green state ready': the stats socket needs "level admin"/,
    );
    await expect(failure).rejects.toMatchObject({ untrustedOutput: 'Permission denied' });
    expect(Object.fromEntries(fake.admin)).toEqual({ blue: 0, green: 1 });
  });

  it('disables with maint when asked to', async () => {
    const fake = new FakeHaproxy({ blue: 'ready', green: 'maint' });
    const haproxy = new HaproxyProvider({
      socket: 's',
      backend: 'app',
      servers: { blue: ['blue'], green: ['green'] },
      disableWith: 'maint',
      runtimeApi: fake.api,
    });
    expect(haproxy.plan('green', await haproxy.current())).toEqual([
      'set server app/green state ready',
      'set server app/blue state maint',
    ]);
  });
});
