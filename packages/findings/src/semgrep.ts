// Reads Semgrep JSON (`semgrep scan --json`): results with the classic severity words (ERROR, WARNING, INFO) and the
// newer ones (CRITICAL, HIGH, MEDIUM, LOW), CWE as a string or a list, and `# nosemgrep` matches kept with
// `--disable-nosem` (is_ignored) as suppressed. A logged-out run writes "requires login" for every fingerprint and
// flagged line: that is never an identity.
import {
  Interner,
  isObject,
  list,
  listOfObjects,
  normalisePath,
  notAnObject,
  objectAt,
  positiveInteger,
  text,
  type ElementMapper,
  type ScanPlan,
  type StreamRead,
} from '@actions-kit/reports';
import type { FindingReadContext, FindingReader, ReadResult } from './finding-reader.js';
import { contentIdentity, findingRecord, type FindingRecord, type Severity } from './model.js';
import { cweIds } from './package-vulnerability.js';

type Json = Record<string, unknown>;

const SEVERITIES = new Map<string, Severity>([
  ['CRITICAL', 'critical'],
  ['ERROR', 'high'],
  ['HIGH', 'high'],
  ['WARNING', 'medium'],
  ['MEDIUM', 'medium'],
  ['LOW', 'low'],
  ['INFO', 'info'],
]);

/**
 * Semgrep's words as Semgrep itself maps them (its GitLab output): CRITICAL → critical, ERROR/HIGH → high,
 * WARNING/MEDIUM → medium, LOW → low, INFO → info (DefectDojo says low: Semgrep does not); INVENTORY, EXPERIMENT and
 * anything else → info.
 */
export function semgrepSeverity(value: unknown): Severity {
  return (typeof value === 'string' && SEVERITIES.get(value.toUpperCase())) || 'info';
}

/** What a logged-out Semgrep writes in place of a fingerprint and of the flagged lines. */
const REQUIRES_LOGIN = 'requires login';

function isResult(value: unknown): boolean {
  return isObject(value) && typeof value['check_id'] === 'string' && isObject(value['extra']);
}

function detect(doc: unknown): boolean {
  // Bandit's reports have `generated_at` and `metrics`, SARIF's `runs`: Semgrep's none of them.
  if (!isObject(doc) || !Array.isArray(doc['results'])) return false;
  if ('generated_at' in doc || 'metrics' in doc || 'runs' in doc) return false;
  const first: unknown = doc['results'][0];
  return first === undefined ? Array.isArray(doc['errors']) : first instanceof StreamedResult || isResult(first);
}

/** A result already turned into its record while streaming. */
class StreamedResult {
  constructor(
    readonly record: FindingRecord,
    readonly ignored: boolean,
  ) {}
}

function read(doc: unknown, context: FindingReadContext): ReadResult {
  const root = isObject(doc) ? doc : {};
  const results = listOfObjects(root['results'], context.file, '/results', 'Semgrep result');
  const records: FindingRecord[] = [];
  const suppressed: FindingRecord[] = [];
  const shared = new Interner();
  results.forEach((result, i) => {
    const pointer = `/results/${i}`;
    const streamed =
      result instanceof StreamedResult
        ? result
        : toStreamed(objectAt(result, context.file, pointer, 'Semgrep result'), pointer, context, shared);
    (streamed.ignored ? suppressed : records).push(streamed.record);
  });
  const version = text(root['version'], 50);
  return {
    tools: ['semgrep'],
    format: `Semgrep JSON${version ? ` (${version})` : ''}`,
    records,
    suppressed,
    notes: errorNotes(list(root['errors'])),
  };
}

/** Semgrep's errors (files it could not parse, rules that failed) in one note: the scan did not cover everything. */
function errorNotes(errors: unknown[]): string[] {
  if (errors.length === 0) return [];
  const first = errors.find(isObject);
  const what = first && (text(first['message'], 300) ?? text(first['type'], 100));
  return [
    `Semgrep reported ${errors.length === 1 ? '1 error' : `${errors.length} errors`} (parts of the code were not scanned)` +
      `${what ? `, the first: ${what.split('\n')[0]}` : ''}`,
  ];
}

function toStreamed(r: Json, pointer: string, context: FindingReadContext, shared: Interner): StreamedResult {
  const extra = isObject(r['extra']) ? r['extra'] : {};
  const metadata = isObject(extra['metadata']) ? extra['metadata'] : {};
  const ruleId = shared.string(text(r['check_id'], 300) ?? 'unknown');
  const path = shared.string(normalisePath(text(r['path'], 2000) ?? '', context.root));
  const start = isObject(r['start']) ? r['start'] : {};
  const end = isObject(r['end']) ? r['end'] : {};
  const line = positiveInteger(start['line']);
  const message = text(extra['message']);
  const lines = typeof extra['lines'] === 'string' && extra['lines'] !== REQUIRES_LOGIN ? extra['lines'] : undefined;
  const fingerprint = text(extra['fingerprint'], 300);
  const cwe = metadata['cwe'];
  const category = text(metadata['category'], 100);
  const record = findingRecord({
    tool: 'semgrep',
    ruleId,
    title: text(message?.split('\n')[0], 300) ?? ruleId,
    description: message,
    severity: semgrepSeverity(extra['severity']),
    category: 'code',
    location: {
      path,
      startLine: line,
      endLine: positiveInteger(end['line']),
      startColumn: positiveInteger(start['col']),
      endColumn: positiveInteger(end['col']),
    },
    identity: contentIdentity({
      rule: ruleId,
      path,
      snippet: lines,
      toolFingerprint: fingerprint && fingerprint !== REQUIRES_LOGIN ? fingerprint : undefined,
      line,
      detail: message,
    }),
    source: { file: context.file, tool: 'semgrep', record: pointer },
    helpUri: shared.string(text(metadata['source'], 1000) ?? text(list(metadata['references'])[0], 1000)),
    cwes: shared.list(nonEmpty(cweIds(Array.isArray(cwe) ? cwe : [cwe]))),
    tags: shared.list(category ? [shared.string(category)] : undefined),
  });
  return new StreamedResult(record, extra['is_ignored'] === true);
}

function nonEmpty(values: string[]): string[] | undefined {
  return values.length > 0 ? values : undefined;
}

const streamPlan: ScanPlan = (path) => {
  if (path.length === 0) return 'descend';
  if (path.length === 1 && path[0] === 'results') return (element) => element;
  return 'parse';
};

/** Streamed: each result becomes its record as soon as it is parsed. */
function streamRead(context: FindingReadContext): StreamRead<ReadResult> {
  const shared = new Interner();
  const toRecord: ElementMapper = (element, index) =>
    isObject(element) ? toStreamed(element, `/results/${index}`, context, shared) : notAnObject(element);
  const plan: ScanPlan = (path) => (path.length === 1 && path[0] === 'results' ? toRecord : streamPlan(path));
  return { plan, read: (skeleton) => read(skeleton, context) };
}

export const semgrepReader: FindingReader = {
  name: 'semgrep',
  format: 'Semgrep JSON',
  detect,
  read,
  streaming: { plan: streamPlan, streamRead },
};
