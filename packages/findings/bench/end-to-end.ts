// Measures the findings pipeline end to end (read, normalise, de-duplicate, policy, SARIF and JSON report written)
// against a bare JSON.parse of the same bytes, each in a fresh process; optionally a report larger than V8's
// maximum string length. Prints figures; it asserts nothing (a benchmark, not a test).
// Usage: tsx packages/findings/bench/end-to-end.ts [--huge] [--runs N]
// (`pnpm bench security-scan` measures the bundled action the same way; this script measures the package alone.)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { constants } from 'node:buffer';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyse } from '../src/analyse.js';
import { buildReport, fileEntry, serializeReport } from '../src/json-report.js';
import { readReportFile } from '../src/read-report-file.js';
import { buildSarif, serializeSarif } from '../src/sarif-writer.js';
import { writeChunks } from '../src/write-chunks.js';
import { writeBanditReport, writeGitleaksReport, writeSarifReport, writeTrivyReport } from '@actions-kit/testkit';

interface Measurement {
  mode: string;
  ms: number;
  maxRssMiB: number;
  detail: string;
}

// Inputs are generated once per version of the generator (its hash names the folder).
const dir = join(tmpdir(), `actions-kit-findings-bench-${generatorKey()}`);

function generatorKey(): string {
  const source = readFileSync(fileURLToPath(new URL('../../testkit/src/security-reports.ts', import.meta.url)));
  return createHash('sha256').update(source).digest('hex').slice(0, 12);
}

function inputs(huge: boolean): string[] {
  mkdirSync(dir, { recursive: true });
  const files: [string, (path: string) => number][] = huge
    ? [['trivy-700m.json', (p) => writeTrivyReport(p, 700_000, 40, 7)]]
    : [
        ['trivy-100000.json', (p) => writeTrivyReport(p, 100_000)],
        ['bandit-20m.json', (p) => writeBanditReport(p, 32_000)],
        ['gitleaks-20m.json', (p) => writeGitleaksReport(p, 26_000)],
        ['sarif-20m.sarif', (p) => writeSarifReport(p, 26_000)],
      ];
  return files.map(([name, write]) => {
    const path = join(dir, name);
    if (!existsSync(path)) write(path);
    return path;
  });
}

async function endToEnd(files: string[]): Promise<string> {
  const read = files.map((file) => readReportFile(file));
  const analysis = analyse(read, { policy: { failOn: 'high', scope: 'all' }, today: new Date('2026-01-01') });
  const sarif = buildSarif(analysis.findings, { tools: analysis.tools });
  const sarifBytes = await writeChunks(outputs.sarif, serializeSarif(sarif.plan));
  const report = buildReport({
    generatedAt: new Date(),
    policy: { failOn: 'high', scope: 'all' },
    result: analysis.result,
    counts: analysis.counts,
    files: read.map(fileEntry),
    findings: analysis.findings,
    fixed: analysis.fixed,
    expired: analysis.expired,
    unused: analysis.unused,
    dropped: sarif.dropped,
  });
  const reportBytes = await writeChunks(outputs.report, serializeReport(report));
  const raw = read.reduce((n, f) => n + f.records.length, 0);
  return `raw ${raw}, findings ${analysis.findings.length}, SARIF ${(sarifBytes / 2 ** 20).toFixed(0)} MiB (dropped ${sarif.dropped.reduce((n, d) => n + d.count, 0)}), report ${(reportBytes / 2 ** 20).toFixed(0)} MiB`;
}

/**
 * Output files of this process, removed when it exits: each run writes new files, as on a fresh runner (overwriting
 * a large file costs the kernel time a first write does not).
 */
const outputs = { sarif: join(dir, `out-${process.pid}.sarif`), report: join(dir, `out-${process.pid}.json`) };
process.on('exit', () => Object.values(outputs).forEach((file) => rmSync(file, { force: true })));

async function child(mode: string, files: string[]): Promise<Measurement> {
  const started = performance.now();
  let detail: string;
  if (mode === 'json-parse') {
    let values = 0;
    for (const file of files) values += JSON.parse(readFileSync(file, 'utf8')) ? 1 : 0;
    detail = `${values} documents parsed`;
  } else {
    detail = await endToEnd(files);
  }
  return { mode, ms: performance.now() - started, maxRssMiB: process.resourceUsage().maxRSS / 1024, detail };
}

function run(mode: string, files: string[]): Measurement {
  const self = fileURLToPath(import.meta.url);
  const result = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', mode, ...files], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (result.status !== 0)
    return { mode, ms: NaN, maxRssMiB: NaN, detail: `failed: ${result.stderr.trim().split('\n').slice(-3).join(' ')}` };
  return JSON.parse(result.stdout) as Measurement;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    process.stdout.write(JSON.stringify(await child(args[1]!, args.slice(2))));
    return;
  }
  const huge = args.includes('--huge');
  const runs = Number(args[args.indexOf('--runs') + 1] ?? 3) || 3;
  const files = inputs(huge);
  const mib = files.reduce((n, f) => n + statSync(f).size, 0) / 2 ** 20;
  console.log(
    `inputs: ${files.map((f) => `${f.split('/').pop()} ${(statSync(f).size / 2 ** 20).toFixed(0)} MiB`).join(', ')}`,
  );
  const modes =
    huge && statSync(files[0]!).size > constants.MAX_STRING_LENGTH ? ['end-to-end'] : ['json-parse', 'end-to-end'];
  const figures = new Map<string, number>();
  for (const mode of modes) {
    const measured = Array.from({ length: huge ? 1 : runs }, () => run(mode, files));
    const ms = median(measured.map((m) => m.ms));
    figures.set(mode, ms);
    const rss = Math.max(...measured.map((m) => m.maxRssMiB));
    console.log(
      `${mode.padEnd(11)} ${ms.toFixed(0).padStart(7)} ms ${(mib / (ms / 1000)).toFixed(0).padStart(5)} MiB/s  peak RSS ${rss.toFixed(0)} MiB  ${measured[0]!.detail}`,
    );
  }
  if (figures.has('json-parse')) {
    console.log(
      `ratio end-to-end / bare JSON.parse: ${(figures.get('end-to-end')! / figures.get('json-parse')!).toFixed(2)}`,
    );
  } else {
    console.log(
      `(a bare JSON.parse cannot read this file: it is longer than V8's maximum string of ${constants.MAX_STRING_LENGTH} characters)`,
    );
  }
}

await main();
