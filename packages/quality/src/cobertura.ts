// Reads Cobertura XML (coverage.py, Jest/Istanbul, gcovr, Cobertura, .NET coverlet, PHPUnit): each class's
// <lines>, never the copies of them under <methods>, and branches from condition-coverage="50% (1/2)". The root's
// line-rate and lines-valid are ignored. File names are relative to one of the <source> roots.
import { InputError } from '@actions-kit/reports';
import type { FileRecords } from './coverage-sink.js';
import type { RepoPath } from './model.js';
import { documentOf, xmlRootName, type CoverageReader } from './quality-reader.js';
import { isAbsolutePath, slashed, type RepositoryPaths } from './repository-paths.js';
import { shown } from './shown.js';
import { ElementPath, readXml } from './xml.js';

export const coberturaReader: CoverageReader = {
  name: 'cobertura',
  format: 'Cobertura XML',
  // Clover's root is <coverage> too, but has `generated` and no `line-rate` (see clover.ts).
  detect: (doc) =>
    xmlRootName(doc) === 'coverage' &&
    ('line-rate' in documentOf(doc, 'xml').attributes || !('generated' in documentOf(doc, 'xml').attributes)),
  read(doc, context) {
    const { source } = documentOf(doc, 'xml');
    const path = new ElementPath();
    const sources: string[] = [];
    let sourceText: string | undefined;
    let file: FileRecords | undefined;
    const files = new Set<RepoPath>();
    const resolved = new Map<string, RepoPath>();
    readXml(source, {
      open(name, attributes, line) {
        if (name === 'source') sourceText = '';
        else if (name === 'class') {
          const filename = attributes['filename'] ?? '';
          if (filename.trim() === '') {
            fail(context.file, `line ${line}: a <class name="${attributes['name'] ?? '?'}"> has no filename attribute`);
          }
          let mapped = resolved.get(filename);
          if (mapped === undefined) resolved.set(filename, (mapped = sourcePath(filename, sources, context.paths)));
          file = context.coverage.file(mapped);
          files.add(mapped);
        } else if (name === 'line' && file && path.parent(0) === 'lines' && path.parent(1) === 'class') {
          readLine(file, attributes, `${context.file}`, line);
        }
        path.open(name);
      },
      close(name) {
        path.close();
        if (name === 'source' && sourceText !== undefined) {
          if (sourceText.trim() !== '') sources.push(sourceText.trim());
          sourceText = undefined;
        } else if (name === 'class') file = undefined;
      },
      text(text) {
        if (sourceText !== undefined) sourceText += text;
      },
    });
    if (files.size === 0) {
      fail(context.file, 'the report has no <class> elements, so it covers no source file');
    }
    return files.size;
  },
};

function readLine(file: FileRecords, attributes: Readonly<Record<string, string>>, report: string, at: number): void {
  const line = Number(attributes['number']);
  const hits = Number(attributes['hits'] ?? '0');
  if (!Number.isSafeInteger(line) || line <= 0 || !(hits >= 0)) {
    const value = (name: string) => (attributes[name] === undefined ? 'missing' : `"${shown(attributes[name])}"`);
    fail(
      report,
      `line ${at}: a <line> has number ${value('number')} and hits ${value('hits')}, not a line and a count`,
    );
  }
  file.line(line, Math.min(Math.trunc(hits), Number.MAX_SAFE_INTEGER));
  const conditions = /\((\d+)\/(\d+)\)/.exec(attributes['condition-coverage'] ?? '');
  if (attributes['branch'] === 'true' && conditions) {
    const total = Number(conditions[2]);
    file.branchCounts(line, Math.min(Number(conditions[1]), total), total);
  }
}

/**
 * A class's filename as a repository path. Cobertura names it relative to one of the <source> roots, and tools
 * write roots from the machine they ran on, several of them, some junk ('--source'). In order: the first root under
 * which the file exists in the repository; the filename itself when it exists relative to the root; the first
 * absolute root that maps into the repository (under the root, or stripped); else the filename as given.
 */
function sourcePath(filename: string, sources: readonly string[], paths: RepositoryPaths): RepoPath {
  const name = slashed(filename);
  if (isAbsolutePath(name)) return paths.map(name);
  const underSources = sources.map((root) => paths.map(`${slashed(root)}/${name}`));
  const existing = underSources.find((path) => !isAbsolutePath(path) && paths.exists(path));
  if (existing !== undefined) return existing;
  const plain = paths.map(name);
  if (paths.exists(plain)) return plain;
  const fromAbsoluteRoot = underSources.find(
    (path, i) => isAbsolutePath(slashed(sources[i]!)) && !isAbsolutePath(path),
  );
  return fromAbsoluteRoot ?? plain;
}

function fail(file: string, problem: string): never {
  throw new InputError(file, `${problem}. Check that the file is the Cobertura XML the tool wrote, unchanged.`);
}
