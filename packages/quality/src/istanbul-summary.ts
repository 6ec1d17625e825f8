// Reads Istanbul's coverage-summary.json (json-summary reporter of nyc, Jest, Vitest): per-file totals only, no
// lines, so its files count towards the overall metrics but not towards diff coverage. The "total" entry is
// ignored (totals are computed from the files), and so is every "pct", which may be the string "Unknown".
import { InputError, isObject } from '@actions-kit/reports';
import type { SummaryMetric } from './coverage-sink.js';
import { jsonValue, type CoverageReader } from './quality-reader.js';
import { shown } from './shown.js';

const METRICS: readonly SummaryMetric[] = ['lines', 'branches', 'functions'];

function isMetric(value: unknown): boolean {
  return isObject(value) && typeof value['total'] === 'number' && 'covered' in value;
}

export const istanbulSummaryReader: CoverageReader = {
  name: 'istanbulsummary',
  format: 'Istanbul coverage-summary.json',
  detect(doc) {
    const value = jsonValue(doc);
    if (!isObject(value)) return false;
    const first = value['total'] ?? Object.values(value)[0];
    return isObject(first) && isMetric(first['lines']);
  },
  read(doc, context) {
    const entries = Object.entries(jsonValue(doc) as Record<string, unknown>).filter(([key]) => key !== 'total');
    if (entries.length === 0) {
      throw new InputError(
        context.file,
        'the summary has only a "total" entry and no per-file entries, so it covers no source file. Check the ' +
          'coverage settings (e.g. that no include pattern excludes every file).',
      );
    }
    for (const [path, entry] of entries) {
      if (!isObject(entry)) fail(context.file, `the entry for '${shown(path)}' is not an object`);
      const file = context.coverage.file(context.paths.map(path));
      for (const metric of METRICS) {
        const totals = entry[metric];
        if (totals === undefined) continue;
        if (!isObject(totals)) fail(context.file, `"${metric}" of '${shown(path)}' is not an object`);
        const covered = totals['covered'];
        const total = totals['total'];
        // Totals may be fractional (mock data, merged summaries): kept as given, never rounded into a different pct.
        if (!isCount(covered) || !isCount(total) || covered > total) {
          fail(context.file, `"${metric}" of '${shown(path)}' has covered ${String(covered)} of ${String(total)}`);
        }
        file.summarise(metric, { covered, total });
      }
    }
    return entries.length;
  },
};

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function fail(file: string, problem: string): never {
  throw new InputError(file, `${problem}. Check that the file is the coverage-summary.json the tool wrote, unchanged.`);
}
