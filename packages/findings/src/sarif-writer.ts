// Writes one SARIF 2.1.0 file GitHub code scanning accepts: one run per tool with its own category, at most 20 runs
// and 25,000 results per run (least severe dropped first, and said so), rules de-duplicated with security-severity,
// a primaryLocationLineHash and a location on every result.
import { CHUNK_CHARS, jsonString, pathToUri } from '@actions-kit/reports';
import { SEVERITIES, type Finding, type Severity } from './model.js';
import { SECURITY_SEVERITY_SCORE, maxSeverity, severityLevel } from './severity.js';

/** GitHub's hard limits for one SARIF upload (docs: sarif-limits). */
export const SARIF_LIMITS = { runs: 20, resultsPerRun: 25_000, tagsPerRule: 20 } as const;

const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

export interface SarifWriteOptions {
  /** Category prefix of every run (runAutomationDetails.id = "<category>/<tool>/"). Default 'security-scan'. */
  category?: string;
  /**
   * Every tool whose reports were read, including those with no finding: each gets a run, so alerts of a tool
   * that now finds nothing are closed rather than left open.
   */
  tools?: readonly string[];
  maxRuns?: number;
  maxResultsPerRun?: number;
}

/** Results left out of a run to stay within GitHub's per-run limit. */
export interface DroppedResults {
  tool: string;
  count: number;
  bySeverity: Partial<Record<Severity, number>>;
}

export interface SarifWriteResult {
  /** What serializeSarif writes: the runs with their rules, and the findings each run lists as results. */
  plan: SarifPlan;
  dropped: DroppedResults[];
  /** Tools beyond the run limit, written together in one last run. */
  combinedTools: string[];
}

/**
 * The SARIF file before it is written. Results are not built as objects: serializeSarif writes each one's text
 * straight from its finding (100,000 result objects cost more to build and collect than the text they become).
 */
export interface SarifPlan {
  runs: SarifRunPlan[];
}

export interface SarifRunPlan {
  tool: { driver: { name: string; informationUri?: string } };
  automationDetails: { id: string };
  /** The findings written as results, in order. */
  findings: readonly Finding[];
  /** For each finding, the index of its rule. */
  ruleIndexes: Uint32Array;
  /**
   * The rules, by index: each one's id (with the tool's prefix in a combined run), the first finding with it, which
   * describes it, and the highest severity of its results (a less severe result carries its own score). Rules are
   * written from these, like results, not built as objects first (50,000 rules would be 300,000 objects).
   */
  rules: { ids: string[]; describedBy: Finding[]; severities: Severity[] };
}

/** The SARIF file as written (and as JSON.parse reads it back). */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}

export interface SarifRun {
  tool: { driver: { name: string; informationUri?: string; rules: SarifRule[] } };
  automationDetails: { id: string };
  results: SarifResult[];
}

export interface SarifRule {
  id: string;
  name?: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string };
  helpUri?: string;
  defaultConfiguration: { level: string };
  properties: { tags: string[]; 'security-severity'?: string };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string };
      region: { startLine: number; startColumn?: number; endLine?: number; endColumn?: number };
    };
  }[];
  partialFingerprints: { primaryLocationLineHash: string };
  suppressions?: { kind: 'external'; justification: string }[];
  /** Only when the result is less severe than its rule's security-severity says (the rule has the highest). */
  properties?: { 'security-severity'?: string };
}

const OTHER_TOOLS = 'security-scan (other tools)';

