// `pnpm bench image-rebuild`: the sample service's image rebuilt after a one-line change to its code, with the
// engine's layer cache and without it (`--no-cache`), alternating in the same run, in a private Docker engine (the
// one the container tests use: vfs storage, its own socket) from the base made of this machine's node binary.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { nodeBaseImage, startDockerEngine, type DockerEngine } from '@actions-kit/testkit';
import type { Benchmark, BenchContext, BenchmarkResult } from '../benchmark.js';
import { busyWarning, describeMachine, machineLine } from '../machine.js';
import { median } from '../statistics.js';
import { renderTextTable } from '../text-table.js';

/** A rebuild takes seconds on vfs (every layer is a full copy), so at most this many pairs are measured. */
const MAX_ROUNDS = 7;
const TAG = 'actions-kit-bench/sample-service:rebuild';

/** One build of `context` with the base as BASE_IMAGE; its wall time in ms. */
async function timedBuild(engine: DockerEngine, base: string, context: string, cache: boolean): Promise<number> {
  const started = performance.now();
  await engine.docker(
    ['build', '--quiet', ...(cache ? [] : ['--no-cache']), '--build-arg', `BASE_IMAGE=${base}`, '--tag', TAG, context],
    { timeoutMs: 300_000 },
  );
  return performance.now() - started;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

async function run(context: BenchContext): Promise<BenchmarkResult> {
  const machine = describeMachine();
  const rounds = Math.min(context.runs, MAX_ROUNDS);
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-image-'));
  const engine = await startDockerEngine(path.join(dir, 'e'));
  try {
    const base = await nodeBaseImage(engine);
    const service = path.join(dir, 'service');
    const variants = path.join(context.root, 'examples/sample-service/variants.js');
    const made = spawnSync(process.execPath, [variants, 'clean', service], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`variants.js clean failed: ${made.stderr.trim()}`);
    context.progress('image-rebuild: the first build (fills the layer cache)…');
    await timedBuild(engine, base, service, true);
    const times = { cached: [] as number[], uncached: [] as number[] };
    for (let round = 1; round <= rounds; round += 1) {
      // Alternate which goes first, so neither always meets the other's leftovers (page cache, vfs clean-up).
      const order = round % 2 === 1 ? ([true, false] as const) : ([false, true] as const);
      for (const cache of order) {
        // The one-line change, new before every build (else a cached build would reuse the layers the build just
        // before made of the same change): the COPY layer and every one after it are built again.
        appendFileSync(path.join(service, 'src/app.js'), `// round ${round}, ${cache ? 'cached' : 'uncached'}\n`);
        const ms = await timedBuild(engine, base, service, cache);
        (cache ? times.cached : times.uncached).push(ms);
        // The image the tag left behind, removed untimed: on vfs each holds a full copy of its file system.
        await engine.docker(['image', 'prune', '--force']);
      }
      context.progress(`image-rebuild: round ${round}/${rounds}`);
    }
    const cached = median(times.cached);
    const uncached = median(times.uncached);
    const rows = [
      [
        'with the layer cache',
        seconds(cached),
        `${seconds(Math.min(...times.cached))}–${seconds(Math.max(...times.cached))}`,
      ],
      [
        '--no-cache',
        seconds(uncached),
        `${seconds(Math.min(...times.uncached))}–${seconds(Math.max(...times.uncached))}`,
      ],
    ];
    const text = [
      `image-rebuild: the sample service's image after a one-line change, ${rounds} alternating pairs`,
      `machine: ${machineLine(machine)}`,
      ...[busyWarning(machine)].filter((line): line is string => line !== undefined),
      '',
      renderTextTable(['rebuild', 'median', 'range'], rows),
      '',
      `the cache saves ${seconds(uncached - cached)} a rebuild: ${(uncached / cached).toFixed(2)}× faster`,
    ].join('\n');
    return { text, json: { machine, rounds, cachedMs: times.cached, uncachedMs: times.uncached, cached, uncached } };
  } finally {
    await engine.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const benchmark: Benchmark = {
  name: 'image-rebuild',
  description: "the sample's image rebuilt after a one-line change, with the layer cache and without",
  run,
};
