// Merges records into findings: one problem reported by several files, runs or tools is one finding with several sources.
import { fingerprintRecords } from './fingerprint.js';
import {
  SEVERITIES,
  type Finding,
  type FindingRecord,
  type Identity,
  type RecordSource,
  type Severity,
} from './model.js';
import { maxSeverity } from './severity.js';

/**
 * De-duplicates records (all reports of one run together):
 * - records with the same fingerprint are one finding (the same CVE in the same package from two Trivy runs, a
 *   record a report repeats, Bandit JSON and SARIF of one scan);
 * - one problem reported by different tools is one finding (see mergeAcrossTools): a secret at the same spot or
 *   with the same secret, a vulnerability of the same package with an id in common.
 * Findings come out most severe first, then in the order the reports list them.
 */
export function dedupe(records: readonly FindingRecord[]): Finding[] {
  const fingerprints = fingerprintRecords(records);
  // Each fingerprint's finding, by its index in `findings` (the order the reports list them).
  const byFingerprint = new Map<string, number>();
  const findings: Finding[] = [];
  const toolLists = new Map<string, string[]>();
  const known = new KnownSources();
  const evidence = new CrossToolEvidence(records.length);
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    const fingerprint = fingerprints[i]!;
    const existing = byFingerprint.get(fingerprint);
    if (existing !== undefined) {
      absorbRecord(findings[existing]!, record, known);
      evidence.add(existing, record);
      continue;
    }
    let tools = toolLists.get(record.tool);
    if (tools === undefined) {
      tools = Object.freeze([record.tool]) as string[];
      toolLists.set(record.tool, tools);
    }
    evidence.add(findings.length, record);
    byFingerprint.set(fingerprint, findings.length);
    findings.push(toFinding(record, fingerprint, tools));
  }
  return orderBySeverity(mergeAcrossTools(findings, evidence));
}

const SEVERITY_INDEX: Readonly<Record<Severity, number>> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

/** Most severe first; within a severity, the order the reports list them (stable, linear time). */
function orderBySeverity(findings: readonly Finding[]): Finding[] {
  const buckets: Finding[][] = SEVERITIES.map(() => []);
  for (const finding of findings) buckets[SEVERITY_INDEX[finding.severity]]!.push(finding);
  return ([] as Finding[]).concat(...buckets);
}

/**
 * Lists most findings share, frozen: a finding's `aliases` and `tools` are replaced, never changed in place, so one
 * empty list and one list per tool serve 100,000 findings (fewer objects to allocate and for the GC to copy).
 */
const NO_ALIASES = Object.freeze([]) as unknown as string[];

/** Every field present, in one order (see model.ts builders). `tools` is the shared list of the record's tool. */
function toFinding(record: FindingRecord, fingerprint: string, tools: string[]): Finding {
  return {
    fingerprint,
    aliases: NO_ALIASES,
    tool: record.tool,
    tools,
    ruleId: record.ruleId,
    title: record.title,
    description: record.description,
    severity: record.severity,
    category: record.category,
    location: record.location,
    package: record.package,
    helpUri: record.helpUri,
    cwes: record.cwes,
    tags: record.tags,
    sources: [record.source],
    status: 'new',
    suppression: undefined,
  };
}

/**
 * The sources each finding met more than once already lists, as keys, so that a record repeated n times is absorbed
 * in O(n) rather than compared with every source before it (O(n²): 40,000 repeats took 20 s). Only findings that
 * absorb a record get a set: most have one source and need none.
 */
class KnownSources {
  private readonly sets = new Map<Finding, Set<string>>();

  /** True when `source` was not among the finding's sources yet (it is now counted as one of them). */
  add(finding: Finding, source: RecordSource): boolean {
    let keys = this.sets.get(finding);
    if (keys === undefined) {
      keys = new Set(finding.sources.map(sourceKey));
      this.sets.set(finding, keys);
    }
    const key = sourceKey(source);
    if (keys.has(key)) return false;
    keys.add(key);
    return true;
  }
}

function sourceKey(source: RecordSource): string {
  return `${source.file}\u0000${source.record}`;
}

function absorbRecord(finding: Finding, record: FindingRecord, known: KnownSources): void {
  finding.severity = maxSeverity(finding.severity, record.severity);
  if (!finding.tools.includes(record.tool)) finding.tools = [...finding.tools, record.tool];
  if (known.add(finding, record.source)) finding.sources.push(record.source);
}

/**
 * What two tools' findings of one problem have in common, as keys (see mergeAcrossTools): `all` keys join every
 * finding that shares them once two tools do; `single` keys only when each tool has one finding with the key (the
 * same secret once per tool in a file, the same advisory once per tool in a package), as several findings of one
 * tool there are several problems that cannot be told apart by the key.
 */
