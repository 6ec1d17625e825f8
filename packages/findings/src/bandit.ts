// Reads Bandit JSON, with the fields of releases before and after 1.7.3 (issue_cwe, col_offset, end_col_offset).
import type { ScanPlan } from './json-scanner.js';
import { contentIdentity, findingRecord, type FindingRecord } from './model.js';
import { normalisePath } from './paths.js';
import type { ReadContext, ReadResult, ReportReader } from './reader.js';
import { isObject, list, positiveInteger, text } from './report-values.js';
import { banditSeverity } from './severity.js';

type Json = Record<string, unknown>;

function detect(doc: unknown): boolean {
  if (!isObject(doc) || typeof doc['generated_at'] !== 'string') return false;
  return Array.isArray(doc['results']) || isObject(doc['metrics']) || Array.isArray(doc['errors']);
}

function read(doc: unknown, context: ReadContext): ReadResult {
  const root = isObject(doc) ? doc : {};
  const results = list(root['results']);
  const records: FindingRecord[] = [];
  results.forEach((result, i) => {
    if (isObject(result)) records.push(toRecord(result, `/results/${i}`, context));
  });
  const notes = list(root['errors'])
    .filter(isObject)
    .map(
      (e) =>
        `Bandit could not scan ${text(e['filename'], 500) ?? 'a file'}: ${text(e['reason'], 500) ?? 'no reason given'}`,
    );
  return {
    tools: ['bandit'],
    format: `Bandit JSON (${isModern(root, results) ? '1.7.3 or later' : 'before 1.7.3'})`,
    records,
    suppressed: [],
    notes,
  };
}

/** 1.7.3 added issue_cwe to results and skipped_tests to the metrics. */
function isModern(root: Json, results: unknown[]): boolean {
  const totals = isObject(root['metrics']) ? root['metrics']['_totals'] : undefined;
  return (isObject(totals) && 'skipped_tests' in totals) || results.some((r) => isObject(r) && 'issue_cwe' in r);
}

function toRecord(r: Json, pointer: string, context: ReadContext): FindingRecord {
  const ruleId = text(r['test_id'], 100) ?? text(r['test_name'], 200) ?? 'unknown';
  const path = normalisePath(text(r['filename'], 2000) ?? '', context.root);
  const line = positiveInteger(r['line_number']);
  const range = list(r['line_range']).filter((n): n is number => typeof n === 'number');
  const endLine = range.length > 0 ? Math.max(...range) : undefined;
  // Bandit columns are 0-based; the model's (like SARIF's) are 1-based.
  const startColumn = typeof r['col_offset'] === 'number' && r['col_offset'] >= 0 ? r['col_offset'] + 1 : undefined;
  const endColumn =
    typeof r['end_col_offset'] === 'number' && r['end_col_offset'] >= 0 ? r['end_col_offset'] + 1 : undefined;
  const cwe = isObject(r['issue_cwe']) ? r['issue_cwe']['id'] : undefined;
  const confidence = text(r['issue_confidence'], 50);
  const issue = text(r['issue_text']);
  return findingRecord({
    tool: 'bandit',
    ruleId,
    title: text(r['issue_text'], 300) ?? ruleId,
    description: confidence && `${issue ?? ruleId} (confidence: ${confidence.toLowerCase()})`,
    severity: banditSeverity(r['issue_severity']),
    category: 'code',
    location: {
      path,
      startLine: line,
      endLine: endLine !== undefined && endLine >= (line ?? 0) ? endLine : undefined,
      startColumn,
      endColumn,
    },
    identity: contentIdentity({ rule: ruleId, path, snippet: flaggedLine(r['code'], line), line, detail: issue }),
    source: { file: context.file, tool: 'bandit', record: pointer },
    helpUri: text(r['more_info'], 1000),
    cwes: (typeof cwe === 'number' || typeof cwe === 'string') && String(cwe) !== '' ? [`CWE-${cwe}`] : undefined,
    tags: text(r['test_name'], 200) ? [text(r['test_name'], 200)!] : undefined,
  });
}

/** Bandit's `code` is numbered lines ("12 x = eval(s)\n13 ..."): returns the flagged line's content. */
export function flaggedLine(code: unknown, line: number | undefined): string | undefined {
  if (typeof code !== 'string' || line === undefined) return undefined;
  const prefix = `${line} `;
  for (const row of code.split('\n')) {
    if (row.startsWith(prefix)) return row.slice(prefix.length);
    if (row === String(line)) return undefined;
  }
  return undefined;
}

const streamPlan: ScanPlan = (path) => {
  if (path.length === 0) return 'descend';
  if (path.length === 1 && path[0] === 'results') return (element) => element;
  return 'parse';
};

export const banditReader: ReportReader = { name: 'bandit', format: 'Bandit JSON', detect, read, streamPlan };
