// Collects coverage from every report as it is read, merged per file and line by union: a line is coverable when any
// report lists it and covered when any report ran it (hits add up), a branch is taken when any report took it, and a
// function ran when any report ran it. Totals are never stored: they are computed from these records.
import type { CoverageData, FileCoverage, FunctionHits, LineBranches, RepoPath, Totals } from './model.js';

export type SummaryMetric = 'lines' | 'branches' | 'functions';

/** Coverage of one file, as the reports read so far give it. */
export class FileRecords {
  /** Line → hits, as an array while reading (much cheaper than a Map for millions of lines), a Map on output. */
  private readonly hits: number[] = [];
  private lineCount = 0;
  /** line → branch id → taken; ids are the report's own (LCOV block,branch) or positions for count-only formats. */
  private branches: Map<number, Map<string, boolean>> | undefined;
  /** `line:name` → the function (line -1 when unknown); names shared by several functions are told apart on output. */
  private functions: Map<string, { name: string; line: number; hits: number }> | undefined;
  private summary: Partial<Record<SummaryMetric, Totals>> | undefined;

  constructor(readonly path: RepoPath) {}

  line(line: number, hits: number): void {
    const known = this.hits[line];
    if (known === undefined) {
      this.hits[line] = hits;
      this.lineCount++;
    } else this.hits[line] = known + hits;
  }

  /** One branch on `line`, named by `id` (unique on that line within the format), taken or not. */
  branch(line: number, id: string, taken: boolean): void {
    this.branches ??= new Map();
    let onLine = this.branches.get(line);
    if (!onLine) this.branches.set(line, (onLine = new Map()));
    onLine.set(id, (onLine.get(id) ?? false) || taken);
  }

  /**
   * Branches given only as counts (Cobertura "1/2", JaCoCo mb/cb, Clover): which ones were taken is unknown, so the
   * first `covered` positions are marked taken. Merged with another report's counts for the same line this gives
   * the larger count, never more than either report proves.
   */
  branchCounts(line: number, covered: number, total: number): void {
    for (let i = 0; i < total; i++) this.branch(line, `#${i}`, i < covered);
  }

  /** Marks that this file has branch data even if no line has a branch (a report that measures branches). */
  measuresBranches(): void {
    this.branches ??= new Map();
  }

  fn(name: string, line: number | undefined, hits: number): void {
    this.functions ??= new Map();
    const at = line ?? -1;
    const key = `${at}:${name}`;
    const known = this.functions.get(key);
    if (known) known.hits += hits;
    else this.functions.set(key, { name, line: at, hits });
  }

  /** Totals from a report without per-line records (Istanbul's coverage-summary.json). */
  summarise(metric: SummaryMetric, totals: Totals): void {
    this.summary ??= {};
    const known = this.summary[metric];
    // Two summaries of one file cannot be unioned: the larger counts are kept, which neither report contradicts.
    this.summary[metric] = known
      ? { covered: Math.max(known.covered, totals.covered), total: Math.max(known.total, totals.total) }
      : totals;
  }

  toFileCoverage(): FileCoverage {
    const lines = new Map<number, number>();
    const all = this.hits;
    for (let line = 1; line < all.length; line++) {
      const hits = all[line];
      if (hits !== undefined) lines.set(line, hits); // holes are lines no report listed
    }
    const coverage: FileCoverage = { path: this.path, lines };
    if (this.branches) coverage.branches = lineBranches(this.branches);
    if (this.functions) coverage.functions = functionHits(this.functions);
    if (this.summary && this.lineCount === 0 && !this.branches && !this.functions) coverage.summary = this.summary;
    return coverage;
  }
}

function lineBranches(branches: Map<number, Map<string, boolean>>): Map<number, LineBranches> {
  const result = new Map<number, LineBranches>();
  for (const [line, ids] of branches) {
    let covered = 0;
    for (const taken of ids.values()) if (taken) covered++;
    result.set(line, { covered, total: ids.size });
  }
  return result;
}

/** Keyed by name, or name@line for a name that several functions share (overloads, anonymous functions). */
function functionHits(functions: Map<string, { name: string; line: number; hits: number }>): Map<string, FunctionHits> {
  const shared = new Set<string>();
  const names = new Set<string>();
  for (const { name } of functions.values()) {
    if (names.has(name)) shared.add(name);
    else names.add(name);
  }
  const result = new Map<string, FunctionHits>();
  for (const { name, line, hits } of functions.values()) {
    const key = shared.has(name) ? `${name}@${line < 0 ? '?' : line}` : name;
    result.set(key, line < 0 ? { name, hits } : { name, line, hits });
  }
  return result;
}

/** Every file's records, merged across reports. */
export class CoverageSink {
  private readonly files = new Map<RepoPath, FileRecords>();

  file(path: RepoPath): FileRecords {
    let records = this.files.get(path);
    if (!records) this.files.set(path, (records = new FileRecords(path)));
    return records;
  }

  result(sources: string[]): CoverageData {
    const files = new Map<RepoPath, FileCoverage>();
    for (const [path, records] of this.files) files.set(path, records.toFileCoverage());
    return { files, sources };
  }
}