/** Builds the SARIF log for the findings (suppressed ones are included, marked with an external suppression). */
export function buildSarif(findings: readonly Finding[], options: SarifWriteOptions = {}): SarifWriteResult {
  const category = options.category ?? 'security-scan';
  const maxRuns = options.maxRuns ?? SARIF_LIMITS.runs;
  const maxResults = options.maxResultsPerRun ?? SARIF_LIMITS.resultsPerRun;

  const byTool = new Map<string, Finding[]>();
  for (const tool of options.tools ?? []) byTool.set(tool, []);
  for (const finding of findings) {
    const group = byTool.get(finding.tool);
    if (group) group.push(finding);
    else byTool.set(finding.tool, [finding]);
  }
  if (byTool.size === 0) byTool.set('security-scan', []);
  // Busiest tools keep their own run when there are more tools than runs allowed.
  const tools = [...byTool.keys()].sort((a, b) => byTool.get(b)!.length - byTool.get(a)!.length || a.localeCompare(b));
  const own = tools.length > maxRuns ? tools.slice(0, maxRuns - 1) : tools;
  const combinedTools = tools.slice(own.length);

  const runs: SarifRunPlan[] = [];
  const dropped: DroppedResults[] = [];
  const groups = own.map((tool) => ({ name: tool, findings: byTool.get(tool)!, prefixRules: false }));
  if (combinedTools.length > 0) {
    groups.push({ name: OTHER_TOOLS, findings: combinedTools.flatMap((t) => byTool.get(t)!), prefixRules: true });
  }
  for (const group of groups) {
    const { kept, left } = withinLimit(group.findings, maxResults);
    if (left.length > 0) dropped.push(describeDropped(group.name, left));
    runs.push(buildRun(group.name, kept, `${category}/${slug(group.name)}/`, group.prefixRules));
  }
  return { plan: { runs }, dropped, combinedTools };
}

/** Bucket of a finding when results must be dropped: open before suppressed, then most severe first. */
const SEVERITY_INDEX: Readonly<Record<Severity, number>> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

/** Keeps the most important results: open before suppressed, then most severe first (stable, in linear time). */
function withinLimit(findings: Finding[], max: number): { kept: Finding[]; left: Finding[] } {
  if (findings.length <= max) return { kept: findings, left: [] };
  const buckets: Finding[][] = [...SEVERITIES, ...SEVERITIES].map(() => []);
  for (const finding of findings) {
    buckets[SEVERITY_INDEX[finding.severity] + (finding.status === 'suppressed' ? SEVERITIES.length : 0)]!.push(
      finding,
    );
  }
  const ordered = ([] as Finding[]).concat(...buckets);
  return { kept: ordered.slice(0, max), left: ordered.slice(max) };
}

function describeDropped(tool: string, left: Finding[]): DroppedResults {
  const bySeverity: Partial<Record<Severity, number>> = {};
  for (const finding of left) bySeverity[finding.severity] = (bySeverity[finding.severity] ?? 0) + 1;
  return { tool, count: left.length, bySeverity };
}

function slug(tool: string): string {
  return (
    tool
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'tool'
  );
}

function buildRun(tool: string, findings: Finding[], automationId: string, prefixRules: boolean): SarifRunPlan {
  const rules: SarifRunPlan['rules'] = { ids: [], describedBy: [], severities: [] };
  const byRuleId = new Map<string, number>();
  const ruleIndexes = new Uint32Array(findings.length);
  for (let i = 0; i < findings.length; i++) {
    const finding = findings[i]!;
    const ruleId = prefixRules ? `${finding.tool}/${finding.ruleId}` : finding.ruleId;
    let index = byRuleId.get(ruleId);
    if (index === undefined) {
      index = rules.ids.length;
      byRuleId.set(ruleId, index);
      rules.ids.push(ruleId);
      rules.describedBy.push(finding);
      rules.severities.push(finding.severity);
    } else {
      rules.severities[index] = maxSeverity(rules.severities[index]!, finding.severity);
    }
    ruleIndexes[i] = index;
  }
  return { tool: { driver: { name: tool } }, automationDetails: { id: automationId }, findings, ruleIndexes, rules };
}

/**
 * A rule as JSON text, described by the first finding with it: the same characters JSON.stringify writes for the
 * SarifRule object (keys in the order of the SarifRule interface; tests read it back). Its security-severity is the
 * highest of its results; each result keeps its own level, and a result below its rule's severity carries its own
 * score too (GitHub reads the rule's; readers that look at results, this package's included, get the exact severity
 * back).
 */
