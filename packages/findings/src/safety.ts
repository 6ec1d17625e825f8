// Reads Safety JSON: the `check --output json` report of Safety 2.x (what 3.x `check` still writes: `report_meta`,
// `vulnerabilities`) and the positional rows of Safety 1.x `--json` ([package, spec, version, advisory, id, …]).
// Safety rates only through CVSS v3 (with an API key); without one its records are info, tagged not rated. Its
// ignored vulnerabilities are listed apart and are reported as suppressed.
import { InputError, Interner, isObject, jsonType, list, listOfObjects, objectAt, text } from '@actions-kit/reports';
import type { FindingReadContext, FindingReader, ReadResult } from './finding-reader.js';
import type { FindingRecord, Severity } from './model.js';
import { fixFor, packageVulnerability } from './package-vulnerability.js';
import { severityWord } from './severity.js';

type Json = Record<string, unknown>;

function isRow(value: unknown): value is unknown[] {
  return Array.isArray(value) && value.length >= 5 && typeof value[0] === 'string' && typeof value[2] === 'string';
}

function detect(doc: unknown): boolean {
  if (Array.isArray(doc)) return isRow(doc[0]);
  return isObject(doc) && isObject(doc['report_meta']) && 'vulnerabilities' in doc;
}

function read(doc: unknown, context: FindingReadContext): ReadResult {
  const shared = new Interner();
  if (Array.isArray(doc)) {
    const records = doc.map((row, i) => fromRow(row, `/${i}`, context, shared));
    return { tools: ['safety'], format: 'Safety JSON (1.x rows)', records, suppressed: [], notes: [] };
  }
  const root = doc as Json;
  const meta = root['report_meta'] as Json;
  const read = (key: string) =>
    listOfObjects(root[key], context.file, `/${key}`, 'Safety vulnerability record').map((v, i) =>
      fromVulnerability(
        objectAt(v, context.file, `/${key}/${i}`, 'Safety vulnerability record'),
        `/${key}/${i}`,
        context,
        shared,
      ),
    );
  const version = text(meta['safety_version'], 50);
  return {
    tools: ['safety'],
    format: `Safety JSON${version ? ` (${version})` : ''}`,
    records: read('vulnerabilities'),
    suppressed: read('ignored_vulnerabilities'),
    notes: [],
  };
}

/** A 1.x row: [package, affected spec, installed version, advisory text, id, cvssv2?, cvssv3?]. */
function fromRow(row: unknown, pointer: string, context: FindingReadContext, shared: Interner): FindingRecord {
  if (!isRow(row)) {
    throw new InputError(
      context.file,
      `${pointer} is ${jsonType(row)}, where Safety 1.x writes a row [package, affected versions, installed ` +
        'version, advisory, id]. The report looks damaged: check that it is the JSON Safety wrote, unchanged.',
    );
  }
  const [name, spec, version, advisory, id] = row;
  const vulnerabilityId = typeof id === 'string' || typeof id === 'number' ? String(id) : 'unknown';
  return packageVulnerability(
    {
      tool: 'safety',
      id: vulnerabilityId,
      package: name as string,
      version: version as string,
      severity: undefined,
      description: [text(advisory), typeof spec === 'string' ? `Affected versions: ${spec}.` : undefined]
        .filter(Boolean)
        .join('\n\n'),
      aliases: cveIdsIn(advisory),
      pointer,
    },
    context,
    shared,
  );
}

function fromVulnerability(v: Json, pointer: string, context: FindingReadContext, shared: Interner): FindingRecord {
  const id = text(String(v['vulnerability_id'] ?? ''), 100) ?? 'unknown';
  const version = text(v['analyzed_version'], 200) ?? '';
  const cve = v['CVE'];
  const cveName = typeof cve === 'string' ? cve : isObject(cve) ? text(cve['name'], 100) : undefined;
  const spec = v['vulnerable_spec'];
  const specText = Array.isArray(spec) ? spec.filter((s) => typeof s === 'string').join(', ') : text(spec, 500);
  return packageVulnerability(
    {
      tool: 'safety',
      id,
      aliases: cveName ? [cveName] : cveIdsIn(v['advisory']),
      package: text(v['package_name'], 300) ?? 'unknown package',
      version,
      fixedVersion: fixFor(version, list(v['fixed_versions'])),
      severity: safetySeverity(v),
      description: [text(v['advisory']), specText && `Affected versions: ${specText}.`].filter(Boolean).join('\n\n'),
      helpUri: text(v['more_info_url'], 1000),
      pointer,
    },
    context,
    shared,
  );
}

/** CVSS v3 base_severity from `severity.cvssv3` (2.x with an API key) or `CVE.cvssv3` (older builds); else unrated. */
export function safetySeverity(v: Json): Severity | undefined {
  for (const holder of [v['severity'], v['CVE']]) {
    if (!isObject(holder) || !isObject(holder['cvssv3'])) continue;
    const word = severityWord(holder['cvssv3']['base_severity']);
    if (word) return word;
  }
  return undefined;
}

/** CVE ids named in an advisory's text (Safety 1.x has no CVE field): aliases that let other tools' records join. */
function cveIdsIn(advisory: unknown): string[] | undefined {
  if (typeof advisory !== 'string') return undefined;
  const ids = advisory.match(/CVE-\d{4}-\d{4,}/g);
  return ids ? [...new Set(ids)] : undefined;
}

export const safetyReader: FindingReader = {
  name: 'safety',
  format: 'Safety JSON',
  detect,
  read,
};