interface CrossToolKeys {
  all: string[];
  single: string[];
}

const PACKAGE_KEYS = new Map<string, string>();

/** A package name as every ecosystem compares it (PEP 503 for Python: case, '-', '_' and '.' do not count). */
function packageKey(name: string): string {
  let key = PACKAGE_KEYS.get(name);
  if (key === undefined) {
    key = name.toLowerCase().replace(/[-_.]+/g, '-');
    if (PACKAGE_KEYS.size < 100_000) PACKAGE_KEYS.set(name, key);
  }
  return key;
}

/**
 * What identifies a finding across tools, from the records merged into it so far (see dedupe), by the finding's
 * index: arrays rather than maps keyed by finding, as every vulnerability and secret record adds to them.
 */
class CrossToolEvidence {
  // Sized up front (there are at most as many findings as records): writes far past the end of a growing array would
  // turn it into a slow dictionary.
  private readonly identities: (Extract<Identity, { kind: 'package' }> | undefined)[];
  private readonly secrets: (string | undefined)[];
  /** The tools of the secrets and of the vulnerabilities: joining is only looked for where two tools meet. */
  private readonly toolsOf = { secret: new Set<string>(), vulnerability: new Set<string>() };

  constructor(findings: number) {
    this.identities = new Array<Extract<Identity, { kind: 'package' }> | undefined>(findings);
    this.secrets = new Array<string | undefined>(findings);
  }

  /** The categories two tools or more report: the only ones keys are made for (most runs have none). */
  kindsSeenFromSeveralTools(): Set<'secret' | 'vulnerability'> {
    const kinds = new Set<'secret' | 'vulnerability'>();
    if (this.toolsOf.secret.size >= 2) kinds.add('secret');
    if (this.toolsOf.vulnerability.size >= 2) kinds.add('vulnerability');
    return kinds;
  }

  /**
   * Notes a record merged into `finding` (the first one makes it). Records merged by fingerprint share their ids
   * (the fingerprint hashes them), so the first record's identity is enough.
   */
  add(finding: number, record: FindingRecord): void {
    const identity = record.identity;
    if (record.category === 'secret') {
      this.toolsOf.secret.add(record.tool);
      if (identity.kind === 'content' && identity.secret !== undefined && this.secrets[finding] === undefined)
        this.secrets[finding] = identity.secret;
    } else if (record.category === 'vulnerability' && identity.kind === 'package') {
      this.toolsOf.vulnerability.add(record.tool);
      if (this.identities[finding] === undefined) this.identities[finding] = identity;
    }
  }

  /** Every id of a vulnerability finding (its own and its aliases), upper case. */
  private idsOf(finding: number): Set<string> | undefined {
    const identity = this.identities[finding];
    if (identity === undefined) return undefined;
    return new Set([...identity.ids, ...(identity.aliases ?? [])].map((id) => id.toUpperCase()));
  }

  /** The keys of `finding`, which is the one at `index` (see dedupe). */
  keys(finding: Finding, index: number, kinds: ReadonlySet<string>): CrossToolKeys {
    const keys: CrossToolKeys = { all: [], single: [] };
    if (!kinds.has(finding.category)) return keys;
    const path = finding.location.path;
    if (finding.category === 'secret' && path !== '') {
      if (finding.location.startLine !== undefined)
        keys.all.push(`spot\u0000${path}\u0000${finding.location.startLine}`);
      const secret = this.secrets[index];
      if (secret !== undefined) keys.single.push(`secret\u0000${path}\u0000${secret}`);
    }
    const ids = this.idsOf(index);
    if (ids !== undefined && finding.package !== undefined) {
      const name = packageKey(finding.package.name);
      const version = finding.package.version;
      for (const id of ids) {
        if (version) keys.all.push(`package\u0000${name}\u0000${version}\u0000${id}`);
        // npm audit names no installed version: its advisory joins another tool's of the same package by id alone.
        keys.single.push(`package\u0000${name}\u0000${id}`);
      }
    }
    return keys;
  }
}

/**
 * Joins the findings of different tools that are one problem: secrets at the same path and line (Gitleaks, Trivy and
 * TruffleHog name their rules and mask differently, so their fingerprints cannot agree) or with the same secret in
 * the same file; vulnerabilities of the same package (and version) with an id or alias in common (a CVE pip-audit
 * lists as an alias of its PYSEC id, Trivy by the CVE). The merged finding keeps the smallest fingerprint, lists the
 * others as aliases (which baselines and ignore files also match), every tool and source, and the highest severity.
 */
