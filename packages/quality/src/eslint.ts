// Reads ESLint's JSON formatters: `json` (an array of file results) and `json-with-metadata` ({ results, metadata }).
// Severity 2 is an error, 1 a warning; a fatal message (a parse error) is an error whatever its severity. ruleId is
// null for parse errors and unused-disable-directive reports. `source` (the whole file text) is never kept.
import { InputError, isObject, listOfObjects, objectAt, positiveInteger, text } from '@actions-kit/reports';
import type { LintMessage, LintSeverity } from './model.js';
import { jsonValue, type LintReader } from './quality-reader.js';

/** The file results of either formatter, or undefined when the document is neither. */
function fileResults(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (isObject(value) && Array.isArray(value['results']) && isObject(value['metadata'])) return value['results'];
  return undefined;
}

function isFileResult(value: unknown): boolean {
  return isObject(value) && typeof value['filePath'] === 'string' && Array.isArray(value['messages']);
}

export const eslintReader: LintReader = {
  name: 'eslint',
  format: 'ESLint JSON',
  detect(doc) {
    const results = fileResults(jsonValue(doc));
    return results !== undefined && results.length > 0 && isFileResult(results[0]);
  },
  explain(doc) {
    const results = fileResults(jsonValue(doc));
    if (results === undefined || results.length > 0) return undefined;
    return 'it lists no files: ESLint linted nothing, so the pattern it was given matched no file';
  },
  read(doc, context) {
    const results = fileResults(jsonValue(doc))!;
    const messages: LintMessage[] = [];
    results.forEach((element, i) => {
      const result = objectAt(element, context.file, `/${i}`, 'file result');
      const filePath = text(result['filePath'], 4096);
      if (filePath === undefined) fail(context.file, `/${i}/filePath is not a path`);
      const path = context.paths.map(filePath);
      listOfObjects(result['messages'], context.file, `/${i}/messages`, 'message').forEach((item, j) => {
        const message = objectAt(item, context.file, `/${i}/messages/${j}`, 'message');
        const line = positiveInteger(message['line']);
        const endLine = positiveInteger(message['endLine']);
        const column = positiveInteger(message['column']);
        const rule = text(message['ruleId'], 200);
        messages.push({
          path,
          ...(line !== undefined && { line }),
          ...(endLine !== undefined && { endLine }),
          ...(column !== undefined && { column }),
          severity: severity(message),
          ...(rule !== undefined && { rule }),
          message: text(message['message']) ?? '(no message)',
          tool: 'ESLint',
          source: context.file,
        });
      });
    });
    return messages;
  },
};

function severity(message: Record<string, unknown>): LintSeverity {
  if (message['fatal'] === true || message['severity'] === 2) return 'error';
  return message['severity'] === 1 ? 'warning' : 'info';
}

function fail(file: string, problem: string): never {
  throw new InputError(file, `${problem}. Check that the file is the JSON ESLint wrote (--format json), unchanged.`);
}
