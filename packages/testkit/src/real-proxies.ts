// Real nginx, HAProxy and Caddy for the integration tests and the benchmark: each started in the foreground from
// configuration generated in a temp folder, on loopback ports, and stopped (then waited for) by its handle.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/** The two colors a blue-green deployment runs (the traffic package's Color, kept here so the testkit depends on no
 * domain package). */
export type Color = 'blue' | 'green';

/** The Debian package providing each binary, named in the failure when the binary is missing. */
const PACKAGES = {
  nginx: 'nginx-light',
  haproxy: 'haproxy',
  caddy: 'caddy',
  wrk: 'wrk',
  prometheus: 'prometheus',
  'prometheus-pushgateway': 'prometheus-pushgateway',
  dockerd: 'docker.io',
  containerd: 'containerd',
  docker: 'docker.io',
  'docker-registry': 'docker-registry',
} as const;

/** Fails (never skips) when a binary is not installed, naming the package to install. */
export function requireBinary(binary: keyof typeof PACKAGES): void {
  const found = spawnSync('/bin/sh', ['-c', `command -v ${binary}`]).status === 0;
  if (!found) {
    throw new Error(`${binary} is not installed: these tests need it (apt-get install -y ${PACKAGES[binary]})`);
  }
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface Stoppable {
  stop(): Promise<void>;
}

/** A backend answering with its color in the x-color header and the body; `down` makes it answer 503. */
export async function startColorBackend(color: Color): Promise<Stoppable & { port: number; address: string }> {
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'x-color': color, 'content-type': 'application/json' });
    response.end(JSON.stringify({ color }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    address: `127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Starts a foreground process and returns a handle whose stop() ends it and waits for the exit. */
export function startProcess(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }) {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => output,
    exited,
    stop: () => stopChild(child, exited),
  };
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const stopped = await Promise.race([
    exited.then(() => true),
    delay(5_000, undefined, { ref: false }).then(() => false),
  ]);
  if (!stopped) {
    child.kill('SIGKILL');
    await exited;
  }
}

export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await delay(25);
  }
  throw new Error(`${what} was not ready within ${timeoutMs} ms`);
}

/** GETs url on a fresh connection; resolves the x-color header, or the error. */
export function colorAt(url: string): Promise<string> {
  return new Promise((resolve) => {
    const request = http.get(url, { agent: false, headers: { connection: 'close' } }, (response) => {
      response.resume();
      response.on('end', () => resolve(String(response.headers['x-color'] ?? `HTTP ${response.statusCode}`)));
    });
    request.setTimeout(3_000, () => request.destroy(new Error('timeout')));
    request.on('error', (error) => resolve(`error: ${error.message}`));
  });
}

/** The distinct answers of `count` requests in a row. */
export async function colorsAt(url: string, count = 10): Promise<string[]> {
  const seen = new Set<string>();
  for (let i = 0; i < count; i += 1) seen.add(await colorAt(url));
  return [...seen].sort();
}

/**
 * The colors answering once nginx has finished a reload: `nginx -s reload` returns before the old workers stop
 * accepting (about 0.1 s here, seconds on a loaded machine), and an old worker can answer many requests in a row,
 * so no number of equal answers proves the reload is over. Samples until every answer is `expected` or the time
 * runs out, and returns the last sample either way: a switch that did not happen (or happened when it should not)
 * still shows, after the wait, as the other color.
 */
export async function settledColorsAt(url: string, expected: string, timeoutMs = 5_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let colors = await colorsAt(url);
  while (!(colors.length === 1 && colors[0] === expected) && Date.now() < deadline) {
    await delay(50);
    colors = await colorsAt(url);
  }
  return colors;
}

const portAnswers = (port: number) => () =>
  new Promise<boolean>((resolve) => {
    const socket = net.createConnection({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

export interface NginxHandle extends Stoppable {
  url: string;
  upstreamFile: string;
  testCommand: string;
  reloadCommand: string;
  /** Error log, for a failing test's message. */
  dir: string;
}

/**
 * nginx proxying to upstream `app` defined in <dir>/upstream.conf, which must exist before the start. `location`
 * replaces the proxy location (the symlink test serves files instead). Extra `http` directives go in `httpExtra`.
 */
export async function startNginx(
  dir: string,
  options: { location?: string; httpExtra?: string; port?: number } = {},
): Promise<NginxHandle> {
  requireBinary('nginx');
  const port = options.port ?? (await freePort());
  // nginx's workers drop root for nobody: they must be able to enter the folder.
  await chmod(dir, 0o755);
  const config = path.join(dir, 'nginx.conf');
  const location =
    options.location ?? 'location / { proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection ""; }';
  await writeFile(
    config,
    `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log notice;
events { worker_connections 1024; }
http {
  access_log off;
  ${options.httpExtra ?? ''}
  include ${dir}/upstream.conf;
  server {
    listen 127.0.0.1:${port};
    ${location}
  }
}
`,
  );
  const flags = `-p ${dir}/ -c ${config}`;
  const process_ = startProcess('nginx', ['-p', `${dir}/`, '-c', config], { cwd: dir });
  await waitFor(`nginx on port ${port} (${process_.output()})`, portAnswers(port));
  return {
    url: `http://127.0.0.1:${port}/`,
    upstreamFile: path.join(dir, 'upstream.conf'),
    testCommand: `nginx ${flags} -t`,
    reloadCommand: `nginx ${flags} -s reload`,
    dir,
    stop: process_.stop,
  };
}

