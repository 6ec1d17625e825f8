// Collects coverage from every report as it is read, merged per file and line by union: a line is coverable when any
// report lists it and covered when any report ran it (hits add up), a branch is taken when any report took it, and a
// function ran when any report ran it. Totals are never stored: they are computed from these records.
import { HitsArrays, LineHits } from './line-hits.js';
import type { CoverageData, FileCoverage, FunctionHits, LineBranches, RepoPath, Totals } from './model.js';

export type SummaryMetric = 'lines' | 'branches' | 'functions';

/** Coverage of one file, as the reports read so far give it. */
export class FileRecords {
  /** Line → hits, handed over to the model as it is. */
  readonly lines: LineHits;
  /** line → branch id → taken; ids are the report's own (LCOV block,branch) or positions for count-only formats. */
  private branches: Map<number, Map<string, boolean>> | undefined;
  /**
   * The functions, keyed as the model keys them: by name, or name@line for a name seen at several lines (overloads,
   * anonymous functions). Handed over as they are, so a large report's functions are not copied once more.
   */
  private functions: Map<string, FunctionHits> | undefined;
  /** Names seen at more than one line: their functions are keyed name@line. */
  private sharedNames: Set<string> | undefined;
  private summary: Partial<Record<SummaryMetric, Totals>> | undefined;

  constructor(
    readonly path: RepoPath,
    arrays?: HitsArrays,
  ) {
    this.lines = new LineHits(arrays);
  }

  line(line: number, hits: number): void {
    this.lines.add(line, hits);
  }

  /**
   * The lines of one record of a line format (LCOV), gathered in `scratch` (hits at [line], -1 for lines the record
   * does not list) below `end`.
   */
  addLines(scratch: Float64Array, end: number): void {
    this.lines.reserve(end - 1);
    for (let line = 1; line < end; line++) {
      const hits = scratch[line]!;
      if (hits >= 0) this.lines.add(line, hits);
    }
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
    const functions = (this.functions ??= new Map());
    if (this.sharedNames?.has(name)) return addFunction(functions, `${name}@${line ?? '?'}`, name, line, hits);
    const known = functions.get(name);
    if (!known || known.line === line) return addFunction(functions, name, name, line, hits);
    // A second function of the same name: both are keyed by their lines from now on.
    (this.sharedNames ??= new Set()).add(name);
    functions.delete(name);
    functions.set(`${name}@${known.line ?? '?'}`, known);
    addFunction(functions, `${name}@${line ?? '?'}`, name, line, hits);
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
    const coverage: FileCoverage = { path: this.path, lines: this.lines };
    if (this.branches) coverage.branches = lineBranches(this.branches);
    if (this.functions) coverage.functions = this.functions;
    if (this.summary && this.lines.size === 0 && !this.branches && !this.functions) coverage.summary = this.summary;
    return coverage;
  }
}

/** Adds `hits` to the function under `key`, or records it there (a plain function: called 400,000 times for a large report). */
function addFunction(
  functions: Map<string, FunctionHits>,
  key: string,
  name: string,
  line: number | undefined,
  hits: number,
): void {
  const known = functions.get(key);
  if (known) known.hits += hits;
  else functions.set(key, line === undefined ? { name, hits } : { name, line, hits });
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

/** Every file's records, merged across reports. */
export class CoverageSink {
  private readonly files = new Map<RepoPath, FileRecords>();
  private readonly arrays = new HitsArrays();

  file(path: RepoPath): FileRecords {
    let records = this.files.get(path);
    if (!records) this.files.set(path, (records = new FileRecords(path, this.arrays)));
    return records;
  }

  result(sources: string[]): CoverageData {
    const files = new Map<RepoPath, FileCoverage>();
    for (const [path, records] of this.files) files.set(path, records.toFileCoverage());
    return { files, sources };
  }
}
