// Measures the peak resident memory of the node process the harness starts, by handing the harness a wrapped node.
//
// GNU time (`/usr/bin/time -f %M`) reads the kernel's figure for the whole process from outside, so it is preferred.
// Without it, a preloaded script records `process.resourceUsage().maxRSS` as the process exits: the same kernel
// figure, read from inside, plus the few hundred KiB the preload itself costs.
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const GNU_TIME = '/usr/bin/time';

export interface PeakRssProbe {
  /** How the figure is obtained, for the results file and the docs. */
  method: string;
  /** What to run instead of the node binary (RunOptions.nodePath). */
  nodePath: string;
  /** What to add to the process environment (RunOptions.env). */
  env: Record<string, string>;
  /** The peak RSS in KiB of the run that just ended. */
  read(): number;
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** GNU time writes "Command exited with non-zero status N" before the figure when the command fails. */
export function parseKibibytes(report: string, source: string): number {
  const last = report.trim().split('\n').pop() ?? '';
  const kib = Number(last.trim());
  if (!Number.isInteger(kib) || kib <= 0) throw new Error(`${source}: expected a peak RSS in KiB, got '${last}'`);
  return kib;
}

/**
 * A probe for `nodePath`; its wrapper files go in `scratchDir`, named after `label` so probes do not collide.
 * `gnuTime` is where GNU time is looked for (tests point it elsewhere to exercise the preload).
 */
export function createPeakRssProbe(
  nodePath: string,
  scratchDir: string,
  label: string,
  gnuTime: string = GNU_TIME,
): PeakRssProbe {
  const reportFile = path.join(scratchDir, `peak-rss-${label}.txt`);
  const read = (): number => {
    if (!existsSync(reportFile)) throw new Error(`the peak RSS wrapper wrote no ${reportFile}`);
    const kib = parseKibibytes(readFileSync(reportFile, 'utf8'), reportFile);
    rmSync(reportFile);
    return kib;
  };
  if (existsSync(gnuTime)) {
    const wrapper = path.join(scratchDir, `node-with-time-${label}.sh`);
    // bash, not sh: dash drops environment variables whose names hold a '-', such as INPUT_FLAG-FILE.
    writeFileSync(
      wrapper,
      `#!/bin/bash\nexec ${shellQuote(gnuTime)} -f %M -o ${shellQuote(reportFile)} ${shellQuote(nodePath)} "$@"\n`,
    );
    chmodSync(wrapper, 0o755);
    return { method: `${gnuTime} -f %M`, nodePath: wrapper, env: {}, read };
  }
  const preload = path.join(scratchDir, `record-peak-rss-${label}.cjs`);
  writeFileSync(
    preload,
    `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(reportFile)}, String(process.resourceUsage().maxRSS)));\n`,
  );
  return {
    method: 'process.resourceUsage().maxRSS recorded at exit by a --require preload',
    nodePath,
    env: { NODE_OPTIONS: `--require=${preload}` },
    read,
  };
}
