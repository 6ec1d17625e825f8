// HAProxy: reading `show servers state`, the ready-then-drain order, and the errors a user sees, against an in-memory
// runtime API that speaks HAProxy's formats.
import { describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { HaproxyProvider, parseServersState, socketRuntimeApi } from '../src/haproxy.js';
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
    const log = recordingLogger();
    await haproxy.switchTo('green', before, log);

    expect(log.changes).toEqual(haproxy.plan('green', before));
    expect(fake.readyCounts).toEqual([3, 4, 3, 2]);
    expect((await haproxy.current()).live).toBe('green');
  });

  it('puts back the exact previous states, ready servers first', async () => {
    const fake = new FakeHaproxy({ blue1: 'ready', blue2: 'maint', green1: 'drain', green2: 'drain' });
    const haproxy = provider(fake);
    const before = await haproxy.current();
    await haproxy.switchTo('green', before, recordingLogger());
    fake.commands = [];
    const log = recordingLogger();

    await haproxy.restore(before, log);

    const sent = fake.commands.filter((c) => c.startsWith('set'));
    expect(sent).toEqual([
      'set server app/blue1 state ready',
      'set server app/green1 state drain',
      'set server app/green2 state drain',
    ]);
    expect(log.changes).toEqual(sent);
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

describe('HaproxyProvider and haproxy-state-file', () => {
  const withStateFile = (fake: FakeHaproxy, stateFile: string) =>
    new HaproxyProvider({
      socket: 's',
      backend: 'app',
      servers: { blue: ['blue'], green: ['green'] },
      stateFile,
      runtimeApi: fake.api,
    });

  it.each([
    ['in a folder that does not exist', (dir: string) => path.join(dir, 'missing', 'state'), 'ENOENT'],
    ['that is a folder', (dir: string) => dir, 'EISDIR'],
  ])('refuses a state file %s before sending any change', async (_case, stateFileIn, code) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'traffic-haproxy-state-'));
    try {
      const fake = new FakeHaproxy({ blue: 'ready', green: 'maint' });
      const haproxy = withStateFile(fake, stateFileIn(dir));
      const before = await haproxy.current();

      await expect(haproxy.switchTo('green', before, recordingLogger())).rejects.toThrow(
        `haproxy-state-file: cannot write ${stateFileIn(dir)} (${code}); its folder must exist and be writable by ` +
          'this job, and the path must not be a folder. Nothing was switched',
      );
      expect(fake.commands.filter((command) => command.startsWith('set'))).toEqual([]);
      expect(await readdir(dir)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('puts HAProxy back when the state file cannot be written after the change, and says so', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'traffic-haproxy-state-'));
    try {
      const folder = path.join(dir, 'state');
      await mkdir(folder);
      const fake = new FakeHaproxy({ blue: 'ready', green: 'maint' });
      // The folder goes away between the check and the write, as a cleanup job or a full disk would make it fail.
      const api = fake.api;
      const haproxy = new HaproxyProvider({
        socket: 's',
        backend: 'app',
        servers: { blue: ['blue'], green: ['green'] },
        stateFile: path.join(folder, 'server-state'),
        runtimeApi: async (command) => {
          if (command === 'show servers state') await rm(folder, { recursive: true });
          return api(command);
        },
      });
      const before = await haproxy.current();

      await expect(haproxy.switchTo('green', before, recordingLogger())).rejects.toThrow(
        /^haproxy-state-file: cannot write .*server-state \(ENOENT\).* HAProxy was put back as it was \(blue live\)$/,
      );
      expect(Object.fromEntries(fake.admin)).toEqual({ blue: 0, green: 1 });
      expect((await haproxy.current()).live).toBe('blue');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('HaproxyProvider.resolveLockFile', () => {
  const listing = (sockets: string[]) =>
    `# socket lvl processes\n${sockets.map((s) => `${s} admin all`).join('\n')}\n\n`;
  const answering = (sockets: string, node: string) => async (command: string) =>
    command === 'show cli sockets' ? sockets : command === 'show info' ? `Name: HAProxy\nPid: 7\nnode: ${node}\n` : '';
  const lockOf = (socket: string, runtimeApi: (command: string) => Promise<string>, backend = 'app') =>
    new HaproxyProvider({ socket, backend, servers: { blue: ['b'], green: ['g'] }, runtimeApi }).resolveLockFile();

  it('is the same for one HAProxy reached by its unix socket and by TCP, whatever order it lists its sockets in', async () => {
    const unix = await lockOf(
      '/run/haproxy/admin.sock',
      answering(listing(['unix@/run/a.sock', 'ipv4@127.0.0.1:9999']), 'lb1'),
    );
    const tcp = await lockOf('127.0.0.1:9999', answering(listing(['ipv4@127.0.0.1:9999', 'unix@/run/a.sock']), 'lb1'));
    expect(unix).toBe(tcp);
  });

  it('differs for another backend, another node, or other sockets', async () => {
    const sockets = listing(['unix@/run/a.sock']);
    const base = await lockOf('/run/a.sock', answering(sockets, 'lb1'));
    expect(await lockOf('/run/a.sock', answering(sockets, 'lb1'), 'api')).not.toBe(base);
    expect(await lockOf('/run/a.sock', answering(sockets, 'lb2'))).not.toBe(base);
    expect(await lockOf('/run/a.sock', answering(listing(['unix@/run/b.sock']), 'lb1'))).not.toBe(base);
  });

  it('falls back to the address given when HAProxy does not list its sockets', async () => {
    const haproxy = new HaproxyProvider({
      socket: '/run/a.sock',
      backend: 'app',
      servers: { blue: ['b'], green: ['g'] },
      runtimeApi: async () => 'Unknown command.\n',
    });
    expect(await haproxy.resolveLockFile()).toBe(haproxy.lockFile);
  });
});

describe('socketRuntimeApi', () => {
  it.each([
    ['a regular file', async (file: string) => writeFile(file, '')],
    ['a directory', async (file: string) => mkdir(file)],
  ])('says the socket path is %s rather than that HAProxy is not running', async (what, make) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'traffic-haproxy-socket-'));
    try {
      const socket = path.join(dir, 'admin.sock');
      await make(socket);
      await expect(socketRuntimeApi(socket)('show info')).rejects.toThrow(
        `haproxy-socket: ${socket} is ${what}, not a socket; point haproxy-socket at the path HAProxy's "stats ` +
          'socket ... level admin" line names (e.g. /run/haproxy/admin.sock)',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('says a folder on the socket path is a file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'traffic-haproxy-socket-'));
    try {
      await writeFile(path.join(dir, 'plain'), '');
      await expect(socketRuntimeApi(path.join(dir, 'plain', 'admin.sock'))('show info')).rejects.toThrow(
        /^haproxy-socket: .*plain\/admin\.sock: a folder on that path is a file, so no socket can be there/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.each(['show servers state app;disable frontend web', 'show servers state app\ndisable frontend web'])(
    'never sends a command holding a separator: %j',
    async (command) => {
      await expect(socketRuntimeApi('/nonexistent/admin.sock')(command)).rejects.toThrow(
        /^haproxy: refused to send .*: it holds a command separator$/,
      );
    },
  );
});