function ruleJson(ruleId: string, finding: Finding, severity: Severity): string {
  const short =
    finding.category === 'vulnerability' || finding.category === 'license'
      ? `${finding.ruleId}: ${finding.title}`
      : finding.title;
  const full = finding.description ?? finding.title;
  const fullJson = jsonString(bounded(full, 4000));
  const helpUri = finding.helpUri;
  let text =
    `{"id":${jsonString(ruleId)},"shortDescription":{"text":${jsonString(bounded(short, 1000))}},` +
    `"fullDescription":{"text":${fullJson}},"help":{"text":${helpUri ? helpJson(full, fullJson, helpUri) : fullJson}}`;
  if (helpUri) text += `,"helpUri":${jsonString(helpUri)}`;
  text +=
    `,"defaultConfiguration":{"level":"${severityLevel(severity)}"},` +
    `"properties":{"tags":${JSON.stringify(ruleTags(finding))}`;
  if (severity !== 'info') text += `,"security-severity":"${SECURITY_SEVERITY_SCORE[severity]}"`;
  return `${text}}}`;
}

/**
 * The help of a rule with a link, as JSON: its description, then the link. Made from the description's JSON when
 * nothing is cut (an escape never spans the join, as the added text starts with a newline), so the description,
 * often long and with newlines of its own, is escaped once rather than twice.
 */
function helpJson(full: string, fullJson: string, helpUri: string): string {
  const help = `${full}\n\nMore information: ${helpUri}`;
  if (help.length > 4000) return jsonString(bounded(help, 4000));
  return `${fullJson.slice(0, -1)}\\n\\nMore information: ${jsonString(helpUri).slice(1)}`;
}

/** 'security', the category, the CWEs and the tool's tags: each once, the first ones up to the limit. */
function ruleTags(finding: Finding): string[] {
  const tags = ['security'];
  const tag = (value: string) => {
    if (tags.length < SARIF_LIMITS.tagsPerRule && !tags.includes(value)) tags.push(value);
  };
  tag(finding.category);
  for (const cwe of finding.cwes ?? []) tag(`external/cwe/${cwe.toLowerCase()}`);
  for (const value of finding.tags ?? []) tag(value);
  return tags;
}

/**
 * What results in one file share, as JSON text: its artifactLocation, and the locations of results without a line
 * (package findings point at their manifest).
 */
interface ArtifactText {
  artifactLocation: string;
  wholeFile: string;
}

/**
 * One result as JSON text: the same characters JSON.stringify writes for the SarifResult object (keys in the order
 * of the SarifResult interface; tests read it back).
 */
function resultJson(
  finding: Finding,
  ruleId: string,
  ruleIndex: number,
  ruleSeverity: Severity,
  artifactOf: (path: string) => ArtifactText,
): string {
  // A result without a path still needs a location: it points at the report that produced it.
  const path = finding.location.path !== '' ? finding.location.path : (finding.sources[0]?.file ?? 'unknown');
  const artifact = artifactOf(path);
  const locations =
    finding.location.startLine === undefined
      ? artifact.wholeFile
      : `[{"physicalLocation":{"artifactLocation":${artifact.artifactLocation},"region":${regionJson(finding.location)}}}]`;
  let text =
    `{"ruleId":${jsonString(ruleId)},"ruleIndex":${ruleIndex},"level":"${severityLevel(finding.severity)}",` +
    `"message":{"text":${jsonString(bounded(messageFor(finding), 4000))}},"locations":${locations},` +
    `"partialFingerprints":{"primaryLocationLineHash":${jsonString(finding.fingerprint)}}`;
  if (finding.suppression) {
    text += `,"suppressions":[{"kind":"external","justification":${jsonString(finding.suppression.reason)}}]`;
  }
  if (finding.severity !== ruleSeverity) {
    const score = finding.severity === 'info' ? '0.0' : SECURITY_SEVERITY_SCORE[finding.severity];
    text += `,"properties":{"security-severity":"${score}"}`;
  }
  return `${text}}`;
}

