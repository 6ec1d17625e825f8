// Reads Istanbul's coverage-final.json (json reporter of nyc, Jest, Vitest, c8): per file, statements, functions and
// branches with their hit counts. A line's hits are those of the statements starting on it (the most of them, as
// Istanbul's own line coverage does); each branch location is one branch, on the line its location starts.
import { InputError, isObject } from '@actions-kit/reports';
import { jsonValue, type CoverageReader } from './quality-reader.js';
import { shown } from './shown.js';

/** A file entry, or the { data: entry } wrapper some tools write. */
function entryOf(value: unknown): Record<string, unknown> | undefined {
  if (!isObject(value)) return undefined;
  const inner = isObject(value['data']) ? value['data'] : value;
  return isObject(inner['statementMap']) && isObject(inner['s']) ? inner : undefined;
}

export const istanbulFinalReader: CoverageReader = {
  name: 'istanbul',
  format: 'Istanbul coverage-final.json',
  detect(doc) {
    const value = jsonValue(doc);
    if (!isObject(value)) return false;
    const first = Object.values(value)[0];
    return first !== undefined && entryOf(first) !== undefined;
  },
  read(doc, context) {
    const entries = Object.entries(jsonValue(doc) as Record<string, unknown>);
    for (const [key, value] of entries) {
      const entry = entryOf(value);
      if (!entry) fail(context.file, `the entry for '${shown(key)}' has no statementMap and s`);
      const path = typeof entry['path'] === 'string' ? entry['path'] : key;
      const file = context.coverage.file(context.paths.map(path));
      const startLine = (location: unknown) => {
        const start = isObject(location) ? location['start'] : undefined;
        const line = isObject(start) ? start['line'] : undefined;
        return typeof line === 'number' && Number.isSafeInteger(line) && line > 0 ? line : undefined;
      };
      const hitsOf = (counts: unknown, id: string, what: string) => {
        const hits = isObject(counts) ? counts[id] : undefined;
        if (typeof hits !== 'number' || !(hits >= 0)) {
          fail(context.file, `${what} ${shown(id)} of '${shown(path)}' has no hit count`);
        }
        return hits;
      };
      const lines = new Map<number, number>();
      for (const [id, location] of Object.entries(entry['statementMap'] as Record<string, unknown>)) {
        const line = startLine(location);
        if (line === undefined) continue;
        lines.set(line, Math.max(lines.get(line) ?? 0, hitsOf(entry['s'], id, 'statement')));
      }
      for (const [line, hits] of lines) file.line(line, hits);
      const functions = isObject(entry['fnMap']) ? entry['fnMap'] : {};
      for (const [id, fn] of Object.entries(functions)) {
        if (!isObject(fn)) continue;
        const line = startLine(fn['decl']) ?? startLine(fn['loc']);
        const name = typeof fn['name'] === 'string' ? fn['name'] : `function ${id}`;
        file.fn(name, line, hitsOf(entry['f'], id, 'function'));
      }
      const branches = isObject(entry['branchMap']) ? entry['branchMap'] : {};
      if (isObject(entry['branchMap'])) file.measuresBranches();
      for (const [id, branch] of Object.entries(branches)) {
        if (!isObject(branch)) continue;
        const counts = isObject(entry['b']) ? entry['b'][id] : undefined;
        if (!Array.isArray(counts)) fail(context.file, `branch ${shown(id)} of '${shown(path)}' has no hit counts`);
        const locations = Array.isArray(branch['locations']) ? branch['locations'] : [];
        const line =
          startLine(branch['loc']) ??
          startLine(locations[0]) ??
          (typeof branch['line'] === 'number' ? branch['line'] : undefined);
        if (line === undefined) continue;
        counts.forEach((hits, i) => file.branch(line, `${id}:${i}`, typeof hits === 'number' && hits > 0));
      }
    }
    if (entries.length === 0) {
      throw new InputError(context.file, 'the report is an empty object: it covers no source file.');
    }
    return entries.length;
  },
};

function fail(file: string, problem: string): never {
  throw new InputError(file, `${problem}. Check that the file is the coverage-final.json the tool wrote, unchanged.`);
}
