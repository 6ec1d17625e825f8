// Reads OSV-Scanner JSON (`osv-scanner --format json`): per source (lockfile, SBOM, git directory) and package, the
// OSV records of its vulnerabilities, where one vulnerability is often listed under each of its aliases (GHSA and
// PYSEC/RUSTSEC/GO and CVE). A record here is one group (`groups[].ids`: the records that are one vulnerability) of
// one package in one source; a record in no group stands for itself. Its severity is osv-scanner's own
// `max_severity` (the highest CVSS base score of the group), computed from the vectors when an older release did not
// write it, else the GHSA word, else not rated.
import { Interner, isObject, list, listOfObjects, normalisePath, objectAt, text } from '@actions-kit/reports';
import { cvssBaseScore } from './cvss.js';
import type { FindingReadContext, FindingReader, ReadResult } from './finding-reader.js';
import type { FindingRecord, Severity } from './model.js';
import { cweIds, fixFor, packageVulnerability } from './package-vulnerability.js';
import { cvssSeverity, severityWord } from './severity.js';

type Json = Record<string, unknown>;

function isSourceResult(value: unknown): boolean {
  return isObject(value) && isObject(value['source']) && Array.isArray(value['packages']);
}

function detect(doc: unknown): boolean {
  if (!isObject(doc) || !Array.isArray(doc['results'])) return false;
  const first: unknown = doc['results'][0];
  return first === undefined ? 'experimental_config' in doc : isSourceResult(first);
}

function read(doc: unknown, context: FindingReadContext): ReadResult {
  const root = doc as Json;
  const shared = new Interner();
  const records: FindingRecord[] = [];
  listOfObjects(root['results'], context.file, '/results', 'OSV-Scanner result').forEach((r, s) => {
    const result = objectAt(r, context.file, `/results/${s}`, 'OSV-Scanner result');
    const source = isObject(result['source']) ? result['source'] : {};
    const sourcePath = normalisePath(text(source['path'], 2000) ?? '', context.root);
    const packages = listOfObjects(result['packages'], context.file, `/results/${s}/packages`, 'OSV-Scanner package');
    packages.forEach((p, i) => {
      const pointer = `/results/${s}/packages/${i}`;
      const entry = objectAt(p, context.file, pointer, 'OSV-Scanner package');
      records.push(...packageRecords(entry, pointer, sourcePath, context, shared));
    });
  });
  return { tools: ['osv-scanner'], format: 'OSV-Scanner JSON', records, suppressed: [], notes: [] };
}

function packageRecords(
  entry: Json,
  pointer: string,
  sourcePath: string,
  context: FindingReadContext,
  shared: Interner,
): FindingRecord[] {
  const pkg = isObject(entry['package']) ? entry['package'] : {};
  const commit = text(pkg['commit'], 100);
  // A git source's "package" is the repository at a commit, with no name or version.
  const name = text(pkg['name'], 300) ?? (commit ? sourcePath || 'git repository' : 'unknown package');
  const version = text(pkg['version'], 200) ?? commit ?? '';
  const ecosystem = text(pkg['ecosystem'], 100);
  const vulnerabilities = listOfObjects(
    entry['vulnerabilities'],
    context.file,
    `${pointer}/vulnerabilities`,
    'OSV record',
  ).map((v, i) => objectAt(v, context.file, `${pointer}/vulnerabilities/${i}`, 'OSV record'));
  const byId = new Map(vulnerabilities.map((v, i) => [text(v['id'], 200) ?? `#${i}`, { record: v, index: i }]));
  const grouped = new Set<string>();
  const groups = list(entry['groups'])
    .filter(isObject)
    .map((g) => {
      const ids = list(g['ids']).filter((id): id is string => typeof id === 'string' && byId.has(id));
      for (const id of ids) grouped.add(id);
      return { ids, aliases: list(g['aliases']), maxSeverity: g['max_severity'] };
    })
    .filter((g) => g.ids.length > 0);
  for (const id of byId.keys()) if (!grouped.has(id)) groups.push({ ids: [id], aliases: [], maxSeverity: undefined });

  return groups.map((group) => {
    const members = group.ids.map((id) => byId.get(id)!);
    // The GHSA record names the vulnerability where there is one (it carries the summary and the word severity).
    const lead = members.find((m) => /^GHSA-/i.test(text(m.record['id'], 200) ?? '')) ?? members[0]!;
    const id = text(lead.record['id'], 200) ?? 'unknown';
    const aliases = [
      ...group.ids,
      ...group.aliases.filter((a): a is string => typeof a === 'string'),
      ...members.flatMap((m) => list(m.record['aliases']).filter((a): a is string => typeof a === 'string')),
    ];
    const fixes = members.flatMap((m) => fixedVersions(m.record, name, ecosystem));
    return packageVulnerability(
      {
        tool: 'osv-scanner',
        id,
        aliases,
        package: name,
        version,
        fixedVersion: fixFor(version, [...new Set(fixes)]),
        severity: groupSeverity(
          group.maxSeverity,
          members.map((m) => m.record),
        ),
        title: text(lead.record['summary'], 300),
        description: text(lead.record['details']),
        helpUri: `https://osv.dev/vulnerability/${encodeURIComponent(id)}`,
        cwes: cweIds(members.flatMap((m) => recordCwes(m.record))),
        target: sourcePath,
        tags: ecosystem ? [ecosystem] : undefined,
        pointer: `${pointer}/vulnerabilities/${lead.index}`,
      },
      context,
      shared,
    );
  });
}

