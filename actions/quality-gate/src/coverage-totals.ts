// Coverage totals over the whole project and over the changed lines only, computed from the per-line records of the
// model (never from a report's header counts), with the uncovered changed lines grouped into ranges.
import type { CoverageData, FileCoverage, Totals } from '@actions-kit/quality';
import type { ChangedLines } from './unified-diff.js';

export const COVERAGE_KINDS = ['lines', 'branches', 'functions'] as const;
export type CoverageKind = (typeof COVERAGE_KINDS)[number];

/** Totals per kind; a kind is undefined when no file has data of that kind (n/a, which is not 0%). */
export type CoverageTotals = Record<CoverageKind, Totals | undefined>;

/** A run of consecutive uncovered changed lines, as one annotation shows it. */
export interface LineRange {
  start: number;
  end: number;
}

export interface FileDiffCoverage {
  path: string;
  totals: CoverageTotals;
  /** The changed coverable lines with no hits, grouped into ranges of consecutive line numbers. */
  uncovered: LineRange[];
  uncoveredCount: number;
}

export interface DiffCoverage {
  totals: CoverageTotals;
  /** Changed files the coverage reports have per-line data for, most uncovered changed lines first. */
  files: FileDiffCoverage[];
  /** Changed files no coverage report mentions (a source file no test loaded, or not source at all). */
  withoutCoverage: string[];
  /** Changed files the reports give totals for but no per-line data (Istanbul's coverage-summary.json). */
  summaryOnly: string[];
}

/** Totals over every file; a file with only a summary counts with its summary. */
export function overallCoverage(coverage: CoverageData): CoverageTotals {
  const totals = emptyTotals();
  for (const file of coverage.files.values()) {
    addTotals(totals, file.summary ? summaryTotals(file) : fileTotals(file, undefined));
  }
  return totals;
}

/** Coverage on the changed lines: a line counts when it is both changed and coverable (in the report's lines). */
export function diffCoverage(coverage: CoverageData | undefined, changed: ChangedLines): DiffCoverage {
  const totals = emptyTotals();
  const files: FileDiffCoverage[] = [];
  const withoutCoverage: string[] = [];
  const summaryOnly: string[] = [];
  for (const [path, lines] of changed) {
    const file = coverage?.files.get(path);
    if (!file) {
      withoutCoverage.push(path);
      continue;
    }
    if (file.summary) {
      summaryOnly.push(path);
      continue;
    }
    const fileTotalsOnChanged = fileTotals(file, lines);
    if (fileTotalsOnChanged.lines?.total === 0) continue; // only comments, blank lines or declarations changed
    const uncoveredLines = [...lines].filter((line) => file.lines.get(line) === 0).sort((a, b) => a - b);
    addTotals(totals, fileTotalsOnChanged);
    files.push({
      path,
      totals: fileTotalsOnChanged,
      uncovered: toRanges(uncoveredLines),
      uncoveredCount: uncoveredLines.length,
    });
  }
  files.sort((a, b) => b.uncoveredCount - a.uncoveredCount || (a.path < b.path ? -1 : 1));
  return { totals, files, withoutCoverage: withoutCoverage.sort(), summaryOnly: summaryOnly.sort() };
}

/** covered / total as a percentage rounded to two decimals; undefined when there is nothing to cover. */
export function percentOf(totals: Totals | undefined): number | undefined {
  if (!totals || totals.total === 0) return undefined;
  return Math.round((totals.covered / totals.total) * 10_000) / 100;
}

/** Ascending line numbers → ranges of consecutive ones: [3,4,5,9] → 3-5, 9-9. */
export function toRanges(sortedLines: readonly number[]): LineRange[] {
  const ranges: LineRange[] = [];
  for (const line of sortedLines) {
    const last = ranges[ranges.length - 1];
    if (last && line === last.end + 1) last.end = line;
    else ranges.push({ start: line, end: line });
  }
  return ranges;
}

function emptyTotals(): CoverageTotals {
  return { lines: undefined, branches: undefined, functions: undefined };
}

function addTotals(into: CoverageTotals, add: CoverageTotals): void {
  for (const kind of COVERAGE_KINDS) {
    const extra = add[kind];
    if (!extra) continue;
    const sum = into[kind] ?? { covered: 0, total: 0 };
    into[kind] = { covered: sum.covered + extra.covered, total: sum.total + extra.total };
  }
}

function summaryTotals(file: FileCoverage): CoverageTotals {
  return {
    lines: file.summary?.lines,
    branches: file.summary?.branches,
    functions: file.summary?.functions,
  };
}

/** One file's totals, over all its lines or only over `only` (then a function counts when its first line is in it). */
function fileTotals(file: FileCoverage, only: ReadonlySet<number> | undefined): CoverageTotals {
  const keep = (line: number | undefined): boolean => !only || (line !== undefined && only.has(line));
  const lines = { covered: 0, total: 0 };
  for (const [line, hits] of file.lines) {
    if (!keep(line)) continue;
    lines.total++;
    if (hits > 0) lines.covered++;
  }
  let branches: Totals | undefined;
  if (file.branches) {
    branches = { covered: 0, total: 0 };
    for (const [line, taken] of file.branches) {
      if (!keep(line)) continue;
      branches.covered += taken.covered;
      branches.total += taken.total;
    }
  }
  let functions: Totals | undefined;
  if (file.functions) {
    functions = { covered: 0, total: 0 };
    for (const fn of file.functions.values()) {
      if (!keep(fn.line)) continue;
      functions.total++;
      if (fn.hits > 0) functions.covered++;
    }
  }
  return { lines, branches, functions };
}
