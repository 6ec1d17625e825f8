// Reads Gitleaks JSON: v8 (PascalCase keys, detected by RuleID) and v4–v7 (lower-case keys, `offender`). Gitleaks
// has no severities: every leak is a high-severity secret, in its JSON and in its SARIF.
import {
  type ElementMapper,
  Interner,
  isObject,
  joined,
  list,
  listOfObjects,
  normalisePath,
  notAnObject,
  objectAt,
  positiveInteger,
  type ScanPlan,
  type StreamRead,
  text,
} from '@actions-kit/reports';
import type { FindingReadContext, FindingReader, ReadResult, SarifObject } from './finding-reader.js';
import { secretDigest } from './fingerprint.js';
import { contentIdentity, findingRecord, type FindingRecord, type Severity } from './model.js';
import { isSarifLevel } from './severity.js';

type Json = Record<string, unknown>;

/** Gitleaks has no severity: every leaked secret is high. */
const GITLEAKS_SEVERITY: Severity = 'high';

function isV8(leak: unknown): leak is Json {
  return isObject(leak) && 'RuleID' in leak;
}

function isLegacy(leak: unknown): leak is Json {
  return isObject(leak) && 'rule' in leak && ('offender' in leak || 'line' in leak || 'leakURL' in leak);
}

function detect(doc: unknown): boolean {
  return Array.isArray(doc) && (isV8(doc[0]) || isLegacy(doc[0]));
}

/** A leak already turned into its record while streaming; `v8` says which version's fields it had. */
class StreamedLeak {
  constructor(
    readonly record: FindingRecord | undefined,
    readonly v8: boolean,
  ) {}
}

function recordOf(
  leak: unknown,
  pointer: string,
  context: FindingReadContext,
  shared: Interner,
): FindingRecord | undefined {
  if (isV8(leak)) return fromV8(leak, pointer, context, shared);
  if (isLegacy(leak)) return fromLegacy(leak, pointer, context, shared);
  return undefined;
}

function read(doc: unknown, context: FindingReadContext): ReadResult {
  const leaks = listOfObjects(doc, context.file, 'the document', 'Gitleaks leak');
  const records: FindingRecord[] = [];
  const shared = new Interner();
  leaks.forEach((leak, i) => {
    const record =
      leak instanceof StreamedLeak
        ? leak.record
        : recordOf(objectAt(leak, context.file, `/${i}`, 'Gitleaks leak'), `/${i}`, context, shared);
    if (record) records.push(record);
  });
  const first = leaks[0];
  const format =
    leaks.length === 0
      ? 'Gitleaks JSON (empty)'
      : (first instanceof StreamedLeak ? first.v8 : isV8(first))
        ? 'Gitleaks JSON v8'
        : 'Gitleaks JSON v7 or earlier';
  return { tools: ['gitleaks'], format, records, suppressed: [], notes: [] };
}

/**
 * Replaces the secret inside a snippet with '*' of the same length, as Trivy does, so neither the outputs nor the
 * fingerprints carry it.
 */
export function maskSecret(snippet: unknown, secret: unknown): string | undefined {
  if (typeof snippet !== 'string') return undefined;
  const masked =
    typeof secret !== 'string' || secret.length < 4 || secret === 'REDACTED'
      ? snippet
      : snippet.split(secret).join('*'.repeat(secret.length));
  // Cut only after masking, so a cut cannot leave part of the secret in place.
  return text(masked, 5000);
}

function commitNote(commit: string | undefined, date: string | undefined): string | undefined {
  if (!commit) return undefined;
  // Joined: the record keeps it (see joined).
  return joined('Committed in ', commit.slice(0, 12), date && !date.startsWith('0001-') ? ` on ${date}` : '');
}

