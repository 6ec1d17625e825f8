// The sample service through real HTTP on loopback: what each path answers, the bad release breaking under
// traffic, the settings it refuses, and the server started as a process.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import http from 'node:http';
import { once } from 'node:events';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createHandler, settingsFrom } from '../src/app.js';

const servers = [];
after(() => servers.forEach((server) => server.close()));

async function serve(env) {
  const server = http.createServer(createHandler(settingsFrom(env)));
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${server.address().port}`;
}

async function get(url, method = 'GET') {
  const response = await fetch(url, { method });
  return { status: response.status, color: response.headers.get('x-color'), body: await response.json() };
}

describe('sample service', () => {
  it('answers its health, version and greeting with its color', async () => {
    const base = await serve({ COLOR: 'green', VERSION: '2.1.0' });
    assert.deepEqual(await get(`${base}/healthz`), {
      status: 200,
      color: 'green',
      body: { status: 'ok', color: 'green', version: '2.1.0' },
    });
    assert.deepEqual((await get(`${base}/version`)).body, { color: 'green', version: '2.1.0', release: 'good' });
    assert.deepEqual((await get(`${base}/`)).body, { message: 'hello from green', color: 'green' });
  });

  it('refuses unknown paths and methods other than GET', async () => {
    const base = await serve({});
    assert.equal((await get(`${base}/nope`)).status, 404);
    const post = await get(`${base}/`, 'POST');
    assert.equal(post.status, 405);
    assert.equal(post.color, 'blue');
  });

  it('a good release stays healthy under traffic', async () => {
    const base = await serve({ BREAKS_AFTER: '2' });
    for (let i = 0; i < 5; i += 1) await get(`${base}/`);
    assert.equal((await get(`${base}/healthz`)).status, 200);
  });

  it('a bad release is healthy until it has served BREAKS_AFTER requests, then fails its health only', async () => {
    const base = await serve({ RELEASE: 'bad', BREAKS_AFTER: '3' });
    assert.equal((await get(`${base}/healthz`)).status, 200);
    for (let i = 0; i < 3; i += 1) assert.equal((await get(`${base}/`)).status, 200);
    const health = await get(`${base}/healthz`);
    assert.equal(health.status, 503);
    assert.equal(health.body.status, 'failing');
    assert.equal((await get(`${base}/version`)).status, 200);
  });

  it('refuses bad settings naming the variable, the value and the fix', () => {
    assert.throws(() => settingsFrom({ COLOR: 'red' }), /^Error: COLOR is 'red': set it to blue or green$/);
    assert.throws(() => settingsFrom({ RELEASE: 'ok' }), /^Error: RELEASE is 'ok': set it to good or bad$/);
    assert.throws(() => settingsFrom({ BREAKS_AFTER: '1e3' }), /BREAKS_AFTER is '1e3': set it to a whole number/);
  });

  it('starts as a process on PORT and stops on SIGTERM', async () => {
    const server = fileURLToPath(new URL('../src/server.js', import.meta.url));
    const child = spawn(process.execPath, [server], { env: { PATH: process.env.PATH, PORT: '0', COLOR: 'green' } });
    const [line] = await once(child.stdout, 'data');
    const match = /on 127\.0\.0\.1:(\d+)/.exec(String(line));
    assert.ok(match, `unexpected start line: ${line}`);
    assert.equal((await get(`http://127.0.0.1:${match[1]}/healthz`)).color, 'green');
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  });

  it('as a process, exits 2 naming a bad setting', async () => {
    const server = fileURLToPath(new URL('../src/server.js', import.meta.url));
    const child = spawn(process.execPath, [server], { env: { PATH: process.env.PATH, PORT: '99999' } });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const [code] = await once(child, 'exit');
    assert.equal(code, 2);
    assert.match(stderr, /PORT is '99999': set it to a port number/);
  });
});