/** The same as the blue-green-switch action's inputs (no target, no verification). */
export function nginxActionInputs(nginx: NginxHandle, backends: Record<Color, string>): Record<string, string> {
  return {
    provider: 'nginx',
    'nginx-upstream-file': nginx.upstreamFile,
    'nginx-upstream-name': 'app',
    'nginx-test-command': nginx.testCommand,
    'nginx-reload-command': nginx.reloadCommand,
    'blue-servers': backends.blue,
    'green-servers': backends.green,
  };
}

export interface HaproxyHandle extends Stoppable {
  url: string;
  socket: string;
  /** host:port of the TCP stats socket, when started with `tcpAdmin`. */
  tcpSocket?: string;
  stateFile: string;
}

/**
 * HAProxy with backend `app`: server blue live, server green disabled, a stats socket at level admin; with
 * `tcpAdmin`, a second one on a loopback TCP port, so one HAProxy can be reached both ways.
 */
export async function startHaproxy(
  dir: string,
  backends: Record<Color, number>,
  options: { port?: number; tcpAdmin?: boolean } = {},
): Promise<HaproxyHandle> {
  requireBinary('haproxy');
  const port = options.port ?? (await freePort());
  const socket = path.join(dir, 'admin.sock');
  const tcpSocket = options.tcpAdmin ? `127.0.0.1:${await freePort()}` : undefined;
  const stateFile = path.join(dir, 'server-state');
  const config = path.join(dir, 'haproxy.cfg');
  await writeFile(
    config,
    `global
  stats socket ${socket} level admin
  ${tcpSocket ? `stats socket ipv4@${tcpSocket} level admin` : ''}
  server-state-file ${stateFile}
defaults
  mode http
  load-server-state-from-file global
  timeout connect 2s
  timeout client 30s
  timeout server 30s
  timeout http-keep-alive 30s
frontend web
  bind 127.0.0.1:${port}
  default_backend app
backend app
  server blue 127.0.0.1:${backends.blue}
  server green 127.0.0.1:${backends.green} disabled
`,
  );
  const process_ = startProcess('haproxy', ['-db', '-f', config], { cwd: dir });
  await waitFor(`haproxy on port ${port} (${process_.output()})`, portAnswers(port));
  return { url: `http://127.0.0.1:${port}/`, socket, tcpSocket, stateFile, stop: process_.stop };
}

export interface CaddyHandle extends Stoppable {
  url: string;
  adminUrl: string;
}

/** Caddy with one reverse_proxy (`@id` app) to `upstream`, admin API on its own loopback port, nothing persisted. */
export async function startCaddy(
  dir: string,
  upstream: string,
  options: { port?: number; handlerExtra?: Record<string, unknown>; routes?: unknown[] } = {},
): Promise<CaddyHandle> {
  requireBinary('caddy');
  const port = options.port ?? (await freePort());
  const adminPort = await freePort();
  const config = path.join(dir, 'caddy.json');
  const routes = options.routes ?? [
    { handle: [{ '@id': 'app', handler: 'reverse_proxy', upstreams: [{ dial: upstream }], ...options.handlerExtra }] },
  ];
  await writeFile(
    config,
    JSON.stringify({
      admin: { listen: `127.0.0.1:${adminPort}`, config: { persist: false } },
      logging: { logs: { default: { level: 'WARN' } } },
      apps: {
        http: { servers: { web: { listen: [`127.0.0.1:${port}`], routes, automatic_https: { disable: true } } } },
      },
    }),
  );
  // Caddy keeps data and autosaved config under HOME / XDG folders: pointed into the temp folder.
  await mkdir(path.join(dir, 'home'), { recursive: true });
  const home = path.join(dir, 'home');
  const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: home, XDG_DATA_HOME: home };
  const process_ = startProcess('caddy', ['run', '--config', config], { cwd: dir, env });
  await waitFor(`caddy on port ${port} (${process_.output()})`, portAnswers(port));
  await waitFor('caddy admin', portAnswers(adminPort));
  return { url: `http://127.0.0.1:${port}/`, adminUrl: `http://127.0.0.1:${adminPort}`, stop: process_.stop };
}
