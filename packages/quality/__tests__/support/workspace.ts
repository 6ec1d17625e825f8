// A throw-away checkout for reader tests: source files the path mapping can find, and report files written inline.
import { afterAll } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CoverageData, FileCoverage, Totals } from '../../src/model.js';

export interface Workspace {
  /** The checkout's absolute path (the readers' root). */
  root: string;
  /** Writes `text` at `path` under the root and returns the absolute path. */
  write(path: string, text: string): string;
  /** Creates empty source files under the root (for the path mapping to find). */
  sources(...paths: string[]): void;
}

/** A new temporary checkout, removed after the test file's tests. */
export function workspace(): Workspace {
  const root = mkdtempSync(join(tmpdir(), 'quality-readers-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  };
  return { root, write, sources: (...paths) => paths.forEach((path) => write(path, '')) };
}

/** Lines covered of lines coverable, branches and functions of one file, as the gate would count them. */
export function totalsOf(file: FileCoverage | undefined): { lines: Totals; branches?: Totals; functions?: Totals } {
  if (!file) throw new Error('no such file in the coverage');
  const count = (values: Iterable<{ covered: number; total: number }>) => {
    let covered = 0;
    let total = 0;
    for (const v of values) {
      covered += v.covered;
      total += v.total;
    }
    return { covered, total };
  };
  const lines = count([...file.lines.values()].map((hits) => ({ covered: hits > 0 ? 1 : 0, total: 1 })));
  return {
    lines,
    ...(file.branches && { branches: count(file.branches.values()) }),
    ...(file.functions && {
      functions: count([...file.functions.values()].map((f) => ({ covered: f.hits > 0 ? 1 : 0, total: 1 }))),
    }),
  };
}

/** The paths a CoverageData holds, sorted. */
export function pathsOf(data: CoverageData): string[] {
  return [...data.files.keys()].sort();
}
