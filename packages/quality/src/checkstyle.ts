// Reads Checkstyle XML, which Checkstyle itself and many linters write (ESLint's old checkstyle formatter, ktlint,
// detekt, golangci-lint, PHP_CodeSniffer, ...): <file name> elements holding <error line column severity message
// source>. Severity error, warning and info are kept; 'ignore' is what Checkstyle writes for a check turned off for
// reporting, and is kept as info so that nothing in the report is dropped unseen.
import { InputError } from '@actions-kit/reports';
import type { LintMessage, LintSeverity } from './model.js';
import { documentOf, xmlRootName, type LintReader } from './quality-reader.js';
import { positiveAttribute, readXml } from './xml.js';

export const checkstyleReader: LintReader = {
  name: 'checkstyle',
  format: 'Checkstyle XML',
  detect: (doc) => xmlRootName(doc) === 'checkstyle',
  read(doc, context) {
    const { source } = documentOf(doc, 'xml');
    const messages: LintMessage[] = [];
    let path: string | undefined;
    let files = 0;
    readXml(source, {
      open(name, attributes, line) {
        if (name === 'file') {
          const fileName = attributes['name'] ?? '';
          if (fileName.trim() === '') fail(context.file, `line ${line}: a <file> has no name`);
          path = context.paths.map(fileName);
          files++;
        } else if (name === 'error' && path !== undefined) {
          const at = positiveAttribute(attributes['line']);
          const column = positiveAttribute(attributes['column']);
          const rule = attributes['source']?.trim();
          messages.push({
            path,
            ...(at !== undefined && { line: at }),
            ...(column !== undefined && { column }),
            severity: severity(attributes['severity']),
            ...(rule && { rule }),
            message: attributes['message']?.trim() || '(no message)',
            tool: 'Checkstyle',
            source: context.file,
          });
        }
      },
      close(name) {
        if (name === 'file') path = undefined;
      },
    });
    if (files === 0) {
      fail(
        context.file,
        'the report has no <file> elements: the linter checked no file, so the gate would judge nothing',
      );
    }
    return messages;
  },
};

function severity(value: string | undefined): LintSeverity {
  if (value === 'error' || value === 'warning') return value;
  return 'info';
}

function fail(file: string, problem: string): never {
  throw new InputError(file, `${problem}. Check that the file is the Checkstyle XML the linter wrote, unchanged.`);
}
