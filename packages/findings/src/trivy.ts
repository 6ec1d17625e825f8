// Reads Trivy JSON in all its shapes: pre-0.20 bare array or null, SchemaVersion 2, old and new `trivy k8s`; Trivy's
// severity words, and what the SARIF reader needs to read Trivy's SARIF alike.
import {
  type ElementMapper,
  Interner,
  isObject,
  joined,
  list,
  listOfObjects,
  normalisePath,
  notAnObject,
  objectAt,
  type PathSegment,
  positiveInteger,
  type ScanPlan,
  StreamContextChanged,
  type StreamRead,
  text,
} from '@actions-kit/reports';
import type { FindingReadContext, FindingReader, ReadResult, SarifObject } from './finding-reader.js';
import {
  contentIdentity,
  packageIdentity,
  packageInfo,
  findingRecord,
  type FindingRecord,
  type Severity,
} from './model.js';
import { cvssSeverity, severityWord } from './severity.js';

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
type FindingList = (typeof FINDING_LISTS)[number];

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

/**
 * The repository of a container image reference as Trivy prints it in a Target ("alpine:3.10 (alpine 3.10.2)"):
 * the OS suffix, tag and digest are dropped, so a rebuilt image keeps its findings' fingerprints.
 */
function imageRepository(target: string): string {
  let ref = target.trim().replace(/\s+\([^()]*\)$/, '');
  const at = ref.indexOf('@');
  if (at >= 0) ref = ref.slice(0, at);
  const lastSlash = ref.lastIndexOf('/');
  const colon = ref.indexOf(':', lastSlash + 1);
  if (colon >= 0) ref = ref.slice(0, colon);
  return ref;
}

// Severity: Trivy's words (CRITICAL, HIGH, MEDIUM, LOW; UNKNOWN is none), then for vulnerabilities the vendor's level
// and the CVSS score bands.

/** trivy-db VendorSeverity integers: 1 low, 2 medium, 3 high, 4 critical (0 = unknown). */
function vendorLevel(value: unknown): Severity | undefined {
  return value === 4 ? 'critical' : value === 3 ? 'high' : value === 2 ? 'medium' : value === 1 ? 'low' : undefined;
}

/** CVSS sources tried when the SeveritySource has no score, in this order, then any other source. */
const CVSS_SOURCE_ORDER = ['nvd', 'ghsa', 'redhat', 'bitnami'];

/** The CVSS score Trivy's data gives for a vulnerability: SeveritySource first, newest CVSS version first. */
function trivyCvss(
  vulnerability: Record<string, unknown>,
): { score: number; version: 2 | 3 | 4; source: string } | undefined {
  const cvss = vulnerability['CVSS'];
  if (!isObject(cvss)) return undefined;
  const preferred = typeof vulnerability['SeveritySource'] === 'string' ? [vulnerability['SeveritySource']] : [];
  const sources = [...new Set([...preferred, ...CVSS_SOURCE_ORDER, ...Object.keys(cvss).sort()])];
  for (const source of sources) {
    const entry = cvss[source];
    if (!isObject(entry)) continue;
    for (const [key, version] of [
      ['V40Score', 4],
      ['V3Score', 3],
      ['V2Score', 2],
    ] as const) {
      const score = entry[key];
      if (typeof score === 'number' && score > 0) return { score, version, source };
    }
  }
  return undefined;
}

/**
 * Trivy vulnerability: its Severity wins; when it is UNKNOWN or missing, the VendorSeverity of its
 * SeveritySource, then the CVSS score bands, then info.
 */
export function trivyVulnerabilitySeverity(vulnerability: Record<string, unknown>): Severity {
  const stated = severityWord(vulnerability['Severity']);
  if (stated) return stated;
  const vendor = vulnerability['VendorSeverity'];
  const source = vulnerability['SeveritySource'];
  if (isObject(vendor) && typeof source === 'string') {
    const fromVendor = vendorLevel(vendor[source]);
    if (fromVendor) return fromVendor;
  }
  const cvss = trivyCvss(vulnerability);
  return (cvss && cvssSeverity(cvss.score, cvss.version)) ?? 'info';
}

