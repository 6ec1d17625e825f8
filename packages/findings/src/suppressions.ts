// The ignore file: entries that suppress findings by id, rule or CVE (optionally under a path glob), each with a
// required reason and an optional expiry date after which it stops suppressing and is reported.
import type * as Yaml from 'yaml';
import { InputError, isObject } from '@actions-kit/reports';
import type { Finding } from './model.js';
import { GlobSyntaxError, compilePathGlob } from './path-glob.js';
import { canonicalCheckId } from './trivy.js';

export interface Suppression {
  /** 1-based position in the ignore file, for messages. */
  entry: number;
  /** A finding fingerprint (as in the JSON report). */
  id?: string;
  /** A rule id (Trivy check ids match in any spelling: DS002, AVD-DS-0002, DS-0002). */
  rule?: string;
  /** A vulnerability id (CVE-…, GHSA-…). */
  cve?: string;
  /** Glob on the finding's path; without it the entry applies everywhere. */
  path?: string;
  reason: string;
  /** YYYY-MM-DD: the last day the entry suppresses. */
  expires?: string;
}

export interface ExpiredSuppression {
  suppression: Suppression;
  /** Open findings the entry would still match (they are reported as open). */
  matches: number;
}

export interface SuppressionOutcome {
  /** Findings that are now suppressed. */
  suppressed: number;
  expired: ExpiredSuppression[];
  /** Current entries that matched no finding (candidates for removal). */
  unused: Suppression[];
}

const KEYS = ['id', 'rule', 'cve', 'path', 'reason', 'expires'];

/**
 * How many times the aliases (`*name`) of an ignore file may be expanded in all (the YAML library's own default,
 * set here so it does not change under us): a few nested aliases can otherwise expand to billions of values.
 */
const MAX_ALIAS_COUNT = 100;

/** Parses an ignore file's YAML text. An empty file is an empty list. */
export async function parseSuppressionsYaml(
  yamlText: string,
  file: string,
  warn: (message: string) => void = () => undefined,
): Promise<Suppression[]> {
  // Loaded on demand: most runs have no ignore file, and the YAML parser is the largest module a run would load.
  return parseSuppressionsWith(await import('yaml'), yamlText, file, warn);
}

/** What parseSuppressionsWith needs of the YAML library. */
export type YamlLibrary = Pick<
  typeof Yaml,
  'parse' | 'parseDocument' | 'isMap' | 'isScalar' | 'isSeq' | 'YAMLParseError'
>;

/**
 * parseSuppressionsYaml once the YAML library is loaded: synchronous, so the fuzz tier can hold it to a time budget.
 */
