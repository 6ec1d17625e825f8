// The container-deploy inputs, read once and checked before the engine is asked anything: the only code that reads
// INPUT_*.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigurationError, getDuration, getEnum, getInteger, getString, quoteValue } from '@actions-kit/core';
import { COLORS, httpColorProbe, TrafficError, type Color } from '@actions-kit/traffic';

export interface VerifyInputs {
  url: string;
  header?: string;
  bodyPattern?: string;
}

/** Everything main and the post step need; saved for the post step as it is (nothing secret). */
export interface Inputs {
  service: string;
  /** `<repository>@sha256:<64 hex>`: the release as pushed, never a tag that can move. */
  image: string;
  color: Color;
  port: number;
  /** Absolute, checked to exist; undefined when none. */
  envFile?: string;
  /** The version label; '' takes the image's org.opencontainers.image.version label. */
  version: string;
  verify: VerifyInputs;
  cleanupAfterMs: number;
  /** '' when the job's DOCKER_HOST (or Docker's default engine) is meant. */
  dockerHost: string;
}

/** Docker's own rule for container names, less the leading slash and the `-<color>` suffix added here. */
const SERVICE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/;
const DIGEST_REFERENCE = /^[a-z0-9][a-z0-9._/:-]*@sha256:[0-9a-f]{64}$/;
const DOCKER_HOST = /^(unix|tcp|ssh|npipe|fd):\/\/\S*$/;

export function getInputs(env: NodeJS.ProcessEnv = process.env): Inputs {
  const service = getString('service', { required: true });
  if (!SERVICE_NAME.test(service)) {
    throw new ConfigurationError(
      `service: ${quoteValue(service)} cannot name a container; use letters, digits, '_', '.' and '-', starting with ` +
        'a letter or digit (e.g. shop): the containers are <service>-blue and <service>-green',
    );
  }
  const image = getString('image', { required: true });
  if (!DIGEST_REFERENCE.test(image)) {
    const tagged = !image.includes('@');
    throw new ConfigurationError(
      `image: ${quoteValue(image)} is ${tagged ? 'a tag, which can move between the check and the deploy' : 'not an image digest reference'}; ` +
        "give the pushed digest, e.g. ghcr.io/acme/shop@sha256:<64 hex digits> (build-push-action's digest output)",
    );
  }
  const dockerHost = getString('docker-host');
  if (dockerHost !== '' && !DOCKER_HOST.test(dockerHost)) {
    throw new ConfigurationError(
      `docker-host: ${quoteValue(dockerHost)} is not a Docker host; use unix:///var/run/docker.sock, ` +
        "ssh://deploy@10.0.0.5 or tcp://10.0.0.5:2376, or leave it empty for the job's DOCKER_HOST",
    );
  }
  const verify: VerifyInputs = {
    url: getString('verify-url', { required: true }),
    header: getString('verify-body') === '' ? getString('verify-header', { default: 'x-color' }) : undefined,
    bodyPattern: getString('verify-body') || undefined,
  };
  try {
    httpColorProbe(verify);
  } catch (error) {
    if (error instanceof TrafficError) throw new ConfigurationError(error.message);
    throw error;
  }
  return {
    service,
    image,
    color: getEnum('color', COLORS, { required: true }),
    port: getInteger('port', { required: true, min: 1, max: 65_535 }),
    envFile: envFile(getString('env-file'), env),
    version: getString('version'),
    verify,
    cleanupAfterMs: getDuration('cleanup-after', { default: '10m', max: '45m' }),
    dockerHost,
  };
}

function envFile(text: string, env: NodeJS.ProcessEnv): string | undefined {
  if (text === '') return undefined;
  const file = path.resolve(env['GITHUB_WORKSPACE'] ?? process.cwd(), text);
  if (!existsSync(file)) {
    throw new ConfigurationError(
      `env-file: ${quoteValue(text)} does not exist (looked for ${file}); give the path of a KEY=value file in the ` +
        'repository or written by an earlier step, or leave it empty',
    );
  }
  return file;
}
