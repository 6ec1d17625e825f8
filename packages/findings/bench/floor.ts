// The floor of the security-scan benchmark: the least any implementation in JavaScript does with its inputs and
// outputs, timed inside one fresh process. It reads every report with this package's streaming scanner, parsing
// every finding and keeping none (the fastest way to read them measured here: faster than one JSON.parse of the
// whole file), then JSON.stringify-s and writes the two documents the action wrote (parsed back before the clock
// starts). It normalises, fingerprints, de-duplicates and summarises nothing: what the ratio target leaves for that
// is its budget minus this. Prints {"ms", "parseMs", "writeMs"} as JSON; asserts nothing.
// Usage: node --import tsx packages/findings/bench/floor.ts <reader>:<report>... -- <output>...
//        (reader: trivy, bandit, gitleaks or sarif; outputs: the action's JSON report and SARIF file)
import { closeSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileSource, readerNamed, scanJson, type ScanPlan } from '@actions-kit/reports';
import type { ReaderName } from '../src/finding-reader.js';
import { READERS, READER_NAMES } from '../src/registry.js';

const KEEP_NOTHING = () => 0;

/** The reader's own streaming plan, with every finding list's elements parsed and dropped. */
function parseAndDropPlan(reader: ReaderName): ScanPlan {
  const streaming = readerNamed(READERS, reader).streaming;
  if (!streaming) throw new Error(`floor.ts: the ${reader} reader cannot stream`);
  const plan = streaming.plan;
  return (path) => {
    const action = plan(path);
    return typeof action === 'function' ? KEEP_NOTHING : action;
  };
}

function scanFile(file: string, plan: ScanPlan): void {
  const fd = openSync(file, 'r');
  try {
    scanJson(fileSource(fd), plan);
  } finally {
    closeSync(fd);
  }
}

function main(args: string[]): void {
  const split = args.indexOf('--');
  if (split < 1) throw new Error('usage: floor.ts <reader>:<report>... -- <output>...');
  const reports = args.slice(0, split).map((spec) => {
    const colon = spec.indexOf(':');
    const reader = spec.slice(0, colon) as ReaderName;
    if (!READER_NAMES.includes(reader)) throw new Error(`floor.ts: '${spec}' does not start with a reader name`);
    return { file: spec.slice(colon + 1), plan: parseAndDropPlan(reader) };
  });
  const outputs = args.slice(split + 1);
  const documents = outputs.map((file) => JSON.parse(readFileSync(file, 'utf8')) as unknown);
  const started = performance.now();
  for (const report of reports) scanFile(report.file, report.plan);
  const parsed = performance.now();
  documents.forEach((document, i) => writeFileSync(`${outputs[i]}.floor`, JSON.stringify(document)));
  const ended = performance.now();
  for (const output of outputs) rmSync(`${output}.floor`, { force: true });
  process.stdout.write(JSON.stringify({ ms: ended - started, parseMs: parsed - started, writeMs: ended - parsed }));
}

main(process.argv.slice(2));
