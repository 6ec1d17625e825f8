// The container engine through the docker command (a client of any engine version since 20.10; no SDK to bundle),
// pointed at docker-host or the job's DOCKER_HOST.
import { execFile } from 'node:child_process';
import type { ContainerEngine, ContainerSpec, ContainerState } from './container-engine.js';
import { EngineError } from './container-engine.js';

/** Bounds every call but a pull: an engine behind a dropped connection would otherwise hang the step. */
const CALL_TIMEOUT_MS = 60_000;
const PULL_TIMEOUT_MS = 15 * 60_000;

export function dockerCli(dockerHost: string, env: NodeJS.ProcessEnv = process.env): ContainerEngine {
  const host = dockerHost || env['DOCKER_HOST'] || '';
  const clientEnv = { ...env, ...(host ? { DOCKER_HOST: host } : {}) };
  const where = dockerHost
    ? `the Docker engine at ${dockerHost} (docker-host)`
    : host
      ? `the Docker engine at ${host} (DOCKER_HOST)`
      : "the runner's Docker engine (DOCKER_HOST unset: unix:///var/run/docker.sock)";
  const docker = (args: string[], what: string, timeoutMs = CALL_TIMEOUT_MS): Promise<string> =>
    new Promise((resolve, reject) => {
      execFile(
        'docker',
        args,
        { env: clientEnv, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) => {
          if (!error) return resolve(stdout);
          const failure = error as NodeJS.ErrnoException & { killed?: boolean };
          if (failure.code === 'ENOENT') {
            return reject(
              new EngineError(
                what,
                'the docker command is not installed on this runner; install the Docker CLI (e.g. apt-get install docker.io)',
              ),
            );
          }
          const detail = failure.killed
            ? `no answer within ${timeoutMs / 1_000} s`
            : lastLines(stderr) || failure.message;
          reject(new EngineError(what, detail));
        },
      );
    });
  const inspect = async (name: string): Promise<ContainerState | undefined> => {
    const format = '{{json .}}';
    const text = await docker(['container', 'inspect', '--format', format, name], `inspect ${name}`).catch(
      (error: unknown) => {
        if (error instanceof EngineError && /no such (container|object)/i.test(error.detail)) return undefined;
        throw error;
      },
    );
    if (text === undefined) return undefined;
    const raw = JSON.parse(text) as {
      Id: string;
      State: { Status: string; ExitCode: number };
      Config: { Labels: Record<string, string> | null };
    };
    return {
      id: raw.Id,
      status: raw.State.Status,
      exitCode: raw.State.ExitCode,
      labels: raw.Config.Labels ?? {},
    };
  };
  return {
    describe: () => where,
    isLocal: () =>
      host === '' || host.startsWith('unix://') || /^tcp:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:|$)/.test(host),
    ping: async () => {
      await docker(['version', '--format', '{{.Server.Version}}'], `${where} does not answer`, 30_000);
    },
    prepareImage: async (image) => {
      const labelsOf = async (): Promise<Record<string, string>> =>
        (JSON.parse(
          await docker(['image', 'inspect', '--format', '{{json .Config.Labels}}', image], `inspect ${image}`),
        ) as Record<string, string> | null) ?? {};
      try {
        return await labelsOf();
      } catch {
        await docker(['pull', '--quiet', image], `pull ${image}`, PULL_TIMEOUT_MS);
        return labelsOf();
      }
    },
    inspect,
    run: async (spec: ContainerSpec) => {
      // No restart policy yet: an exit in the first second stays an exit, with its status (keepRestarting adds it).
      const args = ['run', '--detach', '--name', spec.name, '--network', 'host'];
      for (const [key, value] of Object.entries(spec.labels)) args.push('--label', `${key}=${value}`);
      if (spec.envFile) args.push('--env-file', spec.envFile);
      for (const [key, value] of Object.entries(spec.env)) args.push('--env', `${key}=${value}`);
      return (await docker([...args, spec.image], `start ${spec.name}`)).trim();
    },
    keepRestarting: async (name) => {
      await docker(['container', 'update', '--restart', 'unless-stopped', name], `set ${name}'s restart policy`);
    },
    remove: async (name) => {
      // Stopped first, with the usual grace, so the service closes its connections; `rm --force` alone kills it.
      const state = await inspect(name);
      if (!state) return;
      if (state.status === 'running' || state.status === 'restarting') {
        await docker(['container', 'stop', '--time', '10', name], `stop ${name}`);
      }
      await docker(['container', 'rm', '--force', name], `remove ${name}`);
    },
    logs: async (name, lines) =>
      new Promise((resolve) => {
        // A container's log is both of its streams: stdout and stderr are both kept, in that order.
        execFile(
          'docker',
          ['container', 'logs', '--tail', String(lines), name],
          { env: clientEnv, timeout: CALL_TIMEOUT_MS },
          (_error, stdout, stderr) => resolve(`${stdout}${stderr}`.trimEnd()),
        );
      }),
  };
}

/** The end of what the client printed, where its reason is. */
function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' ').slice(-600);
}
