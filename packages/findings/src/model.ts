// The one finding model: what every reader produces and every writer, policy and summary consumes.

/** One severity scale for every tool, most severe first. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** What kind of problem a finding is; decides how it is fingerprinted and where it points. */
export type Category = 'vulnerability' | 'license' | 'misconfiguration' | 'secret' | 'code';

/** Where a finding is. `path` is repository-relative when the tool gave one; lines and columns are 1-based. */
export interface Location {
  path: string;
  startLine?: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
}

export interface PackageInfo {
  name: string;
  version?: string;
  fixedVersion?: string;
  /**
   * How to fix it when the tool names no fixed version of the package itself but does say a fix exists (npm audit:
   * "npm audit fix", or "upgrade <parent> to <version>"). Neither this nor fixedVersion: no fix is known.
   */
  fix?: string;
  purl?: string;
}

/**
 * What a record's fingerprint is computed from (see fingerprint.ts):
 * - package: the vulnerability/licence ids, package, version and the target (manifest, image, k8s workload);
 *   `aliases` (the other ids of the same vulnerability: CVE, GHSA, PYSEC, …) are not hashed, as databases add them
 *   over time, but let de-duplication join the records of two tools that name one vulnerability differently;
 * - content: rule, path and the flagged content (`snippet`), else the tool's own fingerprint, else the line
 *   together with `detail` (the message, which tells apart different problems a tool reports on one line);
 *   `scope` (e.g. a git commit) separates files that are different snapshots when counting identical lines;
 *   `secret` (a digest of the secret a secret scanner found, never the secret) is not hashed either: it lets
 *   de-duplication join two secret scanners' records of one secret where they disagree about the line.
 */
export type Identity =
  | { kind: 'package'; ids: string[]; package: string; version: string; target: string; aliases?: string[] }
  | {
      kind: 'content';
      rule: string;
      path: string;
      snippet?: string;
      toolFingerprint?: string;
      line?: number;
      detail?: string;
      scope?: string;
      secret?: string;
    };

/** The file and the record in it (a JSON pointer) that produced a finding. */
export interface RecordSource {
  file: string;
  tool: string;
  record: string;
}

/** One active finding record as read from one report, before de-duplication. */
export interface FindingRecord {
  /** The scanner that produced it, lower case ('trivy', 'bandit', 'gitleaks', a SARIF driver name). */
  tool: string;
  ruleId: string;
  title: string;
  /** Longer text (the tool's description or message); bounded in length. */
  description?: string;
  severity: Severity;
  category: Category;
  location: Location;
  package?: PackageInfo;
  identity: Identity;
  source: RecordSource;
  helpUri?: string;
  cwes?: string[];
  tags?: string[];
}

/** Status of a de-duplicated finding: open (new or existing relative to the baseline) or suppressed. */
export type FindingStatus = 'new' | 'existing' | 'suppressed';

/** Why a finding is suppressed: the ignore-file entry that matched. */
export interface AppliedSuppression {
  /** 1-based position of the entry in the ignore file. */
  entry: number;
  reason: string;
  expires?: string;
}

/**
 * A de-duplicated finding: one problem, with every record that reported it. It keeps what its first record says
 * (tool, rule, texts, location, package) except how the record was identified and where it came from, which
 * become its fingerprint and its sources.
 */
export interface Finding extends Omit<FindingRecord, 'identity' | 'source'> {
  fingerprint: string;
  /** Fingerprints of records merged into this finding that differ from `fingerprint` (cross-tool secrets). */
  aliases: string[];
  /** Every tool that reported it; `tool` is the first record's. */
  tools: string[];
  /** The highest severity among the records. */
  severity: Severity;
  sources: RecordSource[];
  status: FindingStatus;
  suppression?: AppliedSuppression;
}

// Builders with every field present, in one order: records and findings then share one hidden class each, which
// keeps property access and JSON.stringify fast when there are 100,000 of them. Absent values are undefined, which
// JSON output leaves out.

export function location(l: Location): Location {
  if (l.startLine === undefined && l.endLine === undefined && l.startColumn === undefined && l.endColumn === undefined)
    return pathOnly(l.path);
  return {
    path: l.path,
    startLine: l.startLine,
    endLine: l.endLine,
    startColumn: l.startColumn,
    endColumn: l.endColumn,
  };
}

/**
 * Locations without a line, one per path: the package findings of a report (most of a large Trivy or npm audit
 * report) point at a few manifests, and 100,000 records then share a few objects rather than holding one each.
 * Frozen, as they are shared: a record never changes its location. At most PATH_ONLY_MAX are kept.
 */
const PATH_ONLY = new Map<string, Location>();
const PATH_ONLY_MAX = 10_000;

function pathOnly(path: string): Location {
  let shared = PATH_ONLY.get(path);
  if (shared === undefined) {
    shared = Object.freeze({
      path,
      startLine: undefined,
      endLine: undefined,
      startColumn: undefined,
      endColumn: undefined,
    });
    if (PATH_ONLY.size < PATH_ONLY_MAX) PATH_ONLY.set(path, shared);
  }
  return shared;
}

/**
 * A link a record may keep: an http(s) URL of printable characters. Anything else a report calls a link
 * (`javascript:`, `data:`, `file:`, a bare word) is dropped, as it ends up in the SARIF file (which code scanning
 * shows as a link), the JSON report and the summary.
 */
// eslint-disable-next-line no-control-regex -- control characters are what is refused
const WEB_LINK = /^https?:\/\/[^\s"<>\\^`{|}\u0000-\u001f\u007f]+$/i;

/** `uri` when it is an http(s) link (see WEB_LINK), else undefined. */
export function webLink(uri: string | undefined): string | undefined {
  return uri !== undefined && WEB_LINK.test(uri) ? uri : undefined;
}

export function findingRecord(r: FindingRecord): FindingRecord {
  return {
    tool: r.tool,
    ruleId: r.ruleId,
    title: r.title,
    description: r.description,
    severity: r.severity,
    category: r.category,
    location: location(r.location),
    package: r.package,
    identity: r.identity,
    source: r.source,
    helpUri: webLink(r.helpUri),
    cwes: r.cwes,
    tags: r.tags,
  };
}

/** Every field present, in one order (as findingRecord's): the records of every reader share one shape. */
export function packageInfo(p: PackageInfo): PackageInfo {
  return { name: p.name, version: p.version, fixedVersion: p.fixedVersion, fix: p.fix, purl: p.purl };
}

export function packageIdentity(i: Omit<Extract<Identity, { kind: 'package' }>, 'kind'>): Identity {
  return {
    kind: 'package',
    ids: i.ids,
    package: i.package,
    version: i.version,
    target: i.target,
    aliases: i.aliases,
  };
}

export function contentIdentity(i: Omit<Extract<Identity, { kind: 'content' }>, 'kind'>): Identity {
  return {
    kind: 'content',
    rule: i.rule,
    path: i.path,
    snippet: i.snippet,
    toolFingerprint: i.toolFingerprint,
    line: i.line,
    detail: i.detail,
    scope: i.scope,
    secret: i.secret,
  };
}
