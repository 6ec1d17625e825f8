// Measures ways to read the finding lists out of a large Trivy report, each in its own process (time, peak RSS):
// a bare JSON.parse, this package's byte scanner (elements kept whole or slimmed, or made into records as the
// package reads them), @streamparser/json, stream-json.
// Usage: tsx packages/findings/bench/parse-strategies.ts [vulnerabilities=100000] [runs=3]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileSource, scanJson, type ElementMapper, type ScanPlan } from '@actions-kit/reports';
import { readReportFile } from '../src/read-report-file.js';
import { trivyReader } from '../src/trivy.js';
import { writeTrivyReport } from '@actions-kit/testkit';

const STRATEGIES = [
  'json-parse',
  'scanner-whole-elements',
  'scanner-slim-elements',
  'read-report-file',
  'streamparser-json',
  'stream-json',
] as const;
type Strategy = (typeof STRATEGIES)[number];

interface Measurement {
  strategy: Strategy;
  ms: number;
  maxRssMiB: number;
  vulnerabilities: number;
}

/** The package's file ByteSource over `path`, with a close for when it has been read. */
function openFile(path: string) {
  const fd = openSync(path, 'r');
  return { ...fileSource(fd), close: () => closeSync(fd) };
}

/** Plan that keeps every Result but hands each finding-list element to `map`. */
function plan(map: ElementMapper): ScanPlan {
  return (path) => {
    if (path.length <= 2) return path.length === 1 && path[0] !== 'Results' ? 'parse' : 'descend';
    if (path.length === 3 && path[2] === 'Vulnerabilities') return map;
    return 'parse';
  };
}

function countVulnerabilities(doc: unknown): number {
  const results = (doc as { Results?: { Vulnerabilities?: unknown[] }[] }).Results ?? [];
  return results.reduce((sum, r) => sum + (r.Vulnerabilities?.length ?? 0), 0);
}

async function measure(strategy: Strategy, file: string): Promise<Measurement> {
  const started = performance.now();
  let vulnerabilities = 0;
  switch (strategy) {
    case 'json-parse':
      vulnerabilities = countVulnerabilities(JSON.parse(readFileSync(file, 'utf8')));
      break;
    case 'scanner-whole-elements':
    case 'scanner-slim-elements': {
      const source = openFile(file);
      const keep =
        strategy === 'scanner-slim-elements'
          ? trivyReader.streaming!.plan(['Results', 0, 'Vulnerabilities'])
          : (x: unknown) => x;
      if (typeof keep !== 'function') throw new Error('the Trivy plan does not map vulnerabilities');
      vulnerabilities = countVulnerabilities(scanJson(source, plan(keep)));
      source.close();
      break;
    }
    case 'read-report-file': {
      // What the package does: the scanner turns each element into its record as it streams by.
      vulnerabilities = readReportFile(file).records.length;
      break;
    }
    case 'streamparser-json': {
      const { JSONParser } = await import('@streamparser/json');
      const parser = new JSONParser({ paths: ['$.Results.*.Vulnerabilities.*'], keepStack: false });
      parser.onValue = () => void vulnerabilities++;
      const source = openFile(file);
      const chunk = Buffer.allocUnsafe(1 << 20);
      for (let n = source.read(chunk, 0, chunk.length); n > 0; n = source.read(chunk, 0, chunk.length)) {
        parser.write(chunk.subarray(0, n));
      }
      source.close();
      break;
    }
    case 'stream-json': {
      const { default: chain } = await import('stream-chain');
      const { parser } = await import('stream-json');
      const { pick } = await import('stream-json/filters/pick.js');
      const { streamValues } = await import('stream-json/streamers/stream-values.js');
      const { createReadStream } = await import('node:fs');
      await new Promise<void>((resolve, reject) => {
        const pipeline = chain([
          createReadStream(file, { highWaterMark: 1 << 20 }),
          parser(),
          pick({ filter: /^Results\.\d+\.Vulnerabilities\.\d+$/ }),
          streamValues(),
        ]);
        pipeline.on('data', () => void vulnerabilities++);
        pipeline.on('end', resolve);
        pipeline.on('error', reject);
      });
      break;
    }
  }
  const ms = performance.now() - started;
  return { strategy, ms, maxRssMiB: process.resourceUsage().maxRSS / 1024, vulnerabilities };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  const [mode, strategy, file] = process.argv.slice(2);
  if (mode === '--child') {
    process.stdout.write(JSON.stringify(await measure(strategy as Strategy, file!)));
    return;
  }
  const vulnerabilities = Number(process.argv[2] ?? 100_000);
  const runs = Number(process.argv[3] ?? 3);
  const generator = readFileSync(fileURLToPath(new URL('../../testkit/src/security-reports.ts', import.meta.url)));
  const dir = join(
    tmpdir(),
    `actions-kit-findings-bench-${createHash('sha256').update(generator).digest('hex').slice(0, 12)}`,
  );
  mkdirSync(dir, { recursive: true });
  const report = join(dir, `trivy-${vulnerabilities}.json`);
  if (!existsSync(report)) writeTrivyReport(report, vulnerabilities);
  const mib = statSync(report).size / 1024 / 1024;
  console.log(`Trivy report: ${vulnerabilities} vulnerabilities, ${mib.toFixed(1)} MiB (${report})`);
  console.log('strategy                  median ms  MiB/s  peak RSS MiB  found');
  const self = fileURLToPath(import.meta.url);
  for (const s of STRATEGIES) {
    const results: Measurement[] = [];
    for (let r = 0; r < runs; r++) {
      const child = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', s, report], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      if (child.status !== 0) throw new Error(`${s} failed: ${child.stderr}`);
      results.push(JSON.parse(child.stdout) as Measurement);
    }
    const ms = median(results.map((m) => m.ms));
    const rss = Math.max(...results.map((m) => m.maxRssMiB));
    console.log(
      `${s.padEnd(24)} ${ms.toFixed(0).padStart(10)} ${(mib / (ms / 1000)).toFixed(0).padStart(6)} ${rss.toFixed(0).padStart(13)}  ${results[0]!.vulnerabilities}`,
    );
  }
}

await main();
