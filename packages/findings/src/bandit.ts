// Reads Bandit JSON, with the fields of releases before and after 1.7.3 (issue_cwe, col_offset, end_col_offset), and
// Bandit's severity words, which its SARIF keeps too.
import {
  Interner,
  isObject,
  jsonType,
  list,
  listOfObjects,
  normalisePath,
  notAnObject,
  objectAt,
  oneBased,
  positiveInteger,
  text,
  type ElementMapper,
  type ScanPlan,
  type StreamRead,
} from '@actions-kit/reports';
import type { FindingReadContext, FindingReader, ReadResult, SarifObject } from './finding-reader.js';
import { contentIdentity, findingRecord, type FindingRecord, type Severity } from './model.js';
import { severityWord } from './severity.js';

type Json = Record<string, unknown>;

/**
 * Bandit issue_severity: HIGH → high, MEDIUM → medium, LOW → low, UNDEFINED → info. Used for Bandit JSON and for
 * Bandit SARIF (its results carry properties.issue_severity), so one scan gives the same severities either way.
 */
export function banditSeverity(value: unknown): Severity {
  const word = severityWord(value);
  // Bandit has no CRITICAL: like UNDEFINED, it is not one of its words.
  return word === undefined || word === 'critical' ? 'info' : word;
}

function detect(doc: unknown): boolean {
  if (!isObject(doc) || typeof doc['generated_at'] !== 'string') return false;
  return Array.isArray(doc['results']) || isObject(doc['metrics']) || Array.isArray(doc['errors']);
}

/** What keeps a document with Bandit's `results` and `metrics` or `errors` from being Bandit JSON (see detect). */
function explain(doc: unknown): string | undefined {
  if (!isObject(doc) || !('results' in doc || 'metrics' in doc) || !('metrics' in doc || 'errors' in doc))
    return undefined;
  const generatedAt = doc['generated_at'];
  if (generatedAt === undefined)
    return 'it has no "generated_at" (the time of the scan, a string), which every Bandit JSON report has';
  if (typeof generatedAt !== 'string')
    return `"generated_at" is ${jsonType(generatedAt)}, where Bandit writes the time of the scan as a string`;
  if ('results' in doc) return `"results" is ${jsonType(doc['results'])}, where Bandit writes a list of results`;
  return `"metrics" is ${jsonType(doc['metrics'])}, where Bandit writes an object of counts`;
}

/** A result already turned into its record while streaming; `modern` says whether it had 1.7.3's issue_cwe. */
class StreamedResult {
  constructor(
    readonly record: FindingRecord,
    readonly modern: boolean,
  ) {}
}

