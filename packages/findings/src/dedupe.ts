// Merges records into findings: one problem reported by several files, runs or tools is one finding with several sources.
import { fingerprintRecords } from './fingerprint.js';
import { SEVERITIES, type Finding, type FindingRecord, type RecordSource, type Severity } from './model.js';
import { maxSeverity } from './severity.js';

/**
 * De-duplicates records (all reports of one run together):
 * - records with the same fingerprint are one finding (the same CVE in the same package from two Trivy runs, a
 *   record a report repeats, Bandit JSON and SARIF of one scan);
 * - secrets at the same path and line reported by different tools are one finding (Gitleaks and Trivy name their
 *   rules differently and mask differently, so their fingerprints cannot agree); the merged finding keeps the
 *   smallest fingerprint and lists the others as aliases, which baselines and ignore files also match.
 * Findings come out most severe first, then in the order the reports list them.
 */
export function dedupe(records: readonly FindingRecord[]): Finding[] {
  const fingerprints = fingerprintRecords(records);
  const byFingerprint = new Map<string, Finding>();
  const toolLists = new Map<string, string[]>();
  const known = new KnownSources();
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    const fingerprint = fingerprints[i]!;
    const existing = byFingerprint.get(fingerprint);
    if (existing) {
      absorbRecord(existing, record, known);
      continue;
    }
    let tools = toolLists.get(record.tool);
    if (tools === undefined) {
      tools = Object.freeze([record.tool]) as string[];
      toolLists.set(record.tool, tools);
    }
    byFingerprint.set(fingerprint, toFinding(record, ownString(fingerprint), tools));
  }
  return orderBySeverity(mergeSecretsAcrossTools([...byFingerprint.values()]));
}

const SEVERITY_INDEX: Readonly<Record<Severity, number>> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

/** Most severe first; within a severity, the order the reports list them (stable, linear time). */
function orderBySeverity(findings: readonly Finding[]): Finding[] {
  const buckets: Finding[][] = SEVERITIES.map(() => []);
  for (const finding of findings) buckets[SEVERITY_INDEX[finding.severity]]!.push(finding);
  return ([] as Finding[]).concat(...buckets);
}

/**
 * A fingerprint as a string of its own. It is cut from a 64-digit digest, and V8 keeps a cut of 13 characters or
 * more as a reference to the whole (65 bytes more per finding, for as long as the finding lives); cuts under 13
 * characters are copies, and joining them makes one new string.
 */
function ownString(fingerprint: string): string {
  return [fingerprint.slice(0, 8), fingerprint.slice(8, 16), fingerprint.slice(16, 24), fingerprint.slice(24)].join('');
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

function mergeSecretsAcrossTools(findings: Finding[]): Finding[] {
  const bySpot = new Map<string, Finding[]>();
  for (const finding of findings) {
    if (finding.category !== 'secret') continue;
    if (finding.location.startLine === undefined || finding.location.path === '') continue;
    const spot = `${finding.location.path}\u0000${finding.location.startLine}`;
    const group = bySpot.get(spot);
    if (group) group.push(finding);
    else bySpot.set(spot, [finding]);
  }
  const absorbed = new Set<Finding>();
  for (const group of bySpot.values()) {
    if (new Set(group.flatMap((f) => f.tools)).size < 2) continue;
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
  return absorbed.size === 0 ? findings : findings.filter((f) => !absorbed.has(f));
}