/** Trivy misconfiguration, secret and licence: Severity, UNKNOWN or missing → info. */
function trivySeverity(value: unknown): Severity {
  return severityWord(value) ?? 'info';
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

function shapeOf(doc: unknown, file: string): Shape {
  if (doc === null || doc === undefined) return { format: 'Trivy JSON (pre-0.20, empty)', results: [] };
  if (Array.isArray(doc)) {
    return { format: 'Trivy JSON (pre-0.20 array)', results: resultsOf(doc, '', '', file) };
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
      list(doc[key]).forEach((element, i) => {
        const resource = objectAt(element, file, `/${key}/${i}`, 'Trivy k8s resource');
        const { workload, namespace } = workloadOf(resource);
        const pointer = `/${key}/${i}/Results`;
        for (const where of resultsOf(resource['Results'], pointer, workload, file)) {
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
  return { format: `Trivy JSON${version}`, results: resultsOf(doc['Results'], '/Results', artifact, file) };
}

/** A k8s resource's "namespace/Kind/name" and namespace. */
function workloadOf(resource: Json): { workload: string; namespace: string } {
  const workload = [resource['Namespace'], resource['Kind'], resource['Name']]
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .join('/');
  const namespace = typeof resource['Namespace'] === 'string' ? resource['Namespace'] : '';
  return { workload, namespace };
}

/** The Results at `pointer` (a list, or null): each must be an object (see listOfObjects). */
function resultsOf(results: unknown, pointer: string, artifact: string, file: string): ResultContext[] {
  return listOfObjects(results, file, pointer, 'Trivy Result').map((result, i) => ({
    result: objectAt(result, file, `${pointer}/${i}`, 'Trivy Result'),
    pointer: `${pointer}/${i}`,
    artifact,
  }));
}

/** What every finding of one Result shares, computed once per Result rather than once per finding. */
interface Target {
  where: ResultContext;
  /** The path findings point at: the file, or for OS packages the image repository. */
  path: string;
  /** Package fingerprints' target: the image repository for OS packages, else the target inside its artifact. */
  packageScope: string;
  tags: string[] | undefined;
  context: FindingReadContext;
  /** Everything above that records are made from, as one string: a streamed read checks it did not change. */
  key: string;
  /** Values shared across the records of this read. */
  shared: Interner;
}

/** Pre-0.20 reports have no Class: their OS package results are the ones whose Target ends in "(<os> <version>)". */
function isOsPackages(result: Json, target: string): boolean {
  if (typeof result['Class'] === 'string') return result['Class'] === 'os-pkgs';
  return /\s\([a-z]+[\w.-]* [\w.-]+\)$/i.test(target);
}

function targetOf(where: ResultContext, context: FindingReadContext, shared: Interner): Target {
  const raw = text(where.result['Target'], 1000) ?? '';
  const osPackages = isOsPackages(where.result, raw);
  const path = osPackages ? imageRepository(raw) : normalisePath(raw, context.root);
  const packageScope = osPackages ? path : [where.workload ?? where.artifact, path].filter(Boolean).join('//');
  const tags = strings([where.result['Type'], where.result['Class']]);
  const key = [where.pointer, path, packageScope, where.namespace ?? '', ...(tags ?? [])].join('\u0000');
  return { where, path, packageScope, tags, context, key, shared };
}

/** Where a finding-list element goes: active records, suppressed records, or nowhere. */
type Bucket = 'records' | 'suppressed' | 'none';

function bucketOf(key: FindingList, item: Json): Bucket {
  if (key !== 'Misconfigurations') return 'records';
  // Only FAIL is a finding; PASS rows come with --include-non-failures, EXCEPTION is excepted by policy.
  const status = typeof item['Status'] === 'string' ? item['Status'].toUpperCase() : 'FAIL';
  return status === 'PASS' ? 'none' : status === 'EXCEPTION' ? 'suppressed' : 'records';
}

/** A finding-list element already turned into its record while streaming, with the Result context used. */
class StreamedElement {
  constructor(
    readonly record: FindingRecord | undefined,
    readonly bucket: Bucket,
    readonly target: Target,
  ) {}
}

/** A streamed read's state: every element turned into a record early must be met again by `read`. */
interface StreamState {
  made: number;
  met: number;
  shared: Interner;
}

function read(doc: unknown, context: FindingReadContext, stream?: StreamState): ReadResult {
  const { format, results } = shapeOf(doc, context.file);
  const records: FindingRecord[] = [];
  const suppressed: FindingRecord[] = [];
  const shared = stream?.shared ?? new Interner();
  for (const where of results) {
    const target = targetOf(where, context, shared);
    for (const key of FINDING_LISTS) {
      const pointer = `${where.pointer}/${key}`;
      const elementPointer = joined(pointer, '/');
      listOfObjects(where.result[key], context.file, pointer, 'finding').forEach((item, i) => {
        let record: FindingRecord | undefined;
        let bucket: Bucket;
        if (item instanceof StreamedElement) {
          if (item.target.key !== target.key)
            throw new StreamContextChanged(`${where.pointer} changed after its ${key}`);
          if (stream) stream.met++;
          ({ record, bucket } = item);
        } else {
          const finding = objectAt(item, context.file, `${elementPointer}${i}`, 'finding');
          bucket = bucketOf(key, finding);
          record = toRecord(key, finding, target, `${elementPointer}${i}`);
        }
        if (record && bucket !== 'none') (bucket === 'records' ? records : suppressed).push(record);
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
  if (stream && stream.met !== stream.made)
    throw new StreamContextChanged('the document is not shaped as it first looked');
  return { tools: ['trivy'], format, records, suppressed, notes: [] };
}

/**
 * The Result a finding list being streamed belongs to, from what has been read so far (`containers`: the
 * document, …, the Result, the list). Trivy writes a Result's Target, Class and Type before its lists and the
 * report's artifact (or the k8s workload) before its Results; when that is not so, what is computed here differs
 * from what `read` computes at the end, which it notices (StreamedElement.target.key). Undefined when the list is
 * not where a Result's lists are, or its Target is not known yet: the element is then kept slim and read at the end.
 */
function streamingResult(path: readonly PathSegment[], containers: readonly unknown[]): ResultContext | undefined {
  const doc = containers[0];
  const result = containers[containers.length - 2];
  if (!isObject(result) || typeof result['Target'] !== 'string') return undefined;
  if (Array.isArray(doc)) {
    return path.length === 2 ? { result, pointer: `/${path[0]}`, artifact: '' } : undefined;
  }
  if (!isObject(doc)) return undefined;
  const k8s = typeof doc['ClusterName'] === 'string' || 'Resources' in doc || 'Findings' in doc;
  if (path.length === 3 && path[0] === 'Results' && !k8s) {
    const artifact =
      doc['ArtifactType'] === 'container_image' && typeof doc['ArtifactName'] === 'string'
        ? imageRepository(doc['ArtifactName'])
        : '';
    return { result, pointer: `/Results/${path[1]}`, artifact };
  }
  const resource = containers[2];
  if (path.length === 5 && path[2] === 'Results' && k8s && isObject(resource)) {
    const { workload, namespace } = workloadOf(resource);
    return {
      result,
      pointer: `/${path[0]}/${path[1]}/Results/${path[3]}`,
      artifact: '',
      workload,
      ...(namespace && { namespace }),
    };
  }
  return undefined;
}

/** A streamed read: each finding-list element becomes its record as soon as it is parsed (see streamingResult). */
function streamRead(context: FindingReadContext): StreamRead<ReadResult> {
  const state: StreamState = { made: 0, met: 0, shared: new Interner() };
  let target: Target | undefined;
  // The pointer of the list being read, with its trailing slash: each record's is it and the index (one cons
  // string on a flat prefix, where a template makes three per record).
  let listPointer = '';
  const mapper =
    (key: FindingList): ElementMapper =>
    (element, index, path, containers) => {
      if (index === 0) {
        const where = streamingResult(path, containers);
        target = where && targetOf(where, context, state.shared);
        if (target) listPointer = joined(target.where.pointer, '/', key, '/');
      }
      if (!isObject(element)) return notAnObject(element);
      if (!target) return SLIMMERS[key]!(element, index, path, containers);
      const bucket = bucketOf(key, element);
      const record = bucket === 'none' ? undefined : toRecord(key, element, target, `${listPointer}${index}`);
      state.made++;
      return new StreamedElement(record, bucket, target);
    };
  const mappers = new Map(FINDING_LISTS.map((key) => [key, mapper(key)]));
  const plan: ScanPlan = (path) => {
    const action = streamPlan(path);
    const key = path[path.length - 1];
    return typeof action === 'function' && path.length >= 2 ? (mappers.get(key as FindingList) ?? action) : action;
  };
  return { plan, read: (skeleton) => read(skeleton, context, state) };
}

const MODIFIED_TYPES: Record<string, FindingList> = {
  vulnerability: 'Vulnerabilities',
  misconfiguration: 'Misconfigurations',
  secret: 'Secrets',
  license: 'Licenses',
};

function toRecord(key: FindingList, item: Json, target: Target, pointer: string): FindingRecord {
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

function source(pointer: string, context: FindingReadContext) {
  return { file: context.file, tool: 'trivy', record: pointer };
}

function vulnerability(v: Json, target: Target, pointer: string): FindingRecord {
  const { context, shared } = target;
  const id = text(v['VulnerabilityID'], 200) ?? 'UNKNOWN';
  const name = shared.string(text(v['PkgName'], 500) ?? text(v['PkgID'], 500) ?? 'unknown package');
  const version = shared.string(text(v['InstalledVersion'], 200) ?? '');
  const pkgPath =
    typeof v['PkgPath'] === 'string' && v['PkgPath'] !== ''
      ? shared.string(normalisePath(v['PkgPath'], context.root))
      : undefined;
  const purl = isObject(v['PkgIdentifier']) ? text(v['PkgIdentifier']['PURL'], 1000) : undefined;
  return findingRecord({
    tool: 'trivy',
    ruleId: id,
    title: text(v['Title'], 300) ?? `${id} in ${name}${version ? ` ${version}` : ''}`,
    description: text(v['Description']),
    severity: trivyVulnerabilitySeverity(v),
    category: 'vulnerability',
    location: { path: pkgPath ?? target.path },
    package: packageInfo({
      name,
      version: version || undefined,
      fixedVersion: shared.string(text(v['FixedVersion'], 200)),
      purl,
    }),
    identity: packageIdentity({
      ids: [id],
      package: name,
      version,
      target: pkgPath ? shared.string(packageTarget(target, pkgPath)) : target.packageScope,
    }),
    source: source(pointer, context),
    helpUri: text(v['PrimaryURL'], 1000),
    cwes: shared.list(strings(v['CweIDs'])),
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
    package: pkg ? packageInfo({ name: pkg }) : undefined,
    identity: packageIdentity({
      ids: [name],
      package: pkg ?? file ?? '',
      version: '',
      target: packageTarget(target, file),
    }),
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
  if (!Array.isArray(values)) return undefined;
  if (values.length === 1) {
    // The common case (one CWE id): no filtering and de-duplicating.
    const value: unknown = values[0];
    return typeof value === 'string' && value !== '' ? [value] : undefined;
  }
  const out = values.filter((v): v is string => typeof v === 'string' && v !== '');
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
  return (element) => (isObject(element) ? fn(element) : notAnObject(element));
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

/** Trivy's SARIF keeps its Severity word in the rule's tags, which wins over the CVSS-based security-severity. */
function sarifSeverity(_result: SarifObject, rule: SarifObject | undefined): Severity | undefined {
  const properties = rule?.['properties'];
  if (!isObject(properties)) return undefined;
  return list(properties['tags'])
    .map(severityWord)
    .find((s) => s !== undefined);
}

export const trivyReader: FindingReader = {
  name: 'trivy',
  format: 'Trivy JSON',
  detect,
  read: (doc, context) => read(doc, context),
  streaming: { plan: streamPlan, streamRead },
  sarif: { severity: sarifSeverity },
};
