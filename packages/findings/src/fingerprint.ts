// Fingerprints that survive tool upgrades and code moving: package findings by what is vulnerable, code, secret and
// misconfiguration findings by what the flagged line says (and which of its identical copies it is), not by its number.
import { createHash, hash as oneShotHash } from 'node:crypto';
import type { FindingRecord } from './model.js';

const SEPARATOR = '\u0000';

type ContentIdentity = Extract<FindingRecord['identity'], { kind: 'content' }>;

/** Hex SHA-256 of the parts, cut to 128 bits: ample for uniqueness, short enough to read in a report. */
export function digest(...parts: string[]): string {
  const input = parts.join(SEPARATOR);
  // crypto.hash (Node ≥ 20.12) is several times faster than createHash for many short inputs.
  const hex =
    typeof oneShotHash === 'function'
      ? oneShotHash('sha256', input, 'hex')
      : createHash('sha256').update(input).digest('hex');
  return hex.slice(0, 32);
}

/** Whitespace does not count (GitHub's primaryLocationLineHash ignores spaces and tabs too): re-indenting keeps it. */
export function normaliseSnippet(snippet: string): string {
  return snippet.replace(/\s+/g, '');
}

/** What a content finding is identified by: the flagged snippet, else the tool's own fingerprint, else the line and message. */
export function contentBasis(identity: ContentIdentity): string {
  if (identity.snippet !== undefined && normaliseSnippet(identity.snippet) !== '')
    return `snippet:${normaliseSnippet(identity.snippet)}`;
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
  const groups = new Map<string, { lines: Set<number>; members: number[]; basis: string }>();
  records.forEach((record, i) => {
    const identity = record.identity;
    if (identity.kind === 'package') {
      const ids = identity.ids.length === 1 ? identity.ids[0]! : [...identity.ids].sort().join(',');
      fingerprints[i] = digest('package', ids, identity.package, identity.version, identity.target);
      return;
    }
    const basis = contentBasis(identity);
    const key = [identity.rule, identity.path, basis, identity.scope ?? ''].join(SEPARATOR);
    let group = groups.get(key);
    if (!group) {
      group = { lines: new Set(), members: [], basis };
      groups.set(key, group);
    }
    group.lines.add(identity.line ?? 0);
    group.members.push(i);
  });
  for (const group of groups.values()) {
    const basis = digest(group.basis);
    const ranks =
      group.lines.size === 1
        ? undefined
        : new Map([...group.lines].sort((a, b) => a - b).map((line, rank) => [line, rank]));
    const byLine = new Map<number, string>();
    for (const i of group.members) {
      const identity = records[i]!.identity as ContentIdentity;
      const line = identity.line ?? 0;
      let fingerprint = byLine.get(line);
      if (fingerprint === undefined) {
        const occurrence = ranks?.get(line) ?? 0;
        fingerprint = digest('content', identity.rule, identity.path, basis, String(occurrence));
        byLine.set(line, fingerprint);
      }
      fingerprints[i] = fingerprint;
    }
  }
  return fingerprints;
}
