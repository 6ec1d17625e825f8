// Reads TruffleHog v3 JSON (`trufflehog <source> --json`): JSON Lines, one result per line, with its log lines
// skipped when stderr was redirected into the report. A verified secret (confirmed live) is high; an unverified one,
// or one whose check failed (VerificationError), is medium: a possible secret nobody has confirmed. The secret itself
// (Raw, RawV2) is never kept: only a digest of it, which lets another scanner's record of it join this one.
import { Interner, JsonLines, isObject, normalisePath, positiveInteger, text } from '@actions-kit/reports';
import type { FindingReadContext, FindingReader, ReadResult } from './finding-reader.js';
import { secretDigest } from './fingerprint.js';
import { contentIdentity, findingRecord, type FindingRecord, type Severity } from './model.js';

type Json = Record<string, unknown>;

/** A verified secret works: high, as every secret Gitleaks reports. */
const VERIFIED: Severity = 'high';
/** Unverified (or the check failed): it may be a test value or revoked, so below a confirmed one. */
const UNVERIFIED: Severity = 'medium';

function isResult(value: unknown): value is Json {
  return isObject(value) && isObject(value['SourceMetadata']) && 'DetectorName' in value;
}

function detect(doc: unknown): boolean {
  if (doc instanceof JsonLines) return doc.values.some(isResult);
  return isResult(doc);
}

function read(doc: unknown, context: FindingReadContext): ReadResult {
  const lines = doc instanceof JsonLines ? doc : new JsonLines([doc], [1]);
  const shared = new Interner();
  const records: FindingRecord[] = [];
  let other = 0;
  lines.values.forEach((value, i) => {
    if (isResult(value)) records.push(toRecord(value, `/${lines.lineNumbers[i]! - 1}`, context, shared));
    else if (!(isObject(value) && 'level' in value && 'msg' in value)) other++;
  });
  const verified = records.filter((r) => r.tags?.includes('verified')).length;
  const notes = [
    `TruffleHog: ${verified} of ${records.length} ${records.length === 1 ? 'secret' : 'secrets'} verified live`,
    ...(other > 0
      ? [
          `${other === 1 ? '1 line that is' : `${other} lines that are`} neither a TruffleHog result nor its log skipped`,
        ]
      : []),
  ];
  return { tools: ['trufflehog'], format: 'TruffleHog v3 JSON Lines', records, suppressed: [], notes };
}

/** Where the source says the secret is: the one key of SourceMetadata.Data names the source kind (Git, Filesystem…). */
function whereFound(result: Json): { kind: string; spot: Json } {
  const data = isObject(result['SourceMetadata']) ? result['SourceMetadata']['Data'] : undefined;
  if (!isObject(data)) return { kind: 'unknown', spot: {} };
  const kind = Object.keys(data)[0] ?? 'unknown';
  const spot = data[kind];
  return { kind, spot: isObject(spot) ? spot : {} };
}

function toRecord(r: Json, pointer: string, context: FindingReadContext, shared: Interner): FindingRecord {
  const { kind, spot } = whereFound(r);
  const detector = shared.string(text(r['DetectorName'], 200) ?? 'unknown');
  const rawPath = text(spot['file'], 2000) ?? text(spot['link'], 2000) ?? text(spot['image'], 500) ?? '';
  const path = shared.string(normalisePath(rawPath, context.root));
  const line = positiveInteger(spot['line']);
  const verified = r['Verified'] === true;
  const failed = !verified && typeof r['VerificationError'] === 'string' && r['VerificationError'] !== '';
  const state = verified ? 'verified' : failed ? 'verification-failed' : 'unverified';
  const secret = secretDigest(r['Raw']) ?? secretDigest(r['RawV2']);
  const commit = text(spot['commit'], 100);
  const redacted = text(r['Redacted'], 300);
  return findingRecord({
    tool: 'trufflehog',
    ruleId: detector,
    title: shared.string(`${detector} secret (${state.replace('-', ' ')})`),
    description:
      [
        text(r['DetectorDescription'], 1000),
        redacted && `Redacted: ${redacted}`,
        commit && `Committed in ${commit.slice(0, 12)}`,
        failed && `The verification failed: ${text(r['VerificationError'], 300)}`,
      ]
        .filter(Boolean)
        .join('\n') || undefined,
    severity: verified ? VERIFIED : UNVERIFIED,
    category: 'secret',
    location: { path, startLine: line, endLine: line },
    identity: contentIdentity({
      rule: detector,
      path,
      snippet: secret && `secret:${secret}`,
      line,
      scope: commit,
      secret,
    }),
    source: { file: context.file, tool: 'trufflehog', record: pointer },
    tags: shared.list([state, shared.string(kind.toLowerCase())]),
  });
}

export const trufflehogReader: FindingReader = {
  name: 'trufflehog',
  format: 'TruffleHog v3 JSON Lines',
  detect,
  read,
};
