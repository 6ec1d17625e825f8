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
  return sha256Hex(input).slice(0, 32);
}

const WHITESPACE = /\s+/g;
const HAS_WHITESPACE = /\s/;

/** Whitespace does not count (GitHub's primaryLocationLineHash ignores spaces and tabs too): re-indenting keeps it. */
export function normaliseSnippet(snippet: string): string {
  return HAS_WHITESPACE.test(snippet) ? snippet.replace(WHITESPACE, '') : snippet;
}

/** What a content finding is identified by: the flagged snippet, else the tool's own fingerprint, else the line and message. */
export function contentBasis(identity: ContentIdentity): string {
  if (identity.snippet !== undefined) {
    const snippet = normaliseSnippet(identity.snippet);
    if (snippet !== '') return `snippet:${snippet}`;
  }
  if (identity.toolFingerprint !== undefined && identity.toolFingerprint !== '')
    return `tool:${identity.toolFingerprint}`;
  return `line:${identity.line ?? 0}:${identity.detail ?? ''}`;
}

/** The records of one rule, path, basis and scope: identical lines are told apart by their rank among the lines. */
interface ContentGroup {
  basis: string;
  /** Index of the first member's record; the others (rarely any) follow. */
  first: number;
  others: number[] | undefined;
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
  const groups = new Map<string, ContentGroup>();
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
    const key = `${identity.rule ?? ''}${SEPARATOR}${identity.path ?? ''}${SEPARATOR}${basis}${SEPARATOR}${identity.scope ?? ''}`;
    const group = groups.get(key);
    if (group) (group.others ??= []).push(i);
    else groups.set(key, { basis, first: i, others: undefined });
  }
  // Many groups share a basis (the same masked secret or flagged line in many files): each is hashed once.
  const basisDigests = new Map<string, string>();
  for (const group of groups.values()) {
    let basis = basisDigests.get(group.basis);
    if (basis === undefined) {
      basis = digestOf(group.basis);
      basisDigests.set(group.basis, basis);
    }
    const { rule, path } = records[group.first]!.identity as ContentIdentity;
    const prefix = `content${SEPARATOR}${rule ?? ''}${SEPARATOR}${path ?? ''}${SEPARATOR}${basis}${SEPARATOR}`;
    if (group.others === undefined) {
      // One record (the common case): it is the first occurrence.
      fingerprints[group.first] = digestOf(`${prefix}0`);
      continue;
    }
    const members = [group.first, ...group.others];
    const lineOf = (i: number) => (records[i]!.identity as ContentIdentity).line ?? 0;
    const lines = [...new Set(members.map(lineOf))].sort((a, b) => a - b);
    const ranks = new Map(lines.map((line, rank) => [line, rank]));
    const byLine = new Map<number, string>();
    for (const i of members) {
      const line = lineOf(i);
      let fingerprint = byLine.get(line);
      if (fingerprint === undefined) {
        fingerprint = digestOf(`${prefix}${ranks.get(line)!}`);
        byLine.set(line, fingerprint);
      }
      fingerprints[i] = fingerprint;
    }
  }
  return fingerprints;
}
