// The JSON report: what was read from each file, every de-duplicated finding with its sources and status, what the
// baseline says is fixed, and which suppressions expired. Its schema is documented in README.md.
import { CHUNK_CHARS, needsEscaping } from '@actions-kit/reports';
import type { BaselineFinding } from './baseline.js';
import type { Finding, RecordSource } from './model.js';
import type { Counts, Policy, PolicyResult } from './policy.js';
import type { ReportFile } from './read-report-file.js';
import type { DroppedResults } from './sarif-writer.js';
import type { ExpiredSuppression, Suppression } from './suppressions.js';

export const REPORT_SCHEMA_VERSION = 1;

/** One input file: `raw` active records read before de-duplication, `suppressed` records the report itself suppressed. */
export interface ReportFileEntry {
  path: string;
  tool: string;
  format: string;
  raw: number;
  suppressed: number;
  /** Set when the file could not be read (with strict: false); the message names the problem. */
  error?: string;
  notes?: string[];
}

/**
 * A finding as the report lists it: identity, what and where, every source, and status. Descriptions stay in the
 * SARIF file (per rule), which keeps this report small enough to diff and to load as a baseline.
 */
export type ReportFinding = Pick<
  Finding,
  | 'fingerprint'
  | 'tool'
  | 'tools'
  | 'ruleId'
  | 'title'
  | 'severity'
  | 'category'
  | 'location'
  | 'helpUri'
  | 'status'
  | 'suppression'
> & {
  /** The vulnerable or licensed package: name, version and the version that fixes it. */
  package?: { name: string; version?: string; fixedVersion?: string; fix?: string };
  /** Present only when the finding merged records with other fingerprints (cross-tool secrets). */
  aliases?: string[];
  /** Every record that reported it, as "<file>#<JSON pointer of the record>". */
  sources: string[];
};

/** A source as the report writes it: the file and the JSON pointer of the record, like a URI fragment. */
function sourceReference(source: RecordSource): string {
  return `${source.file}#${source.record}`;
}

export function reportFinding(f: Finding): ReportFinding {
  return {
    fingerprint: f.fingerprint,
    aliases: f.aliases.length > 0 ? f.aliases : undefined,
    tool: f.tool,
    tools: f.tools,
    ruleId: f.ruleId,
    title: f.title,
    severity: f.severity,
    category: f.category,
    location: f.location,
    package: f.package && {
      name: f.package.name,
      version: f.package.version,
      fixedVersion: f.package.fixedVersion,
      fix: f.package.fix,
    },
    helpUri: f.helpUri,
    sources: f.sources.map(sourceReference),
    status: f.status,
    suppression: f.suppression,
  };
}

/**
 * JSON.stringify(reportFinding(f)), character for character, written directly when none of the finding's texts needs
 * escaping (nearly every finding): no object is made per finding to be walked again, and one test over the texts
 * joined replaces one per text (the report of 200,000 findings is ~90 MB of such lines). Any other finding is
 * projected and stringified. Keys in reportFinding's order; undefined members are left out, as JSON.stringify does.
 */
export function reportFindingJson(f: Finding): string {
  if (f.aliases.length > 0 || f.suppression !== undefined || needsEscaping(textsOf(f)))
    return JSON.stringify(reportFinding(f));
  const { location: l, package: p } = f;
  let text =
    `{"fingerprint":"${f.fingerprint}","tool":"${f.tool}","tools":${plainList(f.tools)},"ruleId":"${f.ruleId}"` +
    `,"title":"${f.title}","severity":"${f.severity}","category":"${f.category}","location":{"path":"${l.path}"`;
  if (l.startLine !== undefined) text += `,"startLine":${numberJson(l.startLine)}`;
  if (l.endLine !== undefined) text += `,"endLine":${numberJson(l.endLine)}`;
  if (l.startColumn !== undefined) text += `,"startColumn":${numberJson(l.startColumn)}`;
  if (l.endColumn !== undefined) text += `,"endColumn":${numberJson(l.endColumn)}`;
  text += '}';
  if (p) {
    text += `,"package":{"name":"${p.name}"`;
    if (p.version !== undefined) text += `,"version":"${p.version}"`;
    if (p.fixedVersion !== undefined) text += `,"fixedVersion":"${p.fixedVersion}"`;
    if (p.fix !== undefined) text += `,"fix":"${p.fix}"`;
    text += '}';
  }
  if (f.helpUri !== undefined) text += `,"helpUri":"${f.helpUri}"`;
  text += ',"sources":[';
  for (let i = 0; i < f.sources.length; i++) text += `${i > 0 ? ',' : ''}"${sourceReference(f.sources[i]!)}"`;
  return `${text}],"status":"${f.status}"}`;
}

