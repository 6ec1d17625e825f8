// Reads Trivy JSON in all its shapes: pre-0.20 bare array or null, SchemaVersion 2, old and new `trivy k8s`.
import type { ElementMapper, ScanPlan } from './json-scanner.js';
import { contentIdentity, findingRecord, type FindingRecord } from './model.js';
import { imageRepository, normalisePath } from './paths.js';
import type { ReadContext, ReadResult, ReportReader } from './reader.js';
import { isObject, list, positiveInteger, text } from './report-values.js';
import { trivySeverity, trivyVulnerabilitySeverity } from './severity.js';

type Json = Record<string, unknown>;

/** Where a Result sits: its JSON pointer and, in k8s reports, the workload it belongs to. */
interface ResultContext {
  result: Json;
  pointer: string;
  artifact: string;
  /** k8s reports: "namespace/Kind/name" of the workload, and its namespace. */
  workload?: string;
  namespace?: string;
}

interface Shape {
  format: string;
  results: ResultContext[];
}

const FINDING_LISTS = ['Vulnerabilities', 'Misconfigurations', 'Secrets', 'Licenses'] as const;

/**
 * Trivy check ids changed spelling across versions (DS002, AVD-DS-0002, DS-0002; KSV001, AVD-KSV-0001): all map to
 * PREFIX-NNNN so a Trivy upgrade does not turn every misconfiguration into a new finding.
 */
export function canonicalCheckId(id: string): string {
  const trimmed = id.trim();
  const match = /^(?:AVD-)?([A-Z][A-Z0-9]*?)-?(\d+)$/i.exec(trimmed);
  if (!match) return trimmed;
  return `${match[1]!.toUpperCase()}-${match[2]!.padStart(4, '0')}`;
}

function detect(doc: unknown): boolean {
  if (Array.isArray(doc)) {
    const first: unknown = doc[0];
    return isObject(first) && typeof first['Target'] === 'string' && !('RuleID' in first);
  }
  if (!isObject(doc)) return false;
  if (typeof doc['ClusterName'] === 'string') return true;
  if (typeof doc['SchemaVersion'] === 'number' && ('ArtifactName' in doc || 'Results' in doc || 'ArtifactType' in doc))
    return true;
  if (typeof doc['ArtifactName'] === 'string' && typeof doc['ArtifactType'] === 'string') return true;
  // A report cut down to its Results (or with `"Results": null`) is still recognisable.
  return Array.isArray(doc['Results']) || doc['Results'] === null;
}

function shapeOf(doc: unknown): Shape {
  if (doc === null || doc === undefined) return { format: 'Trivy JSON (pre-0.20, empty)', results: [] };
  if (Array.isArray(doc)) {
    return { format: 'Trivy JSON (pre-0.20 array)', results: resultsOf(doc, '', '') };
  }
  if (!isObject(doc)) return { format: 'Trivy JSON', results: [] };
  if (typeof doc['ClusterName'] === 'string' || 'Resources' in doc || 'Findings' in doc) {
    const results: ResultContext[] = [];
    // Old `trivy k8s` groups workloads under Vulnerabilities/Misconfigurations; current puts them under Resources
    // (or Findings in the consolidated form).
    const groups = ['Resources', 'Findings', 'Vulnerabilities', 'Misconfigurations'].filter((key) =>
      Array.isArray(doc[key]),
    );
    for (const key of groups) {
      list(doc[key]).forEach((resource, i) => {
        if (!isObject(resource)) return;
        const workload = [resource['Namespace'], resource['Kind'], resource['Name']]
          .filter((part): part is string => typeof part === 'string' && part !== '')
          .join('/');
        const namespace = typeof resource['Namespace'] === 'string' ? resource['Namespace'] : '';
        for (const where of resultsOf(list(resource['Results']), `/${key}/${i}/Results`, workload)) {
          results.push({ ...where, workload, ...(namespace && { namespace }) });
        }
      });
    }
    const old = groups.includes('Vulnerabilities') || groups.includes('Misconfigurations');
    return { format: old ? 'Trivy k8s JSON (pre-0.4x cluster report)' : 'Trivy k8s JSON (Resources)', results };
  }
  const version = typeof doc['SchemaVersion'] === 'number' ? ` (SchemaVersion ${doc['SchemaVersion']})` : '';
  const artifact =
    doc['ArtifactType'] === 'container_image' && typeof doc['ArtifactName'] === 'string'
      ? imageRepository(doc['ArtifactName'])
      : '';
  return { format: `Trivy JSON${version}`, results: resultsOf(list(doc['Results']), '/Results', artifact) };
}