function mergeAcrossTools(findings: Finding[], evidence: CrossToolEvidence): Finding[] {
  const kinds = evidence.kindsSeenFromSeveralTools();
  if (kinds.size === 0) return findings;
  // First the cheap question: which files (secrets) and packages (vulnerabilities) two tools report at all. Keys are
  // only made for those: 100,000 Trivy vulnerabilities beside an npm audit report of other packages make none.
  const shared = sharedScopes(findings, kinds);
  if (shared.size === 0) return findings;
  const all = new Map<string, number[]>();
  const single = new Map<string, number[]>();
  findings.forEach((finding, i) => {
    if (!shared.has(finding)) return;
    const keys = evidence.keys(finding, i, kinds);
    for (const key of keys.all) pushTo(all, key, i);
    for (const key of keys.single) pushTo(single, key, i);
  });
  const parent = findings.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  let joined = false;
  const join = (members: readonly number[]) => {
    joined = true;
    for (const member of members.slice(1)) parent[root(member)] = root(members[0]!);
  };
  for (const members of all.values()) if (toolCount(findings, members) >= 2) join(members);
  for (const members of single.values()) {
    const tools = toolCount(findings, members);
    if (tools >= 2 && tools === members.length && versionsAgree(findings, members)) join(members);
  }
  if (!joined) return findings;
  const components = new Map<number, Finding[]>();
  findings.forEach((finding, i) => pushTo(components, root(i), finding));
  const absorbed = new Set<Finding>();
  for (const group of components.values()) if (group.length > 1) absorbInto(group, absorbed);
  return findings.filter((f) => !absorbed.has(f));
}

/**
 * Where two findings must be to be one problem: the same file for secrets, the same package for vulnerabilities.
 * Kept per kind, so that no key string is made for each of 100,000 findings.
 */
class Scopes {
  readonly secretFiles = new Set<string>();
  readonly packages = new Set<string>();

  get size(): number {
    return this.secretFiles.size + this.packages.size;
  }

  has(finding: Finding): boolean {
    if (finding.category === 'secret') return this.secretFiles.has(finding.location.path);
    if (finding.category === 'vulnerability' && finding.package)
      return this.packages.has(packageKey(finding.package.name));
    return false;
  }
}

/** The scopes (see Scopes) that findings of two tools or more share, among the categories in `kinds`. */
function sharedScopes(findings: readonly Finding[], kinds: ReadonlySet<string>): Scopes {
  const shared = new Scopes();
  const firstTool = { secretFiles: new Map<string, string>(), packages: new Map<string, string>() };
  /** Notes that `finding` is in `scope`; the scope is shared once a second tool is. */
  const note = (finding: Finding, scope: string, seen: Map<string, string>, sharedSet: Set<string>) => {
    if (sharedSet.has(scope)) return;
    const tool = seen.get(scope);
    if (tool === undefined) seen.set(scope, finding.tool);
    else if (tool !== finding.tool || finding.tools.length > 1) sharedSet.add(scope);
  };
  for (const finding of findings) {
    if (!kinds.has(finding.category)) continue;
    if (finding.category === 'secret') note(finding, finding.location.path, firstTool.secretFiles, shared.secretFiles);
    else if (finding.package) note(finding, packageKey(finding.package.name), firstTool.packages, shared.packages);
  }
  return shared;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** No two of the findings at `members` name different package versions (npm audit names none). */
function versionsAgree(findings: readonly Finding[], members: readonly number[]): boolean {
  const versions = new Set<string>();
  for (const i of members) {
    const version = findings[i]!.package?.version;
    if (version) versions.add(version);
  }
  return versions.size <= 1;
}

/** How many tools the findings at `members` come from (a finding merged before may list several). */
function toolCount(findings: readonly Finding[], members: readonly number[]): number {
  const tools = new Set<string>();
  for (const i of members) for (const tool of findings[i]!.tools) tools.add(tool);
  return tools.size;
}

/** Merges a group into its member with the smallest fingerprint; the others go into `absorbed`. */
function absorbInto(group: readonly Finding[], absorbed: Set<Finding>): void {
  const [primary, ...others] = [...group].sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : 1));
  // Gathered, then set once: a spot reported thousands of times must not copy the lists for each (nor push one
  // list's elements as arguments, which overflows the stack).
  const aliases = [...primary!.aliases];
  const tools = new Set(primary!.tools);
  for (const other of others) {
    aliases.push(other.fingerprint);
    for (const alias of other.aliases) aliases.push(alias);
    primary!.severity = maxSeverity(primary!.severity, other.severity);
    for (const tool of other.tools) tools.add(tool);
    for (const source of other.sources) primary!.sources.push(source);
    absorbed.add(other);
  }
  primary!.aliases = aliases;
  primary!.tools = [...tools];
}
