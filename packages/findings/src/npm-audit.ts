// Reads npm audit JSON of npm 7 and later (`auditReportVersion: 2`, also wrapped in `audit` by `npm audit fix
// --dry-run --json`). npm keys it by package, and a package's `via` mixes advisories with the names of dependencies it
// is vulnerable through: a record is one advisory of the package it is about, with its own severity; packages that
// are vulnerable only through a dependency are named in that advisory's text (they are what a fix upgrades), not
// counted again. npm 6 reports (`advisories`) are another format.
import {
  type ElementMapper,
  InputError,
  Interner,
  isObject,
  joined,
  jsonType,
  list,
  positiveInteger,
  type ScanPlan,
  type StreamRead,
  text,
} from '@actions-kit/reports';
import type { FindingReadContext, FindingReader, ReadResult } from './finding-reader.js';
import type { FindingRecord, Severity } from './model.js';
import { cweIds, packageVulnerability } from './package-vulnerability.js';
import { severityWord } from './severity.js';

type Json = Record<string, unknown>;

/** npm's words: critical, high, moderate, low, info. */
export function npmSeverity(value: unknown): Severity | undefined {
  if (typeof value !== 'string') return undefined;
  const word = value.toLowerCase();
  return word === 'moderate' ? 'medium' : word === 'info' ? 'info' : severityWord(word);
}

function auditOf(doc: unknown): Json | undefined {
  if (!isObject(doc)) return undefined;
  if (doc['auditReportVersion'] === 2) return doc;
  const wrapped = doc['audit'];
  return isObject(wrapped) && wrapped['auditReportVersion'] === 2 ? wrapped : undefined;
}

function detect(doc: unknown): boolean {
  return auditOf(doc) !== undefined;
}

/** A package's entry already turned into its records while streaming (see streamRead). */
class StreamedPackage {
  constructor(readonly records: FindingRecord[]) {}
}

function read(doc: unknown, context: FindingReadContext, shared = new Interner()): ReadResult {
  const audit = auditOf(doc)!;
  const base = audit === doc ? '' : '/audit';
  const vulnerabilities = audit['vulnerabilities'] ?? {};
  if (!isObject(vulnerabilities)) {
    throw new InputError(
      context.file,
      `${base}/vulnerabilities is ${jsonType(vulnerabilities)}, where npm audit writes an object keyed by package. ` +
        'The report looks damaged: check that it is the JSON npm audit wrote, unchanged.',
    );
  }
  const records: FindingRecord[] = [];
  for (const name of Object.keys(vulnerabilities)) {
    const entry = vulnerabilities[name];
    if (entry instanceof StreamedPackage) for (const record of entry.records) records.push(record);
    else if (isObject(entry)) packageRecords(name, entry, base, context, shared, records);
  }
  return { tools: ['npm-audit'], format: 'npm audit JSON (npm 7 or later)', records, suppressed: [], notes: [] };
}

/** The records of one package's entry (one per advisory in its `via`), pushed to `into`. */
function packageRecords(
  name: string,
  entry: Json,
  base: string,
  context: FindingReadContext,
  shared: Interner,
  into: FindingRecord[],
): FindingRecord[] {
  const via = list(entry['via']);
  // Each record's pointer is this and the index: one cons string on a flat prefix (see joined).
  const viaPointer = joined(base, '/vulnerabilities/', escapePointer(name), '/via/');
  for (let i = 0; i < via.length; i++) {
    const advisory = via[i];
    if (!isObject(advisory)) continue;
    const pointer = `${viaPointer}${i}`;
    into.push(advisoryRecord(name, entry, advisory, pointer, context, shared));
  }
  return into;
}

/** A JSON pointer segment (RFC 6901): '~' and '/' escaped, as scoped names (@vercel/node) have a '/'. */
function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

