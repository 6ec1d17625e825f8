// Reads trufflehog3 JSON (feeltheajf/truffleHog3, a Python tool apart from TruffleHog): 3.x records
// ({rule{id, message, severity}, path, line (a string), secret, context, commit…}) with their own severity, and 2.x
// rows (TruffleHog-v2-like: one per commit diff, `reason`, `stringsFound`, no line), which are high as every secret
// without a rating. The secret is masked in what is kept; only its digest joins other scanners' records of it.
import { Interner, isObject, list, listOfObjects, normalisePath, objectAt, text } from '@actions-kit/reports';
import type { FindingReadContext, FindingReader, ReadResult } from './finding-reader.js';
import { secretDigest } from './fingerprint.js';
import { maskSecret } from './gitleaks.js';
import { contentIdentity, findingRecord, type FindingRecord, type Severity } from './model.js';
import { severityWord } from './severity.js';

type Json = Record<string, unknown>;

function isCurrent(value: unknown): value is Json {
  return isObject(value) && isObject(value['rule']) && 'path' in value && 'secret' in value;
}

function isLegacy(value: unknown): value is Json {
  return isObject(value) && Array.isArray(value['stringsFound']) && 'reason' in value && 'path' in value;
}

function detect(doc: unknown): boolean {
  return Array.isArray(doc) && (isCurrent(doc[0]) || isLegacy(doc[0]));
}

function read(doc: unknown, context: FindingReadContext): ReadResult {
  const shared = new Interner();
  const rows = listOfObjects(doc, context.file, 'the document', 'trufflehog3 record');
  const records = rows.map((row, i) => {
    const value = objectAt(row, context.file, `/${i}`, 'trufflehog3 record');
    return isLegacy(value) ? fromLegacy(value, `/${i}`, context, shared) : fromCurrent(value, `/${i}`, context, shared);
  });
  const legacy = rows.length > 0 && isLegacy(rows[0]);
  return {
    tools: ['trufflehog3'],
    format: `trufflehog3 JSON (${legacy ? '2.x' : '3.x'})`,
    records,
    suppressed: [],
    notes: [],
  };
}

function fromCurrent(r: Json, pointer: string, context: FindingReadContext, shared: Interner): FindingRecord {
  const rule = isObject(r['rule']) ? r['rule'] : {};
  const ruleId = shared.string(text(rule['id'], 200) ?? 'unknown-secret');
  const path = shared.string(normalisePath(text(r['path'], 2000) ?? '', context.root));
  const lineText = typeof r['line'] === 'string' || typeof r['line'] === 'number' ? String(r['line']) : '';
  const line = /^\d+$/.test(lineText) && Number(lineText) > 0 ? Number(lineText) : undefined;
  const contextLines = isObject(r['context']) ? r['context'] : {};
  const commit = text(r['commit'], 100);
  const severity: Severity = severityWord(rule['severity']) ?? 'high';
  const id = text(r['id'], 100);
  return findingRecord({
    tool: 'trufflehog3',
    ruleId,
    title: shared.string(text(rule['message'], 300) ?? ruleId),
    description: commit ? `Committed in ${commit.slice(0, 12)}` : undefined,
    severity,
    category: 'secret',
    location: { path, startLine: line, endLine: line },
    // trufflehog3's `id` is derived from the match and stays the same across commits: the identity where there is
    // one; else the flagged line, masked, without NUL characters (serialized data).
    identity: contentIdentity({
      rule: ruleId,
      path,
      snippet: id ? undefined : maskSecret(withoutNul(contextLines[lineText]), r['secret']),
      toolFingerprint: id,
      line,
      scope: commit,
      secret: secretDigest(r['secret']),
    }),
    source: { file: context.file, tool: 'trufflehog3', record: pointer },
  });
}

function withoutNul(value: unknown): unknown {
  return typeof value === 'string' && value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
}

function fromLegacy(r: Json, pointer: string, context: FindingReadContext, shared: Interner): FindingRecord {
  const reason = shared.string(text(r['reason'], 200) ?? 'unknown-secret');
  const path = shared.string(normalisePath(text(r['path'], 2000) ?? '', context.root));
  const strings = list(r['stringsFound']).filter((s): s is string => typeof s === 'string');
  const commit = text(r['commitHash'], 100);
  return findingRecord({
    tool: 'trufflehog3',
    ruleId: reason,
    title: reason,
    description: [
      `${strings.length === 1 ? '1 string' : `${strings.length} strings`} found`,
      commit && `in commit ${commit.slice(0, 12)}${text(r['date'], 50) ? ` of ${text(r['date'], 50)}` : ''}`,
    ]
      .filter(Boolean)
      .join(' '),
    severity: 'high',
    category: 'secret',
    location: { path },
    // No lines in this shape: the strings found (hashed, never shown) tell the diffs of one file apart.
    identity: contentIdentity({ rule: reason, path, snippet: strings.join('\n'), scope: commit }),
    source: { file: context.file, tool: 'trufflehog3', record: pointer },
  });
}

export const trufflehog3Reader: FindingReader = {
  name: 'trufflehog3',
  format: 'trufflehog3 JSON',
  detect,
  read,
};
