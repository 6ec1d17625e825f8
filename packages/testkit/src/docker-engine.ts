// A real Docker engine and registry for the container tests, the act run and the benchmark, never shared with
// anything else: containerd and dockerd (Debian's docker.io) started from generated configuration in a private folder,
// answering on a socket in that folder (and, if asked, on a loopback TCP port, the way a remote host is reached), with
// the vfs storage driver and no bridge, iptables or userland proxy, so containers run with `--network host`; and the
// Docker registry (Debian's docker-registry, distribution 2.8) on a free loopback port, which the engine pushes to
// without TLS as it does for every 127.0.0.0/8 registry.
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, requireBinary, startProcess, waitFor, type Stoppable } from './real-proxies.js';

const execFileAsync = promisify(execFile);

export interface DockerEngine extends Stoppable {
  /** DOCKER_HOST of the private socket, `unix://<dir>/docker.sock`. */
  host: string;
  /** DOCKER_HOST of the loopback TCP listener, `tcp://127.0.0.1:<port>`, when started with `tcp: true`. */
  tcpHost?: string;
  /** The environment a docker client needs to reach this engine (process.env with DOCKER_HOST set). */
  env: NodeJS.ProcessEnv;
  /** Runs the docker client against this engine; resolves its stdout, or throws with its stderr. */
  docker(args: string[], options?: { input?: string; timeoutMs?: number }): Promise<string>;
  /** What containerd and dockerd printed, for a failure message. */
  output(): string;
}

export interface DockerEngineOptions {
  /** Also listen on a loopback TCP port, unauthenticated (tests of DOCKER_HOST=tcp://…). */
  tcp?: boolean;
}

/**
 * Starts containerd and dockerd with every path under `dir` (keep it short: unix socket paths must stay under 108
 * bytes), and resolves once the engine answers `docker version`. Fails, naming the Debian package, when a binary is
 * missing. stop() removes every container, then ends dockerd and containerd and waits for them.
 */
export async function startDockerEngine(dir: string, options: DockerEngineOptions = {}): Promise<DockerEngine> {
  requireBinary('dockerd');
  requireBinary('containerd');
  requireBinary('docker');
  await mkdir(path.join(dir, 'containerd'), { recursive: true });
  // dockerd would use a system containerd when /run/containerd/containerd.sock answers (a GitHub runner has one):
  // this engine starts its own, so its images, containers and namespaces are nobody else's.
  const containerdSocket = path.join(dir, 'containerd', 'sock');
  const containerdConfig = path.join(dir, 'containerd', 'config.toml');
  await writeFile(
    containerdConfig,
    [
      'version = 2',
      `root = "${path.join(dir, 'containerd', 'root')}"`,
      `state = "${path.join(dir, 'containerd', 'state')}"`,
      'disabled_plugins = ["io.containerd.grpc.v1.cri"]',
      '[grpc]',
      `  address = "${containerdSocket}"`,
      '[ttrpc]',
      `  address = "${containerdSocket}.ttrpc"`,
      '[debug]',
      '  address = ""',
      '[metrics]',
      '  address = ""',
      '',
    ].join('\n'),
  );
  const containerd = startProcess('containerd', ['--config', containerdConfig, '--log-level', 'warn'], { cwd: dir });
  const socket = path.join(dir, 'docker.sock');
  const host = `unix://${socket}`;
  const tcpHost = options.tcp ? `tcp://127.0.0.1:${await freePort()}` : undefined;
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_HOST: host, DOCKER_CONFIG: path.join(dir, 'client') };
  delete env['DOCKER_CONTEXT'];
  const docker: DockerEngine['docker'] = (args, runOptions = {}) => dockerClient(env, args, runOptions);
  let dockerd: ReturnType<typeof startProcess> | undefined;
  const output = () => `${containerd.output()}${dockerd?.output() ?? ''}`.slice(-4_000);
  try {
    await readyOrExited(containerd, 'containerd', () =>
      waitFor(`containerd on ${containerdSocket}`, () => answers(containerdSocket), 30_000),
    );
    dockerd = startProcess(
      'dockerd',
      [
        `--containerd=${containerdSocket}`,
        '--storage-driver=vfs',
        '--bridge=none',
        '--iptables=false',
        '--ip6tables=false',
        '--ip-masq=false',
        '--userland-proxy=false',
        `--host=${host}`,
        ...(tcpHost ? [`--host=${tcpHost}`] : []),
        `--data-root=${path.join(dir, 'data')}`,
        `--exec-root=${path.join(dir, 'exec')}`,
        `--pidfile=${path.join(dir, 'docker.pid')}`,
        // A private daemon.json (empty) rather than /etc/docker/daemon.json, which belongs to the machine's own engine.
        `--config-file=${await emptyDaemonConfig(dir)}`,
        '--log-level=warn',
      ],
      { cwd: dir },
    );
    await readyOrExited(dockerd, 'dockerd', () =>
      waitFor(`dockerd on ${host}`, () => docker(['version']).then(() => true), 60_000),
    );
  } catch (error) {
    await dockerd?.stop();
    await containerd.stop();
    throw new Error(`${(error as Error).message}; it printed: ${output()}`);
  }
  const daemon = dockerd;
  return {
    host,
    ...(tcpHost ? { tcpHost } : {}),
    env,
    docker,
    output,
    stop: async () => {
      const ids = (await docker(['ps', '--all', '--quiet']).catch(() => '')).split('\n').filter(Boolean);
      if (ids.length > 0) await docker(['rm', '--force', '--volumes', ...ids]).catch(() => '');
      await daemon.stop();
      await containerd.stop();
      await unmountUnder(dir);
    },
  };
}