function read(doc: unknown, context: FindingReadContext): ReadResult {
  const root = isObject(doc) ? doc : {};
  const results = listOfObjects(root['results'], context.file, '/results', 'Bandit result');
  const records: FindingRecord[] = [];
  const shared = new Interner();
  results.forEach((result, i) => {
    const pointer = `/results/${i}`;
    if (result instanceof StreamedResult) records.push(result.record);
    else records.push(toRecord(objectAt(result, context.file, pointer, 'Bandit result'), pointer, context, shared));
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
  return (
    (isObject(totals) && 'skipped_tests' in totals) ||
    results.some((r) => (r instanceof StreamedResult ? r.modern : isObject(r) && 'issue_cwe' in r))
  );
}

function toRecord(r: Json, pointer: string, context: FindingReadContext, shared: Interner): FindingRecord {
  const ruleId = shared.string(text(r['test_id'], 100) ?? text(r['test_name'], 200) ?? 'unknown');
  const path = shared.string(normalisePath(text(r['filename'], 2000) ?? '', context.root));
  const line = positiveInteger(r['line_number']);
  // The last line of the range (a loop, not Math.max(...range): a range of 200,000 numbers overflows the stack).
  let endLine: number | undefined;
  for (const n of list(r['line_range'])) {
    const rangeLine = positiveInteger(n);
    if (rangeLine !== undefined && (endLine === undefined || rangeLine > endLine)) endLine = rangeLine;
  }
  // Bandit columns are 0-based; the model's (like SARIF's) are 1-based.
  const startColumn = oneBased(r['col_offset']);
  const endColumn = oneBased(r['end_col_offset']);
  const cwe = isObject(r['issue_cwe']) ? r['issue_cwe']['id'] : undefined;
  const confidence = text(r['issue_confidence'], 50);
  const issue = text(r['issue_text']);
  // Masked before it is cut, so a cut cannot leave part of a password in place.
  const shown = issue === undefined ? undefined : maskQuotedPassword(ruleId, issue);
  const testName = text(r['test_name'], 200);
  return findingRecord({
    tool: 'bandit',
    ruleId,
    title: shared.string(text(shown, 300) ?? ruleId),
    description: shared.string(confidence && `${shown ?? ruleId} (confidence: ${confidence.toLowerCase()})`),
    severity: banditSeverity(r['issue_severity']),
    category: 'code',
    location: {
      path,
      startLine: line,
      endLine: endLine !== undefined && endLine >= (line ?? 0) ? endLine : undefined,
      startColumn,
      endColumn,
    },
    // The unmasked text, as before masking: fingerprints (hashes, never written as text) stay the same.
    identity: contentIdentity({ rule: ruleId, path, snippet: flaggedLine(r['code'], line), line, detail: issue }),
    source: { file: context.file, tool: 'bandit', record: pointer },
    helpUri: shared.string(text(r['more_info'], 1000)),
    cwes: shared.list(
      (typeof cwe === 'number' || typeof cwe === 'string') && String(cwe) !== '' ? [`CWE-${cwe}`] : undefined,
    ),
    tags: shared.list(testName ? [shared.string(testName)] : undefined),
  });
}

/** Bandit's `code` is numbered lines ("12 x = eval(s)\n13 ..."): returns the flagged line's content. */
function flaggedLine(code: unknown, line: number | undefined): string | undefined {
  if (typeof code !== 'string' || line === undefined) return undefined;
  const number = String(line);
  const prefix = `${number} `;
  for (let start = 0; start <= code.length;) {
    const end = code.indexOf('\n', start);
    const row = end < 0 ? code.slice(start) : code.slice(start, end);
    if (row.startsWith(prefix)) return row.slice(prefix.length);
    if (row === number) return undefined;
    if (end < 0) break;
    start = end + 1;
  }
  return undefined;
}

const streamPlan: ScanPlan = (path) => {
  if (path.length === 0) return 'descend';
  if (path.length === 1 && path[0] === 'results') return (element) => element;
  return 'parse';
};

/** Streamed: each result becomes its record as soon as it is parsed (a record needs nothing else from the file). */
function streamRead(context: FindingReadContext): StreamRead<ReadResult> {
  const shared = new Interner();
  const toStreamed: ElementMapper = (element, index) =>
    isObject(element)
      ? new StreamedResult(toRecord(element, `/results/${index}`, context, shared), 'issue_cwe' in element)
      : notAnObject(element);
  const plan: ScanPlan = (path) => (path.length === 1 && path[0] === 'results' ? toStreamed : streamPlan(path));
  return { plan, read: (skeleton) => read(skeleton, context) };
}

/** Bandit SARIF levels cannot express its severities 1:1; its results keep properties.issue_severity. */
function sarifSeverity(result: SarifObject): Severity | undefined {
  const properties = result['properties'];
  return isObject(properties) && typeof properties['issue_severity'] === 'string'
    ? banditSeverity(properties['issue_severity'])
    : undefined;
}

/** B105 (a string), B106 (a keyword argument) and B107 (a default argument) quote the password they found. */
const QUOTES_PASSWORD = new Set(['B105', 'B106', 'B107']);

/**
 * What stands for each character of a masked password: a bullet, not Gitleaks' '*', as this text is shown and a
 * run of '*' would have to be escaped in Markdown ('\*\*\*'), which reads badly as raw text.
 */
const MASK = '•';

/**
 * The message of a hardcoded-password finding ("Possible hardcoded password: 'hunter2'") with the password replaced
 * by a mask of its length, quotes kept: the README promises no secret is written, and the message reaches the
 * summary, annotations, the SARIF file and the JSON report. Other messages are returned as they are.
 */
export function maskQuotedPassword(ruleId: string, message: string): string {
  if (!QUOTES_PASSWORD.has(ruleId)) return message;
  return message.replace(/(hardcoded password:\s*)(.+)$/is, (_match, lead: string, value: string) => {
    const quote = /^(['"])([\s\S]*)\1$/.exec(value);
    return quote
      ? `${lead}${quote[1]}${MASK.repeat(quote[2]!.length)}${quote[1]}`
      : `${lead}${MASK.repeat(value.length)}`;
  });
}

export const banditReader: FindingReader = {
  name: 'bandit',
  format: 'Bandit JSON',
  detect,
  explain,
  read,
  streaming: { plan: streamPlan, streamRead },
  sarif: { severity: sarifSeverity, maskSecrets: maskQuotedPassword },
};