function fromV8(leak: Json, pointer: string, context: FindingReadContext, shared: Interner): FindingRecord {
  const ruleId = shared.string(text(leak['RuleID'], 200) ?? 'unknown-secret');
  const path = shared.string(normalisePath(text(leak['File'], 2000) ?? '', context.root));
  const startLine = positiveInteger(leak['StartLine']);
  // v8.0.0 wrote Context where later versions write Match.
  const match = typeof leak['Match'] === 'string' ? leak['Match'] : leak['Context'];
  const commit = text(leak['Commit'], 100);
  const tags = list(leak['Tags']).filter((t): t is string => typeof t === 'string' && t !== '');
  return findingRecord({
    tool: 'gitleaks',
    ruleId,
    title: shared.string(text(leak['Description'], 300) ?? ruleId),
    description: commitNote(commit, text(leak['Date'], 100)),
    severity: GITLEAKS_SEVERITY,
    category: 'secret',
    location: {
      path,
      startLine,
      endLine: positiveInteger(leak['EndLine']),
      startColumn: positiveInteger(leak['StartColumn']),
      endColumn: positiveInteger(leak['EndColumn']),
    },
    identity: contentIdentity({
      rule: ruleId,
      path,
      snippet: maskSecret(match, leak['Secret']),
      line: startLine,
      scope: commit,
      secret: secretDigest(leak['Secret']),
    }),
    source: { file: context.file, tool: 'gitleaks', record: pointer },
    helpUri: shared.string(text(leak['Link'], 1000)),
    tags: tags.length > 0 ? shared.list(tags) : undefined,
  });
}

function fromLegacy(leak: Json, pointer: string, context: FindingReadContext, shared: Interner): FindingRecord {
  const ruleId = shared.string(text(leak['rule'], 200) ?? 'unknown-secret');
  const path = shared.string(normalisePath(text(leak['file'], 2000) ?? '', context.root));
  const line = positiveInteger(leak['lineNumber']);
  const commit = text(leak['commit'], 100);
  // v7 joins tags with ", ".
  const tags =
    typeof leak['tags'] === 'string'
      ? leak['tags']
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean)
      : [];
  const flagged = typeof leak['line'] === 'string' && leak['line'] !== '' ? leak['line'] : leak['offender'];
  return findingRecord({
    tool: 'gitleaks',
    ruleId,
    title: ruleId,
    description: commitNote(commit, text(leak['date'], 100)),
    severity: GITLEAKS_SEVERITY,
    category: 'secret',
    location: { path, startLine: line, endLine: line },
    identity: contentIdentity({
      rule: ruleId,
      path,
      snippet: maskSecret(flagged, leak['offender']),
      line,
      scope: commit,
      secret: secretDigest(leak['offender']),
    }),
    source: { file: context.file, tool: 'gitleaks', record: pointer },
    helpUri: text(leak['leakURL'], 1000),
    tags: tags.length > 0 ? tags : undefined,
  });
}

const streamPlan: ScanPlan = (path) => (path.length === 0 ? (element) => element : 'parse');

/** Streamed: each leak becomes its record as soon as it is parsed (a record needs nothing else from the file). */
function streamRead(context: FindingReadContext): StreamRead<ReadResult> {
  const shared = new Interner();
  const toStreamed: ElementMapper = (leak, index) =>
    isObject(leak) ? new StreamedLeak(recordOf(leak, `/${index}`, context, shared), isV8(leak)) : notAnObject(leak);
  return { plan: (path) => (path.length === 0 ? toStreamed : 'parse'), read: (skeleton) => read(skeleton, context) };
}

/** Gitleaks SARIF has no level; a secret is high, as in its JSON. */
function sarifSeverity(result: SarifObject): Severity | undefined {
  return isSarifLevel(result['level']) ? undefined : GITLEAKS_SEVERITY;
}

export const gitleaksReader: FindingReader = {
  name: 'gitleaks',
  format: 'Gitleaks JSON',
  detect,
  read,
  streaming: { plan: streamPlan, streamRead },
  sarif: { severity: sarifSeverity, category: 'secret' },
};