/** The wait, cut short when the process exits first (a bad flag, a busy port): no minute spent waiting for nothing. */
async function readyOrExited(
  process_: ReturnType<typeof startProcess>,
  name: string,
  wait: () => Promise<void>,
): Promise<void> {
  let ready = false;
  const died = process_.exited.then(() => {
    if (!ready) throw new Error(`${name} exited at start`);
  });
  await Promise.race([wait().then(() => (ready = true)), died]);
}

/** True once something accepts connections on the unix socket `file`. */
function answers(file: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(file);
    socket.once('connect', () => socket.end(() => resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/**
 * Unmounts what dockerd left mounted under `dir` (the host network's namespace, bind-mounted at
 * exec/netns/default, stays when dockerd is stopped), deepest first, so the folder can be removed.
 */
async function unmountUnder(dir: string): Promise<void> {
  const mounts = (await readFile('/proc/self/mounts', 'utf8'))
    .split('\n')
    .map((line) => line.split(' ')[1] ?? '')
    .filter((point) => point.startsWith(`${path.resolve(dir)}/`))
    .sort((a, b) => b.length - a.length);
  for (const point of mounts) await execFileAsync('umount', [point]).catch(() => undefined);
}

async function emptyDaemonConfig(dir: string): Promise<string> {
  const file = path.join(dir, 'daemon.json');
  await writeFile(file, '{}\n');
  return file;
}

async function dockerClient(
  env: NodeJS.ProcessEnv,
  args: string[],
  options: { input?: string; timeoutMs?: number },
): Promise<string> {
  const run = execFileAsync('docker', args, {
    env,
    timeout: options.timeoutMs ?? 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (options.input !== undefined) run.child.stdin?.end(options.input);
  try {
    return (await run).stdout;
  } catch (error) {
    const failure = error as Error & { stderr?: string };
    throw new Error(`docker ${args.join(' ')}: ${(failure.stderr ?? failure.message).trim()}`);
  }
}

export interface DockerRegistry extends Stoppable {
  /** host:port, the prefix of the images pushed to it (`127.0.0.1:5123/sample-service`). */
  address: string;
  output(): string;
}

/** The Docker registry on a free loopback port, storing under `<dir>/registry`; ready when `/v2/` answers. */
export async function startDockerRegistry(dir: string): Promise<DockerRegistry> {
  requireBinary('docker-registry');
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  const config = path.join(dir, 'registry.yml');
  await writeFile(
    config,
    `version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: ${path.join(dir, 'registry')}
  delete:
    enabled: true
http:
  addr: ${address}
`,
  );
  const registry = startProcess('docker-registry', ['serve', config], { cwd: dir });
  try {
    await readyOrExited(registry, 'docker-registry', () =>
      waitFor(`docker-registry on ${address}`, async () => (await fetch(`http://${address}/v2/`)).ok, 30_000),
    );
  } catch (error) {
    await registry.stop();
    throw new Error(`${(error as Error).message}; it printed: ${registry.output().slice(-2_000)}`);
  }
  return { address, output: registry.output, stop: registry.stop };
}