/** Every text reportFindingJson writes as it is, joined (the enumerations severity, category and status aside). */
function textsOf(f: Finding): string {
  let texts = f.fingerprint + f.tool + f.ruleId + f.title + f.location.path + (f.helpUri ?? '');
  if (f.tools.length > 1 || f.tools[0] !== f.tool) texts += f.tools.join('');
  const p = f.package;
  if (p) texts += p.name + (p.version ?? '') + (p.fixedVersion ?? '') + (p.fix ?? '');
  for (const source of f.sources) texts += source.file + source.record;
  return texts;
}

/** A list of strings that need no escaping, as JSON. */
function plainList(values: readonly string[]): string {
  return values.length === 1 ? `["${values[0]!}"]` : `["${values.join('","')}"]`;
}

/** A number as JSON.stringify writes it (null when not finite). */
function numberJson(value: number): string {
  return Number.isFinite(value) ? String(value) : 'null';
}

/** The JSON report file, as written (and as read back as a baseline). */
export interface JsonReport {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  generatedAt: string;
  policy: Policy & { passed: boolean; summary: string };
  counts: Counts;
  files: ReportFileEntry[];
  findings: ReportFinding[];
  fixed: BaselineFinding[];
  suppressions: { expired: ExpiredSuppression[]; unused: Suppression[] };
  sarif: { dropped: DroppedResults[]; combinedTools: string[] };
}

/** The report in memory: the JSON report with the findings themselves, projected only when written. */
export type Report = Omit<JsonReport, 'findings'> & { findings: readonly Finding[] };

/** The file entry for a report that was read. */
export function fileEntry(file: ReportFile): ReportFileEntry {
  return {
    path: file.path,
    tool: file.tools.join(', ') || file.reader || 'unknown',
    format: file.format,
    raw: file.records.length,
    suppressed: file.suppressed.length,
    ...(file.notes.length > 0 && { notes: file.notes }),
  };
}

/** The file entry for a report that could not be read. */
export function failedFileEntry(path: string, error: string): ReportFileEntry {
  return { path, tool: 'unknown', format: 'unreadable', raw: 0, suppressed: 0, error };
}

export interface ReportParts {
  generatedAt: Date;
  policy: Policy;
  result: PolicyResult;
  counts: Counts;
  files: ReportFileEntry[];
  findings: readonly Finding[];
  fixed: readonly BaselineFinding[];
  expired: readonly ExpiredSuppression[];
  unused: readonly Suppression[];
  dropped?: readonly DroppedResults[];
  combinedTools?: readonly string[];
}

export function buildReport(parts: ReportParts): Report {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generatedAt: parts.generatedAt.toISOString(),
    policy: { ...parts.policy, passed: parts.result.passed, summary: parts.result.summary },
    counts: parts.counts,
    files: parts.files,
    findings: parts.findings,
    fixed: [...parts.fixed],
    suppressions: { expired: [...parts.expired], unused: [...parts.unused] },
    sarif: { dropped: [...(parts.dropped ?? [])], combinedTools: [...(parts.combinedTools ?? [])] },
  };
}

/**
 * The report as text, one finding per line inside the findings list (readable, diffable, and produced piece by
 * piece so a very large report never becomes one string).
 */
export function* serializeReport(report: Report): Generator<string> {
  const { findings, ...head } = report;
  const headText = JSON.stringify(head, null, 2);
  // Put "findings" where the schema lists it: after files.
  const [before, after] = splitAfterKey(headText, 'files');
  let chunk = `${before},\n  "findings": [`;
  for (let i = 0; i < findings.length; i++) {
    chunk += `${i > 0 ? ',' : ''}\n    ${reportFindingJson(findings[i]!)}`;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}${findings.length > 0 ? '\n  ' : ''}]${after}\n`;
}

/** Splits pretty-printed JSON right after the value of a top-level key. */
function splitAfterKey(json: string, key: string): [string, string] {
  const marker = `\n  ${JSON.stringify(key)}: `;
  const start = json.indexOf(marker);
  const next = json.indexOf('\n  "', start + marker.length);
  const end = next < 0 ? json.lastIndexOf('\n}') : json.lastIndexOf(',', next);
  return [json.slice(0, end), json.slice(end)];
}
