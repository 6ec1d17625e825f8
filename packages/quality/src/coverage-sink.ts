// Collects coverage from every report as it is read, merged per file and line by union: a line is coverable when any
// report lists it and covered when any report ran it (hits add up), a branch is taken when any report took it, and a
// function ran when any report ran it. Totals are never stored: they are computed from these records.
import type { CoverageData, FileCoverage, FunctionHits, LineBranches, RepoPath, Totals } from './model.js';

export type SummaryMetric = 'lines' | 'branches' | 'functions';

/** Lines below this are kept in a file's array; a line number beyond it (no real file has one) in a Map. */
const DENSE_LINES = 1 << 20;

/** Coverage of one file, as the reports read so far give it. */
export class FileRecords {
  /**
   * Line → hits while reading: an array, much cheaper than a Map for millions of lines; the model's Map is made once,
   * on output. Lines from DENSE_LINES up go to `far`: a hostile 'DA:999999999,1' must not make the output loop over
   * a billion holes. (A Float64Array was measured too: no faster, as the output Maps are most of the cost.)
   */
  private hits: number[] = [];
  private far: Map<number, number> | undefined;
  private lineCount = 0;
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

  constructor(readonly path: RepoPath) {}

  line(line: number, hits: number): void {
    if (line >= DENSE_LINES) return this.farLine(line, hits);
    const known = this.hits[line];
    if (known === undefined) {
      this.hits[line] = hits;
      this.lineCount++;
    } else this.hits[line] = Math.min(known + hits, Number.MAX_SAFE_INTEGER);
  }

  private farLine(line: number, hits: number): void {
    this.far ??= new Map();
    const known = this.far.get(line);
    if (known === undefined) this.lineCount++;
    this.far.set(line, Math.min((known ?? 0) + hits, Number.MAX_SAFE_INTEGER));
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
    const atLine = (at: number | undefined) => `${name}@${at ?? '?'}`;
    const add = (key: string) => {
      const known = functions.get(key);
      if (known) known.hits += hits;
      else functions.set(key, line === undefined ? { name, hits } : { name, line, hits });
    };
    if (this.sharedNames?.has(name)) return add(atLine(line));
    const known = functions.get(name);
    if (!known || known.line === line) return add(name);
    // A second function of the same name: both are keyed by their lines from now on.
    (this.sharedNames ??= new Set()).add(name);
    functions.delete(name);
    functions.set(atLine(known.line), known);
    add(atLine(line));
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
      if (hits !== undefined) lines.set(line, hits);
    }
    if (this.far) for (const [line, hits] of [...this.far].sort((a, b) => a[0] - b[0])) lines.set(line, hits);
    const coverage: FileCoverage = { path: this.path, lines };
    if (this.branches) coverage.branches = lineBranches(this.branches);
    if (this.functions) coverage.functions = this.functions;
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
