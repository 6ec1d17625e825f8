// Reads Clover XML (OpenClover, PHPUnit, Istanbul's clover reporter): stmt and cond <line>s are coverable lines,
// method <line>s are functions, and the <metrics> elements are ignored. What truecount/falsecount mean differs:
// Istanbul (which always writes clover="3.2.0") puts the covered and the uncovered branches of the line there;
// OpenClover puts how often the condition was true and false, which are two branches, each covered when non-zero.
import { InputError } from '@actions-kit/reports';
import type { FileRecords } from './coverage-sink.js';
import type { RepoPath } from './model.js';
import { documentOf, xmlRootName, type CoverageReader } from './quality-reader.js';
import { shown } from './shown.js';
import { readXml } from './xml.js';

/** The version Istanbul's clover reporter writes, whatever Istanbul's own version. */
const ISTANBUL_CLOVER_VERSION = '3.2.0';

export const cloverReader: CoverageReader = {
  name: 'clover',
  format: 'Clover XML',
  detect: (doc) =>
    xmlRootName(doc) === 'coverage' &&
    'generated' in documentOf(doc, 'xml').attributes &&
    !('line-rate' in documentOf(doc, 'xml').attributes),
  read(doc, context) {
    const { source, attributes: root } = documentOf(doc, 'xml');
    const istanbul = root['clover'] === ISTANBUL_CLOVER_VERSION;
    const files = new Set<RepoPath>();
    let file: FileRecords | undefined;
    readXml(source, {
      open(name, attributes, line) {
        const number = (attribute: string) => {
          const value = Number(attributes[attribute] ?? '0');
          if (!Number.isSafeInteger(value) || value < 0) {
            fail(
              context.file,
              `line ${line}: <line ${attribute}="${shown(attributes[attribute] ?? '')}"> is not a count`,
            );
          }
          return value;
        };
        if (name === 'file') {
          const path = attributes['path'] ?? attributes['name'] ?? '';
          if (path.trim() === '') fail(context.file, `line ${line}: a <file> has neither a path nor a name`);
          const mapped = context.paths.map(path);
          files.add(mapped);
          file = context.coverage.file(mapped);
        } else if (name === 'line' && file) {
          const num = number('num');
          if (num === 0) fail(context.file, `line ${line}: a <line> has no num (line number)`);
          const count = number('count');
          const type = attributes['type'];
          if (type === 'method') {
            file.fn(attributes['name'] ?? `method at line ${num}`, num, count);
            return;
          }
          file.line(num, count);
          if (type !== 'cond') return;
          const trueCount = number('truecount');
          const falseCount = number('falsecount');
          if (istanbul) file.branchCounts(num, trueCount, trueCount + falseCount);
          else {
            file.branch(num, 'true', trueCount > 0);
            file.branch(num, 'false', falseCount > 0);
          }
        }
      },
      close(name) {
        if (name === 'file') file = undefined;
      },
    });
    if (files.size === 0) fail(context.file, 'the report has no <file> elements, so it covers no source file');
    return files.size;
  },
};

function fail(file: string, problem: string): never {
  throw new InputError(file, `${problem}. Check that the file is the Clover XML the tool wrote, unchanged.`);
}
