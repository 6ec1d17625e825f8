// A reader for a made-up tool, written as a new member of the family is: this one file is the whole of it, and
// reader-family.test.ts shows that a list holding it is enough for it to be used everywhere.
import { isObject, list, normalisePath, positiveInteger, text } from '@actions-kit/reports';
import type { FindingReader, SarifObject } from '../../src/finding-reader.js';
import { contentIdentity, findingRecord, type Severity } from '../../src/model.js';

/** Dummy's severity words; anything else is info. */
function dummySeverity(word: unknown): Severity {
  return word === 'SEVERE' ? 'critical' : word === 'MILD' ? 'low' : 'info';
}

/** Dummy SARIF keeps its own word in properties.dummy_level, which says more than the SARIF level. */
function sarifSeverity(result: SarifObject): Severity | undefined {
  const properties = result['properties'];
  return isObject(properties) && properties['dummy_level'] !== undefined
    ? dummySeverity(properties['dummy_level'])
    : undefined;
}

/** Dummy JSON: `{"dummy": 1, "issues": [{"rule": "D1", "file": "a.txt", "line": 3, "level": "SEVERE"}]}`. */
export const dummyReader: FindingReader = {
  name: 'dummy',
  format: 'Dummy JSON',
  detect: (doc) => isObject(doc) && doc['dummy'] === 1,
  read(doc, context) {
    const issues = list(isObject(doc) ? doc['issues'] : undefined).filter(isObject);
    const records = issues.map((issue, i) => {
      const rule = text(issue['rule']) ?? 'unknown';
      const path = normalisePath(text(issue['file']) ?? '', context.root);
      const line = positiveInteger(issue['line']);
      return findingRecord({
        tool: 'dummy',
        ruleId: rule,
        title: `${rule} in ${path}`,
        severity: dummySeverity(issue['level']),
        category: 'code',
        location: { path, startLine: line },
        identity: contentIdentity({ rule, path, line }),
        source: { file: context.file, tool: 'dummy', record: `/issues/${i}` },
      });
    });
    return { tools: ['dummy'], format: 'Dummy JSON', records, suppressed: [], notes: [] };
  },
  sarif: { severity: sarifSeverity, category: 'misconfiguration' },
};