/**
 * A group's severity: `max_severity` (a score; "" when no record has one), else the highest CVSS base score of its
 * records' vectors, else the GHSA word of its records (LOW, MODERATE, HIGH, CRITICAL), else undefined (not rated).
 */
export function groupSeverity(maxSeverity: unknown, records: readonly Json[]): Severity | undefined {
  if (typeof maxSeverity === 'string' && maxSeverity.trim() !== '') {
    const fromMax = cvssSeverity(Number(maxSeverity), 3);
    if (fromMax) return fromMax;
  }
  let best: { score: number; version: 2 | 3 } | undefined;
  for (const record of records) {
    for (const severity of list(record['severity'])) {
      if (!isObject(severity) || typeof severity['score'] !== 'string') continue;
      const scored = cvssBaseScore(severity['score']);
      if (scored && (best === undefined || scored.score > best.score)) best = scored;
    }
  }
  const fromScore = best && cvssSeverity(best.score, best.version);
  if (fromScore) return fromScore;
  for (const record of records) {
    const specific = isObject(record['database_specific']) ? record['database_specific'] : {};
    const word = specific['severity'];
    const severity = word === 'MODERATE' ? 'medium' : severityWord(word);
    if (severity) return severity;
  }
  return undefined;
}

/** The `fixed` events of the record's ranges for this package (several ranges: one fix per release line). */
function fixedVersions(record: Json, name: string, ecosystem: string | undefined): string[] {
  const fixes: string[] = [];
  for (const affected of list(record['affected'])) {
    if (!isObject(affected)) continue;
    const pkg = isObject(affected['package']) ? affected['package'] : {};
    if (pkg['name'] !== undefined && pkg['name'] !== name) continue;
    if (ecosystem && pkg['ecosystem'] !== undefined && pkg['ecosystem'] !== ecosystem) continue;
    for (const range of list(affected['ranges'])) {
      if (!isObject(range) || range['type'] === 'GIT') continue;
      for (const event of list(range['events'])) {
        if (isObject(event) && typeof event['fixed'] === 'string') fixes.push(event['fixed']);
      }
    }
  }
  return fixes;
}

/** CWE ids of a record: `database_specific.cwe_ids` (GHSA), or the affected entries' `cwes[].cweId` (MAL-…). */
function recordCwes(record: Json): unknown[] {
  const specific = isObject(record['database_specific']) ? record['database_specific'] : {};
  const affectedCwes = list(record['affected']).flatMap((a) =>
    isObject(a) && isObject(a['database_specific'])
      ? list(a['database_specific']['cwes']).map((c) => (isObject(c) ? c['cweId'] : undefined))
      : [],
  );
  return [...list(specific['cwe_ids']), ...affectedCwes];
}

export const osvScannerReader: FindingReader = {
  name: 'osv-scanner',
  format: 'OSV-Scanner JSON',
  detect,
  read,
};