export function parseSuppressionsWith(
  yaml: YamlLibrary,
  yamlText: string,
  file: string,
  warn: (message: string) => void = () => undefined,
): Suppression[] {
  let doc: unknown;
  try {
    // logLevel 'error': the library's warnings would go to stderr with the file's text in them, which the runner
    // reads for workflow commands too; what is wrong with an entry is said by parseSuppressions instead.
    doc = yaml.parse(yamlText, { maxAliasCount: MAX_ALIAS_COUNT, logLevel: 'error' });
  } catch (error) {
    if (error instanceof yaml.YAMLParseError) {
      const where = error.linePos?.[0] ? ` at line ${error.linePos[0].line}, column ${error.linePos[0].col}` : '';
      throw new InputError(file, `not valid YAML${where}: ${error.message.split('\n')[0]}`);
    }
    // The library says what is wrong with aliases (too many, or one without its anchor) with a ReferenceError.
    if (error instanceof ReferenceError) throw aliasError(file, error);
    throw error;
  }
  const suppressions = parseSuppressions(doc, file);
  // Only a file with a '#' after a value can have lost text to a comment: the usual file is not parsed twice.
  if (/[ \t]#/.test(yamlText)) reasonsCutByComments(yaml, yamlText, file).forEach(warn);
  return suppressions;
}

/**
 * A warning for each reason written as a plain (unquoted) value with a comment after it on its last line: YAML
 * ends a plain value at ' #', so 'reason: not reachable (see #482)' keeps 'not reachable (see' and drops the rest
 * as a comment. Valid YAML, and the comment may be meant, so the entry still applies; the warning names the file,
 * the line and the reason as it was kept, and says to quote it.
 */
export function reasonsCutByComments(yaml: YamlLibrary, yamlText: string, file: string): string[] {
  const entries = yaml.parseDocument(yamlText, { logLevel: 'error' }).contents;
  if (!yaml.isSeq(entries)) return [];
  return entries.items.flatMap((entry, index) => {
    const reason = yaml.isMap(entry)
      ? entry.items.find((pair) => yaml.isScalar(pair.key) && pair.key.value === 'reason')
      : undefined;
    const value = reason?.value;
    if (!yaml.isScalar(value) || value.type !== 'PLAIN' || value.range === undefined) return [];
    const end = value.range[1];
    const lineEnd = yamlText.indexOf('\n', end);
    const rest = yamlText.slice(end, lineEnd < 0 ? undefined : lineEnd);
    const comment = /^[ \t]+(#.*?)\r?$/.exec(rest)?.[1];
    if (comment === undefined) return [];
    const line = yamlText.slice(0, end).split('\n').length;
    return [
      `${file}: line ${line}: entry ${index + 1}'s reason was read as '${String(value.value)}': YAML ends an unquoted ` +
        `value at ' #' and takes '${comment}' as a comment. If it is part of the reason, quote the reason: ` +
        `reason: "${String(value.value)} ${comment}"`,
    ];
  });
}

function aliasError(file: string, error: ReferenceError): InputError {
  if (/alias count/i.test(error.message)) {
    return new InputError(
      file,
      `the YAML uses aliases (*name) more than ${MAX_ALIAS_COUNT} times once expanded, which is refused as it could ` +
        'expand to billions of values. An ignore file needs no aliases: write each entry out.',
    );
  }
  return new InputError(file, `not valid YAML: ${error.message.split('\n')[0]}`);
}

/** Validates a parsed ignore file: a list of entries (or null for an empty file). */
function parseSuppressions(doc: unknown, file: string): Suppression[] {
  if (doc === null || doc === undefined) return [];
  if (!Array.isArray(doc)) {
    throw new InputError(
      file,
      `expected a YAML list of entries ("- rule: ...\\n  reason: ..."), found ${describe(doc)}.`,
    );
  }
  return doc.map((raw, i) => parseEntry(raw, i + 1, file));
}

function parseEntry(raw: unknown, entry: number, file: string): Suppression {
  const fail = (problem: string) => new InputError(file, `entry ${entry}: ${problem}`);
  if (!isObject(raw)) throw fail(`expected a mapping with id, rule or cve and a reason, found ${describe(raw)}.`);
  const unknown = Object.keys(raw).filter((k) => !KEYS.includes(k));
  if (unknown.length > 0)
    throw fail(`unknown key ${unknown.map((k) => `'${k}'`).join(', ')}; allowed keys: ${KEYS.join(', ')}.`);
  const field = (key: string): string | undefined => {
    const value = raw[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number') return String(value);
    if (typeof value !== 'string' || value.trim() === '')
      throw fail(`'${key}' must be a non-empty string, found ${describe(value)}.`);
    return value.trim();
  };
  const id = field('id');
  const rule = field('rule');
  const cve = field('cve');
  const path = field('path');
  if (path) refuseBadGlob(path, fail);
  if (!id && !rule && !cve)
    throw fail(`give at least one of 'id' (a finding fingerprint), 'rule' or 'cve' to say what it suppresses.`);
  const reason = field('reason');
  if (!reason) throw fail(`'reason' is required: say why this is accepted, so the next reader knows.`);
  const expires = parseExpiry(raw['expires'], fail);
  return {
    entry,
    ...(id && { id }),
    ...(rule && { rule }),
    ...(cve && { cve }),
    ...(path && { path }),
    reason,
    ...(expires && { expires }),
  };
}

/** A `path` glob is checked when the file is read, so a mistake names its entry before any finding is matched. */
function refuseBadGlob(glob: string, fail: (problem: string) => Error): void {
  try {
    compilePathGlob(glob);
  } catch (error) {
    if (error instanceof GlobSyntaxError) throw fail(`'path' ${JSON.stringify(glob)}: ${error.message}.`);
    throw error;
  }
}

function parseExpiry(value: unknown, fail: (problem: string) => Error): string | undefined {
  if (value === undefined || value === null) return undefined;
  // A YAML 1.1 parser would hand over a Date; the core schema keeps the string.
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'string' ? value.trim() : '';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00Z`) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
    throw fail(`'expires' must be a date written YYYY-MM-DD (e.g. 2030-01-31), found ${describe(value)}.`);
  }
  return text;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)?.slice(0, 60)}`;
}

/** True when the entry's last day is before `today` (compared as UTC dates). */
function isExpired(suppression: Suppression, today: Date): boolean {
  return suppression.expires !== undefined && suppression.expires < today.toISOString().slice(0, 10);
}

function sameRule(finding: Finding, rule: string): boolean {
  if (finding.ruleId.toLowerCase() === rule.toLowerCase()) return true;
  return finding.category === 'misconfiguration' && canonicalCheckId(rule) === finding.ruleId;
}

/** A matcher for one entry: every criterion it gives must hold. */
function matcher(suppression: Suppression): (finding: Finding) => boolean {
  const inPath = suppression.path ? compilePathGlob(suppression.path) : undefined;
  return (finding) =>
    (suppression.id === undefined ||
      finding.fingerprint === suppression.id ||
      finding.aliases.includes(suppression.id)) &&
    (suppression.rule === undefined || sameRule(finding, suppression.rule)) &&
    (suppression.cve === undefined || finding.ruleId.toLowerCase() === suppression.cve.toLowerCase()) &&
    (inPath === undefined || inPath(finding.location.path));
}

/**
 * Marks findings matched by a current entry as suppressed (the first matching entry is recorded). Expired entries
 * suppress nothing and are returned with the number of findings they would match.
 */
export function applySuppressions(
  findings: Finding[],
  suppressions: readonly Suppression[],
  today: Date,
): SuppressionOutcome {
  const current = suppressions
    .filter((s) => !isExpired(s, today))
    .map((s) => ({ suppression: s, matches: matcher(s), used: false }));
  let suppressed = 0;
  for (const finding of findings) {
    const hit = current.find((c) => c.matches(finding));
    if (!hit) continue;
    hit.used = true;
    finding.status = 'suppressed';
    finding.suppression = {
      entry: hit.suppression.entry,
      reason: hit.suppression.reason,
      ...(hit.suppression.expires && { expires: hit.suppression.expires }),
    };
    suppressed++;
  }
  const expired = suppressions
    .filter((s) => isExpired(s, today))
    .map((suppression) => {
      const matches = matcher(suppression);
      return { suppression, matches: findings.filter((f) => f.status !== 'suppressed' && matches(f)).length };
    });
  return { suppressed, expired, unused: current.filter((c) => !c.used).map((c) => c.suppression) };
}
