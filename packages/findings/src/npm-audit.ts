// Reads npm audit JSON of npm 7 and later (`auditReportVersion: 2`, also wrapped in `audit` by `npm audit fix
// --dry-run --json`). npm keys it by package, and a package's `via` mixes advisories with the names of dependencies it
// is vulnerable through: a record is one advisory of the package it is about, with its own severity; packages that
// are vulnerable only through a dependency are named in that advisory's text (they are what a fix upgrades), not
// counted again. npm 6 reports (`advisories`) are another format.
import {
  Interner,
  InputError,
  isObject,
  jsonType,
  list,
  positiveInteger,
  text,
  type ScanPlan,
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

function read(doc: unknown, context: FindingReadContext): ReadResult {
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
  const shared = new Interner();
  const records: FindingRecord[] = [];
  for (const [name, entry] of Object.entries(vulnerabilities)) {
    if (!isObject(entry)) continue;
    const pointer = `${base}/vulnerabilities/${escapePointer(name)}`;
    list(entry['via']).forEach((via, i) => {
      if (isObject(via)) records.push(advisoryRecord(name, entry, via, `${pointer}/via/${i}`, context, shared));
    });
  }
  return { tools: ['npm-audit'], format: 'npm audit JSON (npm 7 or later)', records, suppressed: [], notes: [] };
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
  const dependents = list(entry['effects']).filter((e): e is string => typeof e === 'string');
  const range = text(via['range'], 300) ?? text(via['vulnerable_versions'], 300);
  const nodes = list(entry['nodes']).filter((n): n is string => typeof n === 'string');
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
        nodes.length > 0 &&
          `Installed at ${nodes.slice(0, 3).join(', ')}${nodes.length > 3 ? ` and ${nodes.length - 3} more` : ''}.`,
        dependents.length > 0 &&
          `Reached through ${dependents.slice(0, 5).join(', ')}${dependents.length > 5 ? ` and ${dependents.length - 5} more` : ''}.`,
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
  return `upgrade ${upgrade.name} to ${upgrade.version}${upgrade.major ? ' (a major version)' : ''}`;
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

export const npmAuditReader: FindingReader = {
  name: 'npm-audit',
  format: 'npm audit JSON',
  detect,
  read,
  streaming: { plan: streamPlan },
};
