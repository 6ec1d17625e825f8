// The HTTP probe against real Node servers on loopback: what an answer carries, and each named reason a request
// fails for, down to a body that never ends (a timeout, never a hang).
import { afterEach, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { listenOnLoopback, selfSignedCertificate, type LoopbackServer } from '@actions-kit/testkit';
import { httpProbe, type HttpProbeResult } from '../src/http-probe.js';

const running: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.stop()));
});

async function serve(handler: http.RequestListener): Promise<string> {
  const server = await listenOnLoopback(http.createServer(handler));
  running.push(server);
  return server.url;
}

function failure(result: HttpProbeResult): { reason: string; message: string } {
  if (result.answered) throw new Error(`expected a failure, got HTTP ${result.status}`);
  return { reason: result.reason, message: result.message };
}

describe('httpProbe answers', () => {
  it('carries the status, headers and body, sends the method, headers and body, and times the exchange', async () => {
    const url = await serve((request, response) => {
      let received = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (received += chunk));
      request.on('end', () => {
        response.writeHead(201, { 'x-seen': `${request.method} ${request.headers['x-token']}` }).end(`got ${received}`);
      });
    });

    const result = await httpProbe({
      url,
      method: 'POST',
      headers: { 'x-token': 't1' },
      body: 'ping',
      timeoutMs: 2_000,
    });

    expect(result).toMatchObject({ answered: true, status: 201, body: 'got ping', bodyCut: false, url });
    expect(result.answered && result.headers['x-seen']).toBe('POST t1');
    expect(result.latencyMs).toBeGreaterThan(0);
  });

  it('keeps at most maxBodyBytes of a long body and says it was cut', async () => {
    const url = await serve((_request, response) => response.end('x'.repeat(100_000)));

    const result = await httpProbe({ url, timeoutMs: 2_000, maxBodyBytes: 1_000 });

    expect(result).toMatchObject({ answered: true, status: 200, bodyCut: true });
    expect(result.answered && result.body.length).toBe(1_000);
  });

  it('returns a redirect as the answer unless told to follow it', async () => {
    const url = await serve((request, response) => {
      if (request.url === '/old') response.writeHead(302, { location: '/new' }).end();
      else response.end(`at ${request.url}`);
    });
    const old = new URL('/old', url).href;

    expect(await httpProbe({ url: old, timeoutMs: 2_000 })).toMatchObject({ status: 302, url: old });
    expect(await httpProbe({ url: old, timeoutMs: 2_000, followRedirects: true })).toMatchObject({
      status: 200,
      body: 'at /new',
      url: new URL('/new', url).href,
    });
  });

  it('follows a 303 with a GET and stops after maxRedirects, returning the last redirect', async () => {
    const url = await serve((request, response) => {
      if (request.url === '/loop') response.writeHead(307, { location: '/loop' }).end();
      else if (request.url === '/form') response.writeHead(303, { location: '/done' }).end();
      else response.end(`${request.method} ${request.url}`);
    });

    const form = await httpProbe({
      url: new URL('/form', url),
      method: 'POST',
      body: 'a',
      followRedirects: true,
      timeoutMs: 2_000,
    });
    expect(form).toMatchObject({ status: 200, body: 'GET /done' });
    const loop = await httpProbe({
      url: new URL('/loop', url),
      followRedirects: true,
      maxRedirects: 3,
      timeoutMs: 2_000,
    });
    expect(loop).toMatchObject({ answered: true, status: 307 });
  });
});

describe('httpProbe names why there was no answer', () => {
  it('dns: a name that cannot resolve', async () => {
    expect(failure(await httpProbe({ url: 'http://no-such-host.invalid/', timeoutMs: 5_000 }))).toEqual({
      reason: 'dns',
      message: expect.stringMatching(/no-such-host\.invalid/),
    });
  });

  it('refused: a port nothing listens on', async () => {
    const closed = await listenOnLoopback(net.createServer());
    await closed.stop();

    expect(failure(await httpProbe({ url: closed.url, timeoutMs: 2_000 }))).toEqual({
      reason: 'refused',
      message: `connect ECONNREFUSED 127.0.0.1:${closed.port}`,
    });
  });

  it('reset: a server that drops the connection on the request', async () => {
    const url = await serve((request) => request.socket.resetAndDestroy());

    expect(failure(await httpProbe({ url, timeoutMs: 2_000 })).reason).toBe('reset');
  });

  it('reset: a connection cut in the middle of the body', async () => {
    const url = await serve((request, response) => {
      response.writeHead(200, { 'content-length': '1000' }).write('partial');
      setTimeout(() => request.socket.destroy(), 20);
    });

    expect(failure(await httpProbe({ url, timeoutMs: 2_000 })).reason).toBe('reset');
  });

  it('tls: a self-signed certificate, unless given as ca or insecure is set', async () => {
    const certificate = selfSignedCertificate();
    const server = await listenOnLoopback(
      https.createServer(certificate, (_request, response) => response.end('secure')),
      'https',
    );
    running.push(server);

    expect(failure(await httpProbe({ url: server.url, timeoutMs: 2_000 }))).toEqual({
      reason: 'tls',
      message: expect.stringMatching(/self-signed certificate/),
    });
    expect(await httpProbe({ url: server.url, timeoutMs: 2_000, ca: certificate.cert })).toMatchObject({
      status: 200,
      body: 'secure',
    });
    expect(await httpProbe({ url: server.url, timeoutMs: 2_000, insecure: true })).toMatchObject({ status: 200 });
  });

  it('tls: https to a server that speaks plain HTTP', async () => {
    const url = await serve((_request, response) => response.end('plain'));

    expect(failure(await httpProbe({ url: url.replace('http:', 'https:'), timeoutMs: 2_000 })).reason).toBe('tls');
  });

  it('timeout: a server that never answers, however small the timeout', async () => {
    const url = await serve(() => undefined);

    expect(failure(await httpProbe({ url, timeoutMs: 200 }))).toEqual({
      reason: 'timeout',
      message: 'no answer within 200 ms',
    });
    expect(failure(await httpProbe({ url, timeoutMs: -5 }))).toEqual({
      reason: 'timeout',
      message: 'no answer within 1 ms',
    });
  });

  it('timeout: a body that never ends', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200).write('the start, and then nothing');
    });

    expect(failure(await httpProbe({ url, timeoutMs: 300 }))).toEqual({
      reason: 'timeout',
      message: 'the body did not end within 300 ms',
    });
  });

  it('protocol: something that is not HTTP answers', async () => {
    const server = await listenOnLoopback(
      net.createServer((socket) => socket.end('SSH-2.0-OpenSSH\r\n\r\n')),
      'tcp',
    );
    running.push(server);

    expect(failure(await httpProbe({ url: `http://127.0.0.1:${server.port}/`, timeoutMs: 2_000 })).reason).toBe(
      'protocol',
    );
  });
});