function resultsOf(results: unknown[], pointer: string, artifact: string): ResultContext[] {
  const out: ResultContext[] = [];
  results.forEach((result, i) => {
    if (isObject(result)) out.push({ result, pointer: `${pointer}/${i}`, artifact });
  });
  return out;
}

/** What every finding of one Result shares, computed once per Result rather than once per finding. */
interface Target {
  where: ResultContext;
  /** The path findings point at: the file, or for OS packages the image repository. */
  path: string;
  /** Package fingerprints' target: the image repository for OS packages, else the target inside its artifact. */
  packageScope: string;
  tags: string[] | undefined;
  context: ReadContext;
}

/** Pre-0.20 reports have no Class: their OS package results are the ones whose Target ends in "(<os> <version>)". */
function isOsPackages(result: Json, target: string): boolean {
  if (typeof result['Class'] === 'string') return result['Class'] === 'os-pkgs';
  return /\s\([a-z]+[\w.-]* [\w.-]+\)$/i.test(target);
}

function targetOf(where: ResultContext, context: ReadContext): Target {
  const raw = text(where.result['Target'], 1000) ?? '';
  const osPackages = isOsPackages(where.result, raw);
  const path = osPackages ? imageRepository(raw) : normalisePath(raw, context.root);
  const packageScope = osPackages ? path : [where.workload ?? where.artifact, path].filter(Boolean).join('//');
  return { where, path, packageScope, tags: strings([where.result['Type'], where.result['Class']]), context };
}

function read(doc: unknown, context: ReadContext): ReadResult {
  const { format, results } = shapeOf(doc);
  const records: FindingRecord[] = [];
  const suppressed: FindingRecord[] = [];
  for (const where of results) {
    const target = targetOf(where, context);
    for (const key of FINDING_LISTS) {
      list(where.result[key]).forEach((item, i) => {
        if (!isObject(item)) return;
        const record = toRecord(key, item, target, `${where.pointer}/${key}/${i}`);
        if (!record) return;
        if (key === 'Misconfigurations') {
          // Only FAIL is a finding; PASS rows come with --include-non-failures, EXCEPTION is excepted by policy.
          const status = typeof item['Status'] === 'string' ? item['Status'].toUpperCase() : 'FAIL';
          if (status === 'PASS') return;
          if (status === 'EXCEPTION') {
            suppressed.push(record);
            return;
          }
        }
        records.push(record);
      });
    }
    // Findings that .trivyignore or VEX modified are not findings, but they are counted as suppressed.
    list(where.result['ExperimentalModifiedFindings']).forEach((modified, i) => {
      if (!isObject(modified) || !isObject(modified['Finding'])) return;
      const key = MODIFIED_TYPES[String(modified['Type']).toLowerCase()];
      const pointer = `${where.pointer}/ExperimentalModifiedFindings/${i}/Finding`;
      const record = key && toRecord(key, modified['Finding'], target, pointer);
      if (record) suppressed.push(record);
    });
  }
  return { tools: ['trivy'], format, records, suppressed, notes: [] };
}

const MODIFIED_TYPES: Record<string, (typeof FINDING_LISTS)[number]> = {
  vulnerability: 'Vulnerabilities',
  misconfiguration: 'Misconfigurations',
  secret: 'Secrets',
  license: 'Licenses',
};

function toRecord(key: (typeof FINDING_LISTS)[number], item: Json, target: Target, pointer: string) {
  switch (key) {
    case 'Vulnerabilities':
      return vulnerability(item, target, pointer);
    case 'Misconfigurations':
      return misconfiguration(item, target, pointer);
    case 'Secrets':
      return secret(item, target, pointer);
    case 'Licenses':
      return license(item, target, pointer);
  }
}

/** A package nested in the target (a jar in an image, a lockfile in a repo) is told apart by its own path. */
function packageTarget(target: Target, nested: string | undefined): string {
  return nested ? `${target.packageScope}//${nested}` : target.packageScope;
}