function advisoryRecord(
  name: string,
  entry: Json,
  via: Json,
  pointer: string,
  context: FindingReadContext,
  shared: Interner,
): FindingRecord {
  const url = text(via['url'], 1000);
  const ghsa = url && /\/(GHSA-[\w-]+)$/i.exec(url)?.[1];
  // Current npm: `source` is the advisory's number; early npm 7: `id`.
  const number = positiveInteger(via['source']) ?? positiveInteger(via['id']);
  const id = ghsa ?? (number !== undefined ? `npm-${number}` : 'unknown');
  const packageName = text(via['name'], 300) ?? name;
  const range = text(via['range'], 300) ?? text(via['vulnerable_versions'], 300);
  const fix = npmFix(entry['fixAvailable']);
  return packageVulnerability(
    {
      tool: 'npm-audit',
      id,
      aliases: ghsa && number !== undefined ? [`npm-${number}`] : undefined,
      package: packageName,
      version: '',
      ...fixOf(fix, packageName),
      severity: npmSeverity(via['severity']),
      title: text(via['title'], 300),
      description: [
        range && `Vulnerable versions: ${range}.`,
        someOf('Installed at', entry['nodes'], 3),
        someOf('Reached through', entry['effects'], 5),
        fixText(fix),
      ]
        .filter(Boolean)
        .join(' '),
      helpUri: url,
      cwes: cweIds(list(via['cwe'])),
      tags: entry['isDirect'] === true ? ['direct'] : undefined,
      pointer,
    },
    context,
    shared,
  );
}

/** "<lead> a, b, c and 2 more." for the first `shown` strings of a list; undefined when it holds none. */
function someOf(lead: string, values: unknown, shown: number): string | undefined {
  const names = list(values).filter((v): v is string => typeof v === 'string');
  if (names.length === 0) return undefined;
  const more = names.length > shown ? ` and ${names.length - shown} more` : '';
  return `${lead} ${names.slice(0, shown).join(', ')}${more}.`;
}

/** What `fixAvailable` says: `npm audit fix` (true), no fix (false), or a package to upgrade (often a parent). */
type NpmFix = boolean | { name: string; version: string; major: boolean } | undefined;

function npmFix(fix: unknown): NpmFix {
  if (typeof fix === 'boolean') return fix;
  if (!isObject(fix)) return undefined;
  const name = text(fix['name'], 300);
  const version = text(fix['version'], 100);
  return name && version ? { name, version, major: fix['isSemVerMajor'] === true } : undefined;
}

function upgradeText(upgrade: { name: string; version: string; major: boolean }): string {
  // Joined: the record keeps it (see joined).
  return joined('upgrade ', upgrade.name, ' to ', upgrade.version, upgrade.major ? ' (a major version)' : '');
}

/**
 * The fix in the model's terms: the version that fixes the package itself when npm names it, else how to fix it
 * (`npm audit fix`, or an upgrade of the parent that pulls it in); nothing when npm says there is none.
 */
function fixOf(fix: NpmFix, packageName: string): { fixedVersion?: string; fix?: string } {
  if (fix === true) return { fix: 'npm audit fix' };
  if (typeof fix !== 'object') return {};
  return fix.name === packageName ? { fixedVersion: fix.version } : { fix: upgradeText(fix) };
}

/** The fix as the finding's description says it. */
function fixText(fix: NpmFix): string | undefined {
  if (fix === true) return 'Fixed by npm audit fix.';
  if (fix === false) return 'No fix available.';
  return fix && `Fix: ${upgradeText(fix)}.`;
}

/** Large reports: each package's entry is parsed on its own, never the whole file as one string. */
const streamPlan: ScanPlan = (path) => {
  if (path.length === 0) return 'descend';
  const inAudit = path[0] === 'audit' ? 1 : 0;
  if (path.length === 1 + inAudit && path[inAudit] === 'vulnerabilities') return 'descend';
  if (inAudit === 1 && path.length === 1) return 'descend';
  return 'parse';
};

/**
 * A streamed read: each package's entry becomes its records as soon as it is parsed, so the parsed entries (with
 * every advisory's fields) are not all held until the end. The records depend on the entry alone, so nothing read
 * later can change them.
 */
function streamRead(context: FindingReadContext): StreamRead<ReadResult> {
  const shared = new Interner();
  const mapper =
    (base: string): ElementMapper =>
    (entry, _index, _path, _containers, key) =>
      key !== undefined && isObject(entry)
        ? new StreamedPackage(packageRecords(key, entry, base, context, shared, []))
        : entry;
  const top = mapper('');
  const wrapped = mapper('/audit');
  const plan: ScanPlan = (path) => {
    if (path.length === 1 && path[0] === 'vulnerabilities') return top;
    if (path.length === 2 && path[0] === 'audit' && path[1] === 'vulnerabilities') return wrapped;
    return streamPlan(path);
  };
  return { plan, read: (skeleton) => read(skeleton, context, shared) };
}

export const npmAuditReader: FindingReader = {
  name: 'npm-audit',
  format: 'npm audit JSON',
  detect,
  read: (doc, context) => read(doc, context),
  streaming: { plan: streamPlan, streamRead },
};
