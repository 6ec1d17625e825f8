// Reads JaCoCo XML: per-line records of each <sourcefile> (mi/ci missed and covered instructions, mb/cb missed and
// covered branches) and each <method>'s METHOD counter. A line is covered when it ran at least one instruction.
// A file none of whose lines has branches has no branch data (JaCoCo writes no BRANCH counter then): n/a, not 0%.
// The report's own <counter>s are ignored. Paths are the package path plus the file name, found in the repository.
import { InputError } from '@actions-kit/reports';
import type { FileRecords } from './coverage-sink.js';
import type { RepoPath } from './model.js';
import { documentOf, xmlRootName, type CoverageReadContext, type CoverageReader } from './quality-reader.js';
import { slashed } from './repository-paths.js';
import { shown } from './shown.js';
import { ElementPath, readXml } from './xml.js';

export const jacocoReader: CoverageReader = {
  name: 'jacoco',
  format: 'JaCoCo XML',
  detect: (doc) => xmlRootName(doc) === 'report',
  read(doc, context) {
    const { source } = documentOf(doc, 'xml');
    const path = new ElementPath();
    const files = new Set<RepoPath>();
    const resolved = new Map<string, RepoPath>();
    const fileOf = (sourceFile: string): FileRecords => {
      const key = packageName ? `${packageName}/${sourceFile}` : sourceFile;
      let mapped = resolved.get(key);
      if (mapped === undefined) resolved.set(key, (mapped = repositoryPath(key, context)));
      files.add(mapped);
      return context.coverage.file(mapped);
    };
    let packageName = '';
    let classFile: string | undefined;
    let method: { name: string; line: number | undefined } | undefined;
    let file: FileRecords | undefined;
    readXml(source, {
      open(name, attributes, line) {
        path.open(name);
        const number = (attribute: string) => {
          const value = Number(attributes[attribute] ?? '0');
          if (!Number.isSafeInteger(value) || value < 0) {
            fail(
              context.file,
              `line ${line}: <${name} ${attribute}="${shown(attributes[attribute] ?? '')}"> is not a count`,
            );
          }
          return value;
        };
        if (name === 'package') packageName = slashed(attributes['name'] ?? '').replace(/^\/+|\/+$/g, '');
        else if (name === 'class') classFile = attributes['sourcefilename'];
        else if (name === 'method') {
          const at = Number(attributes['line']);
          method = { name: attributes['name'] ?? '?', line: Number.isSafeInteger(at) && at > 0 ? at : undefined };
        } else if (name === 'counter' && method && classFile && path.parent(1) === 'method') {
          if (attributes['type'] === 'METHOD')
            fileOf(classFile).fn(method.name, method.line, number('covered') > 0 ? 1 : 0);
        } else if (name === 'sourcefile') {
          file = fileOf(attributes['name'] ?? '');
        } else if (name === 'line' && file) {
          const nr = number('nr');
          if (nr === 0) fail(context.file, `line ${line}: a <line> has no nr (line number)`);
          file.line(nr, number('ci') > 0 ? 1 : 0);
          const missed = number('mb');
          const covered = number('cb');
          if (missed + covered > 0) file.branchCounts(nr, covered, missed + covered);
        }
      },
      close(name) {
        path.close();
        if (name === 'method') method = undefined;
        else if (name === 'class') classFile = undefined;
        else if (name === 'sourcefile') file = undefined;
        else if (name === 'package') packageName = '';
      },
    });
    if (files.size === 0) fail(context.file, 'the report has no <sourcefile> elements, so it covers no source file');
    return files.size;
  },
};

/**
 * JaCoCo names a file by its package path ('com/acme/App.java'), not where it lies ('app/src/main/java/com/...'):
 * the repository file ending with that path, the one nearest the report when several modules have one, else the
 * package path as it is.
 */
function repositoryPath(packagePath: string, context: CoverageReadContext): RepoPath {
  const found = context.paths.findEndingWith(packagePath, context.reportFolder);
  return typeof found === 'string' && found !== 'none' ? found : packagePath;
}

function fail(file: string, problem: string): never {
  throw new InputError(file, `${problem}. Check that the file is the JaCoCo XML report the tool wrote, unchanged.`);
}
