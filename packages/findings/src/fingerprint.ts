// Fingerprints that survive tool upgrades and code moving: package findings by what is vulnerable, code, secret and
// misconfiguration findings by what the flagged line says (and which of its identical copies it is), not by its number.
import { createHash, hash as oneShotHash } from 'node:crypto';
import type { FindingRecord } from './model.js';

const SEPARATOR = '\u0000';

type ContentIdentity = Extract<FindingRecord['identity'], { kind: 'content' }>;

/** Hex SHA-256 of the parts, cut to 128 bits: ample for uniqueness, short enough to read in a report. */
export function digest(...parts: string[]): string {
  return digestOf(parts.join(SEPARATOR));
}

// crypto.hash (Node ≥ 20.12) is several times faster than createHash for many short inputs.
const sha256Hex =
  typeof oneShotHash === 'function'
    ? (input: string) => oneShotHash('sha256', input, 'hex')
    : (input: string) => createHash('sha256').update(input).digest('hex');

/** digest() of text already joined with the separator. */
function digestOf(input: string): string {
  return firstHalf(sha256Hex(input));
}

/**
 * The first 32 digits of a 64-digit digest, as a string of their own. V8 keeps a cut of 13 characters or more as a
 * reference to the whole (a digest kept in a record or a finding would hold 64 digits and a reference); cuts under
 * 13 characters are copies, and joining them makes one new string. Made at once, so the whole dies young.
 */
function firstHalf(hex: string): string {
  return [hex.slice(0, 8), hex.slice(8, 16), hex.slice(16, 24), hex.slice(24, 32)].join('');
}

/**
 * The digest of a secret as a scanner found it (never the secret): what two scanners' records of one secret have in
 * common. Undefined for what is not a secret: too short, or Gitleaks' `--redact` placeholder.
 */
export function secretDigest(secret: unknown): string | undefined {
  return typeof secret === 'string' && secret.length >= 4 && secret !== 'REDACTED'
    ? digest('secret', secret)
    : undefined;
}

const WHITESPACE = /\s+/g;
const HAS_WHITESPACE = /\s/;

/** Whitespace does not count (GitHub's primaryLocationLineHash ignores spaces and tabs too): re-indenting keeps it. */
function normaliseSnippet(snippet: string): string {
  return HAS_WHITESPACE.test(snippet) ? snippet.replace(WHITESPACE, '') : snippet;
}

/** What a content finding is identified by: the flagged snippet, else the tool's own fingerprint, else the line and message. */
function contentBasis(identity: ContentIdentity): string {
  if (identity.snippet !== undefined) {
    const snippet = normaliseSnippet(identity.snippet);
    if (snippet !== '') return `snippet:${snippet}`;
  }
  if (identity.toolFingerprint !== undefined && identity.toolFingerprint !== '')
    return `tool:${identity.toolFingerprint}`;
  return `line:${identity.line ?? 0}:${identity.detail ?? ''}`;
}

/**
 * Fingerprints of a batch of records (all reports of one run together, so identical lines are counted across
 * them). Package records: digest(ids, package, version, target). Content records: digest(rule, path, basis,
 * occurrence), where occurrence is the rank of the record's line among the distinct lines with the same rule,
 * path and basis (per scope, e.g. per git commit): two identical lines stay two findings, a line that moves keeps
 * its fingerprint, and the same record twice is one.
 */
export function fingerprintRecords(records: readonly FindingRecord[]): string[] {
  const fingerprints = new Array<string>(records.length);
  // Records are grouped by their first-occurrence fingerprint (and scope): a short key that stands for rule, path
  // and basis together, and is the answer already for a group of one, the common case. A group is the index of its
  // first record; the few groups with more members also list them all in `shared`.
  const firstOf = new Map<string, number>();
  const shared = new Map<string, number[]>();
  // Many records share a basis (the same masked secret or flagged line in many files): each is hashed once.
  const basisDigests = new Map<string, string>();
  for (let i = 0; i < records.length; i++) {
    const identity = records[i]!.identity;
    if (identity.kind === 'package') {
      const ids = identity.ids.length === 1 ? identity.ids[0]! : [...identity.ids].sort().join(',');
      // `?? ''` as Array.join does, which digest() uses: the same text, so the same fingerprint.
      fingerprints[i] = digestOf(
        `package${SEPARATOR}${ids ?? ''}${SEPARATOR}${identity.package ?? ''}${SEPARATOR}${identity.version ?? ''}${SEPARATOR}${identity.target ?? ''}`,
      );
      continue;
    }
    const basis = contentBasis(identity);
    let basisDigest = basisDigests.get(basis);
    if (basisDigest === undefined) {
      basisDigest = digestOf(basis);
      basisDigests.set(basis, basisDigest);
    }
    const first = digestOf(`${contentPrefix(identity, basisDigest)}0`);
    fingerprints[i] = first;
    const key = identity.scope === undefined ? first : `${first}${SEPARATOR}${identity.scope}`;
    const firstIndex = firstOf.get(key);
    if (firstIndex === undefined) firstOf.set(key, i);
    else {
      const members = shared.get(key);
      if (members) members.push(i);
      else shared.set(key, [firstIndex, i]);
    }
  }
  for (const members of shared.values()) rankIdenticalLines(members, records, fingerprints);
  return fingerprints;
}

/** What a content fingerprint hashes before the occurrence index. */
function contentPrefix(identity: ContentIdentity, basisDigest: string): string {
  return `content${SEPARATOR}${identity.rule ?? ''}${SEPARATOR}${identity.path ?? ''}${SEPARATOR}${basisDigest}${SEPARATOR}`;
}

/**
 * The fingerprints of a group of several records (`members`, record indexes in order): one per distinct line, by
 * the line's rank in the group.
 */
function rankIdenticalLines(
  members: readonly number[],
  records: readonly FindingRecord[],
  fingerprints: string[],
): void {
  const identity = records[members[0]!]!.identity as ContentIdentity;
  const prefix = contentPrefix(identity, digestOf(contentBasis(identity)));
  // Every member has the first occurrence's fingerprint so far; the loop below overwrites them.
  const firstOccurrence = fingerprints[members[0]!]!;
  const lineOf = (i: number) => (records[i]!.identity as ContentIdentity).line ?? 0;
  const lines = [...new Set(members.map(lineOf))].sort((a, b) => a - b);
  const ranks = new Map(lines.map((line, rank) => [line, rank]));
  const byLine = new Map<number, string>();
  for (const i of members) {
    const line = lineOf(i);
    let fingerprint = byLine.get(line);
    if (fingerprint === undefined) {
      const rank = ranks.get(line)!;
      fingerprint = rank === 0 ? firstOccurrence : digestOf(`${prefix}${rank}`);
      byLine.set(line, fingerprint);
    }
    fingerprints[i] = fingerprint;
  }
}