function source(pointer: string, context: ReadContext) {
  return { file: context.file, tool: 'trivy', record: pointer };
}

function vulnerability(v: Json, target: Target, pointer: string): FindingRecord {
  const context = target.context;
  const id = text(v['VulnerabilityID'], 200) ?? 'UNKNOWN';
  const name = text(v['PkgName'], 500) ?? text(v['PkgID'], 500) ?? 'unknown package';
  const version = text(v['InstalledVersion'], 200) ?? '';
  const pkgPath =
    typeof v['PkgPath'] === 'string' && v['PkgPath'] !== '' ? normalisePath(v['PkgPath'], context.root) : undefined;
  const purl = isObject(v['PkgIdentifier']) ? text(v['PkgIdentifier']['PURL'], 1000) : undefined;
  return findingRecord({
    tool: 'trivy',
    ruleId: id,
    title: text(v['Title'], 300) ?? `${id} in ${name}${version ? ` ${version}` : ''}`,
    description: text(v['Description']),
    severity: trivyVulnerabilitySeverity(v),
    category: 'vulnerability',
    location: { path: pkgPath ?? target.path },
    package: { name, version: version || undefined, fixedVersion: text(v['FixedVersion'], 200), purl },
    identity: { kind: 'package', ids: [id], package: name, version, target: packageTarget(target, pkgPath) },
    source: source(pointer, context),
    helpUri: text(v['PrimaryURL'], 1000),
    cwes: strings(v['CweIDs']),
    tags: target.tags,
  });
}

function misconfiguration(m: Json, target: Target, pointer: string): FindingRecord {
  const { where, context } = target;
  const rawId = text(m['AVDID'], 200) ?? text(m['ID'], 200) ?? 'UNKNOWN';
  const ruleId = canonicalCheckId(rawId);
  const cause = isObject(m['CauseMetadata']) ? m['CauseMetadata'] : {};
  const startLine = positiveInteger(cause['StartLine']);
  // k8s targets ("Deployment/web") repeat across namespaces: the namespace is part of the path.
  const path = where.namespace ? `${where.namespace}/${target.path}` : target.path;
  const message = text(m['Message']);
  return findingRecord({
    tool: 'trivy',
    ruleId,
    title: text(m['Title'], 300) ?? ruleId,
    description: message ?? text(m['Description']),
    severity: trivySeverity(m['Severity']),
    category: 'misconfiguration',
    location: { path, startLine, endLine: positiveInteger(cause['EndLine']) },
    // Whole-file checks have no lines: the message tells instances apart (one per container, per resource...).
    identity: contentIdentity({
      rule: ruleId,
      path,
      snippet: causeLines(cause['Code']),
      line: startLine,
      detail: message,
    }),
    source: source(pointer, context),
    helpUri: text(m['PrimaryURL'], 1000),
    tags: strings([m['Type'], where.result['Type']]),
  });
}

function secret(s: Json, target: Target, pointer: string): FindingRecord {
  const context = target.context;
  const ruleId = text(s['RuleID'], 200) ?? 'unknown-secret';
  const startLine = positiveInteger(s['StartLine']);
  const path = target.path;
  const category = text(s['Category'], 200);
  return findingRecord({
    tool: 'trivy',
    ruleId,
    title: text(s['Title'], 300) ?? ruleId,
    description: category && `Secret of category ${category}`,
    severity: trivySeverity(s['Severity']),
    category: 'secret',
    location: { path, startLine, endLine: positiveInteger(s['EndLine']) },
    // Trivy masks the secret with '*' in both the code lines and Match.
    identity: contentIdentity({
      rule: ruleId,
      path,
      snippet: causeLines(s['Code']) ?? text(s['Match']),
      line: startLine,
    }),
    source: source(pointer, context),
    tags: strings([category]),
  });
}