/** The region of a result with a line: startLine, then the columns and end line that make sense together. */
function regionJson(location: Finding['location']): string {
  const { startLine, endLine, startColumn, endColumn } = location;
  if (startLine === undefined) return '{"startLine":1}';
  let text = `{"startLine":${startLine}`;
  if (startColumn !== undefined) text += `,"startColumn":${startColumn}`;
  if (endLine !== undefined && endLine >= startLine) text += `,"endLine":${endLine}`;
  const sameLine = (endLine ?? startLine) === startLine;
  if (endColumn !== undefined && (!sameLine || startColumn === undefined || endColumn > startColumn))
    text += `,"endColumn":${endColumn}`;
  return `${text}}`;
}

function messageFor(finding: Finding): string {
  let message = finding.title;
  if (finding.package) {
    const { name, version, fixedVersion, fix: howToFix } = finding.package;
    const fix =
      finding.category === 'vulnerability'
        ? fixedVersion
          ? ` (fixed in ${fixedVersion})`
          : howToFix
            ? ` (fix: ${howToFix})`
            : ' (no fixed version yet)'
        : '';
    message += `\nPackage: ${name}${version ? ` ${version}` : ''}${fix}`;
  }
  // Package findings' descriptions are the rule's (one per CVE or licence), so they stay in the rule.
  if (finding.description && finding.description !== finding.title && !finding.package)
    message += `\n${finding.description}`;
  if (finding.tools.length > 1) message += `\nReported by ${finding.tools.join(', ')}.`;
  return message;
}

function bounded(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

/** The SARIF file as text, produced run by run and result by result so no single huge string is built. */
export function* serializeSarif(plan: SarifPlan): Generator<string> {
  let chunk = `{"$schema":${JSON.stringify(SARIF_SCHEMA_URI)},"version":"2.1.0","runs":[`;
  for (const [r, run] of plan.runs.entries()) {
    const { tool, automationDetails, findings, ruleIndexes, rules } = run;
    const artifacts = new Map<string, ArtifactText>();
    const artifactOf = (path: string) => {
      let artifact = artifacts.get(path);
      if (artifact === undefined) {
        const artifactLocation = `{"uri":${jsonString(pathToUri(path))}}`;
        const wholeFile = `[{"physicalLocation":{"artifactLocation":${artifactLocation},"region":{"startLine":1}}}]`;
        artifact = { artifactLocation, wholeFile };
        artifacts.set(path, artifact);
      }
      return artifact;
    };
    // The rules one by one, in pieces like the results: 25,000 rules (npm audit: one per advisory) are ~20 MB of
    // text, which as one string would be copied whole again to be written.
    const { name, informationUri } = tool.driver;
    chunk +=
      `${r > 0 ? ',' : ''}\n{"tool":{"driver":{"name":${jsonString(name)}` +
      `${informationUri === undefined ? '' : `,"informationUri":${jsonString(informationUri)}`},"rules":[`;
    for (let i = 0; i < rules.ids.length; i++) {
      chunk += `${i > 0 ? ',' : ''}${ruleJson(rules.ids[i]!, rules.describedBy[i]!, rules.severities[i]!)}`;
      if (chunk.length >= CHUNK_CHARS) {
        yield chunk;
        chunk = '';
      }
    }
    chunk += `]}},"automationDetails":${JSON.stringify(automationDetails)},"results":[`;
    for (let i = 0; i < findings.length; i++) {
      const ruleIndex = ruleIndexes[i]!;
      // The result names its rule by the rule's id, which buildRun gave the tool prefix in a combined run.
      const ruleId = rules.ids[ruleIndex]!;
      chunk += `${i > 0 ? ',' : ''}\n${resultJson(findings[i]!, ruleId, ruleIndex, rules.severities[ruleIndex]!, artifactOf)}`;
      if (chunk.length >= CHUNK_CHARS) {
        yield chunk;
        chunk = '';
      }
    }
    chunk += ']}';
  }
  yield `${chunk}\n]}\n`;
}
