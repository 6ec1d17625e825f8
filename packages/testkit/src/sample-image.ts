// The sample service's image, built in a private Docker engine with nothing pulled (no public registry is reachable
// here): its Dockerfile's BASE_IMAGE, the public node image for a real user, is replaced by a base made on the spot
// from this machine's node binary and the shared libraries `ldd` lists, imported with `docker import`. Faster and
// steadier than debootstrap (no Debian mirror, about a second), and the image runs the Node the tests run.
import { execFile, spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { DockerEngine } from './docker-engine.js';

const execFileAsync = promisify(execFile);
const SAMPLE = fileURLToPath(new URL('../../../examples/sample-service/', import.meta.url));

/** The sample's variants (examples/sample-service/variants.js) an image is built from. */
export type SampleVariant = 'clean' | 'exits-at-start';

export interface SampleImageOptions {
  /** The tag, e.g. `127.0.0.1:5123/sample-service:1.1.0` to push it to a registry. */
  tag: string;
  /** clean (default), or exits-at-start: a release that stops with an error before it listens. */
  variant?: SampleVariant;
  /** good (default), or bad: healthy until it has served traffic, then 503 on /healthz (the sample's README). */
  release?: 'good' | 'bad';
  /** What /healthz and /version report (the image's VERSION). */
  version?: string;
}

/** The base image's tag in `engine`, made once per engine: `actions-kit/node-base:<node version>`. */
export async function nodeBaseImage(engine: DockerEngine): Promise<string> {
  const tag = `actions-kit/node-base:${process.versions.node}`;
  const present = await engine.docker(['image', 'inspect', '--format', '{{.Id}}', tag]).then(
    () => true,
    () => false,
  );
  if (present) return tag;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'node-base-'));
  try {
    const rootfs = path.join(dir, 'rootfs');
    await mkdir(path.join(rootfs, 'usr/local/bin'), { recursive: true });
    await mkdir(path.join(rootfs, 'tmp'), { recursive: true, mode: 0o1777 });
    await copyFile(process.execPath, path.join(rootfs, 'usr/local/bin/node'));
    for (const library of sharedLibraries(process.execPath)) {
      await mkdir(path.join(rootfs, path.dirname(library)), { recursive: true });
      await copyFile(library, path.join(rootfs, library)); // follows the symbolic link to the library itself
    }
    const archive = path.join(dir, 'rootfs.tar');
    await execFileAsync('tar', ['--create', '--file', archive, '--directory', rootfs, '.']);
    await engine.docker(['import', '--change', 'ENV PATH=/usr/local/bin', '--change', 'WORKDIR /app', archive, tag]);
    return tag;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The absolute paths of the shared libraries and loader `binary` needs, as `ldd` lists them. */
function sharedLibraries(binary: string): string[] {
  const listed = spawnSync('ldd', [binary], { encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`ldd ${binary} failed: ${listed.stderr.trim()}`);
  return [...listed.stdout.matchAll(/(?:=>\s*)?(\/\S+)\s+\(0x/g)].map((match) => match[1]!);
}

/** Builds the sample service's image as `options.tag` (legacy builder: no buildx here) and resolves its image ID. */
export async function buildSampleImage(engine: DockerEngine, options: SampleImageOptions): Promise<string> {
  const base = await nodeBaseImage(engine);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sample-image-'));
  try {
    const context = path.join(dir, 'service');
    const variant = options.variant ?? 'clean';
    const made = spawnSync(process.execPath, [path.join(SAMPLE, 'variants.js'), variant, context], {
      encoding: 'utf8',
    });
    if (made.status !== 0) throw new Error(`variants.js ${variant} failed: ${made.stderr.trim()}`);
    await engine.docker([
      'build',
      '--quiet',
      '--build-arg',
      `BASE_IMAGE=${base}`,
      '--build-arg',
      `RELEASE=${options.release ?? 'good'}`,
      '--build-arg',
      `VERSION=${options.version ?? '1.0.0'}`,
      '--tag',
      options.tag,
      context,
    ]);
    return (await engine.docker(['image', 'inspect', '--format', '{{.Id}}', options.tag])).trim();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Pushes `tag` and resolves the pushed image as `<repository>@sha256:…`, the only form deploys take. */
export async function pushImage(engine: DockerEngine, tag: string): Promise<string> {
  await engine.docker(['push', '--quiet', tag]);
  const digests = (await engine.docker(['image', 'inspect', '--format', '{{json .RepoDigests}}', tag])).trim();
  const repository = tag.replace(/:[^:/]+$/, '');
  const digest = (JSON.parse(digests) as string[]).find((entry) => entry.startsWith(`${repository}@`));
  if (!digest) throw new Error(`docker push ${tag}: no digest for ${repository} among ${digests}`);
  return digest;
}