function license(l: Json, target: Target, pointer: string): FindingRecord {
  const context = target.context;
  const name = text(l['Name'], 200) ?? 'unknown licence';
  const pkg = text(l['PkgName'], 500);
  const file =
    typeof l['FilePath'] === 'string' && l['FilePath'] !== '' ? normalisePath(l['FilePath'], context.root) : undefined;
  const category = text(l['Category'], 100);
  return findingRecord({
    tool: 'trivy',
    ruleId: name,
    title: `${name} licence${category ? ` (${category})` : ''}${pkg ? ` in ${pkg}` : ''}`,
    severity: trivySeverity(l['Severity']),
    category: 'license',
    location: { path: file ?? target.path },
    package: pkg ? { name: pkg, version: undefined, fixedVersion: undefined, purl: undefined } : undefined,
    identity: {
      kind: 'package',
      ids: [name],
      package: pkg ?? file ?? '',
      version: '',
      target: packageTarget(target, file),
    },
    source: source(pointer, context),
    helpUri: text(l['Link'], 1000),
    tags: strings([category]),
  });
}

/** The content of the lines Trivy marks as the cause, joined; undefined when it gives none. */
function causeLines(code: unknown): string | undefined {
  if (!isObject(code)) return undefined;
  const lines = list(code['Lines']).filter((line): line is Json => isObject(line) && line['IsCause'] === true);
  const content = lines.map((line) => (typeof line['Content'] === 'string' ? line['Content'] : '')).join('\n');
  return content.trim() === '' ? undefined : content;
}

function strings(values: unknown): string[] | undefined {
  const out = list(values).filter((v): v is string => typeof v === 'string' && v !== '');
  return out.length > 0 ? [...new Set(out)] : undefined;
}

// Streaming: walk the document down to the finding lists and keep a slim copy of each element (no References,
// layer data or licence texts), with the same field names so `read` handles it like the full document.

function pick(keys: readonly string[]): (item: Json) => Json {
  return (item) => {
    const out: Json = {};
    for (const key of keys) if (item[key] !== undefined) out[key] = item[key];
    return out;
  };
}

const slimVulnerability = pick([
  'VulnerabilityID',
  'PkgName',
  'PkgID',
  'PkgPath',
  'PkgIdentifier',
  'InstalledVersion',
  'FixedVersion',
  'Severity',
  'SeveritySource',
  'VendorSeverity',
  'CVSS',
  'Title',
  'PrimaryURL',
  'CweIDs',
]);
const slimMisconfiguration = pick([
  'ID',
  'AVDID',
  'Title',
  'Message',
  'Description',
  'Severity',
  'PrimaryURL',
  'Status',
  'Type',
]);
const slimSecret = pick(['RuleID', 'Category', 'Severity', 'Title', 'StartLine', 'EndLine', 'Match']);
const slimLicense = pick(['Name', 'PkgName', 'FilePath', 'Category', 'Severity', 'Link']);

function slimCode(code: unknown): Json | undefined {
  if (!isObject(code)) return undefined;
  return { Lines: list(code['Lines']).filter((line) => isObject(line) && line['IsCause'] === true) };
}

function slim(fn: (item: Json) => Json): ElementMapper {
  return (element) => (isObject(element) ? fn(element) : element);
}

const SLIMMERS: Record<string, ElementMapper> = {
  Vulnerabilities: slim((v) => {
    const out = slimVulnerability(v);
    if (typeof v['Description'] === 'string') out['Description'] = text(v['Description']);
    return out;
  }),
  Misconfigurations: slim((m) => {
    const out = slimMisconfiguration(m);
    if (isObject(m['CauseMetadata'])) {
      const cause = m['CauseMetadata'];
      out['CauseMetadata'] = {
        StartLine: cause['StartLine'],
        EndLine: cause['EndLine'],
        Code: slimCode(cause['Code']),
      };
    }
    return out;
  }),
  Secrets: slim((s) => ({ ...slimSecret(s), Code: slimCode(s['Code']) })),
  Licenses: slim(slimLicense),
};

const streamPlan: ScanPlan = (path) => {
  const depth = path.length;
  if (depth === 0) return 'descend';
  const key = path[depth - 1]!;
  // Elements of walked lists are Results (or k8s workloads holding Results).
  if (typeof key === 'number') return 'descend';
  if (depth === 1)
    return ['Results', 'Resources', 'Findings', 'Vulnerabilities', 'Misconfigurations'].includes(key)
      ? 'descend'
      : 'parse';
  if (key === 'Results') return 'descend';
  if (key === 'Packages') return 'skip';
  return SLIMMERS[key] ?? 'parse';
};

export const trivyReader: ReportReader = { name: 'trivy', format: 'Trivy JSON', detect, read, streamPlan };
