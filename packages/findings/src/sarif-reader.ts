// Reads SARIF 2.1.0 from any tool: rules and their defaults, messageStrings with arguments, artifacts by index,
// uriBaseId resolution, kinds other than fail, suppressions, baselineState, security-severity, fingerprints, several
// runs; a run of a tool that has its own reader is read with that reader's SARIF hints.
import { countOf } from '@actions-kit/core/counting';
import {
  Interner,
  isObject,
  joined,
  joinUri,
  jsonType,
  list,
  listOfObjects,
  notAnObject,
  objectAt,
  positiveInteger,
  type ScanPlan,
  text,
  uriToPath,
} from '@actions-kit/reports';
import type { FindingReadContext, FindingReader, ReadResult, SarifHints } from './finding-reader.js';
import { contentIdentity, findingRecord, type Category, type FindingRecord, type Severity } from './model.js';
import { isSarifLevel, levelSeverity, securitySeverity, type SarifLevel } from './severity.js';

type Json = Record<string, unknown>;

/** Result kinds that do not report a problem (SARIF §3.27.9); `review` and `open` still need a look. */
const NOT_A_PROBLEM = new Set(['pass', 'notApplicable', 'informational']);

function detect(doc: unknown): boolean {
  if (!isObject(doc) || !Array.isArray(doc['runs'])) return false;
  return typeof doc['version'] === 'string' || (typeof doc['$schema'] === 'string' && /sarif/i.test(doc['$schema']));
}

/** What keeps a document with `runs` and a `version` or `$schema` from being SARIF (see detect). */
function explain(doc: unknown): string | undefined {
  if (!isObject(doc) || !('runs' in doc) || !('version' in doc || '$schema' in doc)) return undefined;
  if (!Array.isArray(doc['runs'])) return `"runs" is ${jsonType(doc['runs'])}, where SARIF has a list of runs`;
  return `"version" is ${jsonType(doc['version'])}, where SARIF has a string ("2.1.0")`;
}

function read(doc: unknown, context: FindingReadContext): ReadResult {
  const root = isObject(doc) ? doc : {};
  const version = text(root['version'], 20) ?? 'unknown version';
  const records: FindingRecord[] = [];
  const suppressed: FindingRecord[] = [];
  const tools: string[] = [];
  const notes: string[] = [];
  const shared = new Interner();
  if (version !== '2.1.0') notes.push(`SARIF version ${version}: read as 2.1.0, the version GitHub accepts`);
  const runs = listOfObjects(root['runs'], context.file, '/runs', 'SARIF run');
  runs.forEach((element, r) => {
    const run = objectAt(element, context.file, `/runs/${r}`, 'SARIF run');
    const tool = toolName(run);
    if (!tools.includes(tool)) tools.push(tool);
    const rc = runContext(run, tool, shared, context);
    for (const invocation of list(run['invocations'])) {
      if (isObject(invocation) && invocation['executionSuccessful'] === false) {
        notes.push(`${tool} reported that its run did not complete successfully (runs[${r}].invocations)`);
      }
    }
    const pointer = `/runs/${r}/results`;
    // Each record's pointer is this and the index: one cons string on a flat prefix (see joined).
    const elementPointer = joined(pointer, '/');
    listOfObjects(run['results'], context.file, pointer, 'SARIF result').forEach((element, i) => {
      const result = objectAt(element, context.file, `${elementPointer}${i}`, 'SARIF result');
      const kind = typeof result['kind'] === 'string' ? result['kind'] : 'fail';
      if (NOT_A_PROBLEM.has(kind) || result['baselineState'] === 'absent') return;
      const record = toRecord(result, kind, rc, `${elementPointer}${i}`, context);
      (isSuppressed(result) ? suppressed : records).push(record);
    });
  });
  const runCount = runs.length;
  return {
    tools,
    format: `SARIF ${version} (${countOf(runCount, 'run')})`,
    records,
    suppressed,
    notes,
  };
}

function toolName(run: Json): string {
  const driver = isObject(run['tool']) && isObject(run['tool']['driver']) ? run['tool']['driver'] : {};
  return (text(driver['name'], 100) ?? 'sarif').toLowerCase();
}

/** A suppression counts unless it is rejected or still under review (status absent means accepted). */
function isSuppressed(result: Json): boolean {
  return list(result['suppressions']).some((s) => {
    if (!isObject(s)) return false;
    // `state` is the name an early 2.1.0 draft used (the spec's own appendix K example still has it).
    const status = s['status'] ?? s['state'] ?? 'accepted';
    return status === 'accepted';
  });
}

/** What is looked up for every result of a run, prepared once per run. */
interface RunContext {
  run: Json;
  tool: string;
  /** The driver, then the extensions (tool components, SARIF §3.19). */
  components: Json[];
  rulesById: Map<string, Json>;
  /** What results take from their rule, by rule (a run has few rules and many results). */
  facts: Map<Json | undefined, RuleFacts>;
  /** Artifact paths by uriBaseId and uri: results of one file share them. */
  paths: Map<string, string | undefined>;
  /** Values shared across the records of this read. */
  shared: Interner;
  /** What the reader of this run's tool says about its SARIF (see SarifHints), when the tool has a reader. */
  hints: SarifHints | undefined;
}

/** What a result takes from its rule, worked out once per rule. */
interface RuleFacts {
  shortDescription: string | undefined;
  fullDescription: string | undefined;
  name: string | undefined;
  helpUri: string | undefined;
  /** The rule's tags without repeats: the tags of a result that has none of its own. */
  tags: string[];
  /** For results with no tags of their own: their record's tags and CWEs (shared), and category by rule id. */
  recordTags: string[] | undefined;
  cwes: string[] | undefined;
  categoryRuleId: string | undefined;
  category: Category | undefined;
}

function runContext(run: Json, tool: string, shared: Interner, context: FindingReadContext): RunContext {
  const toolObject = isObject(run['tool']) ? run['tool'] : {};
  const driver = isObject(toolObject['driver']) ? toolObject['driver'] : {};
  const components = [driver, ...list(toolObject['extensions']).filter(isObject)];
  const rulesById = new Map<string, Json>();
  for (const component of components) {
    for (const rule of list(component['rules'])) {
      if (isObject(rule) && typeof rule['id'] === 'string' && !rulesById.has(rule['id']))
        rulesById.set(rule['id'], rule);
    }
  }
  const hints = context.readers.find((reader) => reader.name === tool)?.sarif;
  return { run, tool, components, rulesById, facts: new Map(), paths: new Map(), shared, hints };
}

function ruleFacts(rule: Json | undefined, rc: RunContext): RuleFacts {
  let facts = rc.facts.get(rule);
  if (facts === undefined) {
    const tags = [...new Set(tagsOf(rule))];
    facts = {
      shortDescription: description(rule, 'shortDescription'),
      fullDescription: description(rule, 'fullDescription'),
      name: text(rule?.['name'], 300),
      helpUri: text(rule?.['helpUri'], 1000),
      tags,
      recordTags: tags.length > 0 ? tags.slice(0, 20) : undefined,
      cwes: cwesOf(tags),
      categoryRuleId: undefined,
      category: undefined,
    };
    rc.facts.set(rule, facts);
  }
  return facts;
}

/** The rule object a result refers to: by rule.index / ruleIndex in its tool component, else by id. */
function ruleOf(result: Json, rc: RunContext): Json | undefined {
  const ref = isObject(result['rule']) ? result['rule'] : {};
  let component = rc.components[0]!;
  if (isObject(ref['toolComponent'])) {
    const tc = ref['toolComponent'];
    const byIndex = typeof tc['index'] === 'number' ? rc.components[tc['index'] + 1] : undefined;
    const byName = typeof tc['name'] === 'string' ? rc.components.find((c) => c['name'] === tc['name']) : undefined;
    component = byIndex ?? byName ?? component;
  }
  const index =
    typeof ref['index'] === 'number'
      ? ref['index']
      : typeof result['ruleIndex'] === 'number'
        ? result['ruleIndex']
        : -1;
  const rules = list(component['rules']);
  if (index >= 0 && isObject(rules[index])) return rules[index];
  const id = typeof result['ruleId'] === 'string' ? result['ruleId'] : ref['id'];
  if (typeof id !== 'string') return ruleNamedByMessage(result, rc);
  // A hierarchical id ("C2001/1", "js/a/sub") refers to the rule whose id is its longest matching prefix.
  for (let prefix = id; prefix !== ''; prefix = prefix.slice(0, Math.max(prefix.lastIndexOf('/'), 0))) {
    const rule = rc.rulesById.get(prefix);
    if (rule) return rule;
  }
  return undefined;
}

/** A result with no rule reference whose message starts with a rule id (Gitleaks 7: "AWS Access Key secret detected"). */
function ruleNamedByMessage(result: Json, rc: RunContext): Json | undefined {
  const message =
    isObject(result['message']) && typeof result['message']['text'] === 'string' ? result['message']['text'] : '';
  let best: Json | undefined;
  for (const [id, rule] of rc.rulesById) {
    if (message.startsWith(`${id} `) && (!best || id.length > String(best['id']).length)) best = rule;
  }
  return best;
}

function tagsOf(holder: Json | undefined): string[] {
  if (!holder || !isObject(holder['properties'])) return [];
  return list(holder['properties']['tags']).filter((t): t is string => typeof t === 'string');
}

function description(holder: unknown, key: string): string | undefined {
  return isObject(holder) && isObject(holder[key]) ? text(holder[key]['text']) : undefined;
}

const PLACEHOLDER = /\{\{|\}\}|\{(\d+)\}/g;

/** Fills {0}, {1}… from arguments; {{ and }} are literal braces (SARIF §3.11.5). */
export function formatMessage(template: string, args: unknown[]): string {
  if (!template.includes('{') && !template.includes('}')) return template;
  return template.replace(PLACEHOLDER, (match, n: string | undefined) => {
    if (match === '{{') return '{';
    if (match === '}}') return '}';
    const value = args[Number(n)];
    return value === undefined ? match : String(value);
  });
}

/** The first line of a message with something on it (messages often start with a blank line). */
function firstLineOf(message: string): string | undefined {
  for (let start = 0; start <= message.length;) {
    const end = message.indexOf('\n', start);
    const line = end < 0 ? message.slice(start) : message.slice(start, end);
    if (line.trim() !== '') return line;
    if (end < 0) return undefined;
    start = end + 1;
  }
  return undefined;
}

/** The result's message: its text, else the rule's (or the driver's global) messageStrings entry by id. */
function messageOf(result: Json, rule: Json | undefined, rc: RunContext): string | undefined {
  const message = isObject(result['message']) ? result['message'] : {};
  const args = list(message['arguments']);
  if (typeof message['text'] === 'string' && message['text'].trim() !== '') return formatMessage(message['text'], args);
  if (typeof message['id'] === 'string') {
    const id = message['id'];
    const driver = rc.components[0]!;
    for (const strings of [rule?.['messageStrings'], driver['globalMessageStrings']]) {
      if (isObject(strings) && isObject(strings[id]) && typeof strings[id]['text'] === 'string') {
        return formatMessage(strings[id]['text'], args);
      }
    }
  }
  if (typeof message['markdown'] === 'string' && message['markdown'].trim() !== '')
    return formatMessage(message['markdown'], args);
  return undefined;
}

function levelOf(result: Json, rule: Json | undefined, kind: string): SarifLevel {
  if (isSarifLevel(result['level'])) return result['level'];
  // A level is defaulted from the rule only for kind "fail"; any other kind defaults to "none" (SARIF §3.27.10).
  if (kind !== 'fail') return 'none';
  const configuration = rule && isObject(rule['defaultConfiguration']) ? rule['defaultConfiguration'] : {};
  return isSarifLevel(configuration['level']) ? configuration['level'] : 'warning';
}

function severityOf(result: Json, rule: Json | undefined, kind: string, hints: SarifHints | undefined): Severity {
  const hinted = hints?.severity?.(result, rule);
  if (hinted) return hinted;
  // A score on the result itself wins over its rule's; a result score of 0 means "no security severity".
  if (isObject(result['properties']) && result['properties']['security-severity'] !== undefined) {
    return securitySeverity(result['properties']['security-severity']) ?? levelSeverity(levelOf(result, rule, kind));
  }
  const fromRule =
    rule && isObject(rule['properties']) ? securitySeverity(rule['properties']['security-severity']) : undefined;
  return fromRule ?? levelSeverity(levelOf(result, rule, kind));
}

function categoryOf(tags: string[], ruleId: string, hints: SarifHints | undefined): Category {
  if (hints?.category) return hints.category;
  const lower = new Set(tags.map((t) => t.toLowerCase()));
  if (lower.has('secret') || lower.has('secrets')) return 'secret';
  if (lower.has('vulnerability') || /^(CVE|GHSA)-/i.test(ruleId)) return 'vulnerability';
  if (lower.has('misconfiguration') || lower.has('iac')) return 'misconfiguration';
  if (lower.has('license')) return 'license';
  return 'code';
}

function cwesOf(tags: string[]): string[] | undefined {
  const cwes = new Set<string>();
  for (const tag of tags) {
    const match = /cwe[-/:]?\s*(\d+)/i.exec(tag);
    if (match) cwes.add(`CWE-${Number(match[1])}`);
  }
  return cwes.size > 0 ? [...cwes] : undefined;
}

/**
 * The artifact path, following artifacts[index] and uriBaseId → originalUriBaseIds. Relative bases are joined;
 * an absolute base (a path on the machine that ran the scan) is used only to make the path relative to `root`
 * when it lies under it; otherwise the path stays relative to that base, which is the checkout in practice.
 */
function artifactPath(location: Json, run: Json, context: FindingReadContext): string | undefined {
  let uri = location['uri'];
  let base = location['uriBaseId'];
  if (typeof uri !== 'string' && typeof location['index'] === 'number') {
    const artifact = list(run['artifacts'])[location['index']];
    const artifactLocation = isObject(artifact) && isObject(artifact['location']) ? artifact['location'] : {};
    uri = artifactLocation['uri'];
    base = base ?? artifactLocation['uriBaseId'];
  }
  if (typeof uri !== 'string' || uri.trim() === '') return undefined;
  const bases = isObject(run['originalUriBaseIds']) ? run['originalUriBaseIds'] : {};
  let relative = uri;
  for (let depth = 0; typeof base === 'string' && depth < 5; depth++) {
    const entry = bases[base];
    if (!isObject(entry) || typeof entry['uri'] !== 'string') break;
    if (/^[a-zA-Z][a-zA-Z0-9+.-]+:/.test(entry['uri']) || entry['uri'].startsWith('/')) {
      if (isAbsoluteUri(relative)) break;
      const absolute = uriToPath(joinUri(entry['uri'], relative), context.root);
      return absolute.startsWith('/') ? uriToPath(relative, context.root) : absolute;
    }
    relative = joinUri(entry['uri'].trim(), relative);
    base = entry['uriBaseId'];
  }
  return uriToPath(relative, context.root);
}

/** artifactPath, remembered per run for locations given by uri (and uriBaseId). */
function cachedArtifactPath(location: Json, rc: RunContext, context: FindingReadContext): string | undefined {
  const uri = location['uri'];
  const base = location['uriBaseId'];
  if (typeof uri !== 'string' || (base !== undefined && typeof base !== 'string'))
    return artifactPath(location, rc.run, context);
  const key = base === undefined ? `-${uri}` : `${base.length}:${base}:${uri}`;
  if (rc.paths.has(key)) return rc.paths.get(key);
  const path = artifactPath(location, rc.run, context);
  rc.paths.set(key, path);
  return path;
}

function isAbsoluteUri(uri: string): boolean {
  return /^[a-zA-Z][a-zA-Z0-9+.-]+:/.test(uri) || uri.startsWith('/');
}

/**
 * The tool's own fingerprint: `fingerprints` (complete identities), else the primaryLocation* partial fingerprints
 * GitHub uses (line hash, and the start-column fingerprint that separates two results on one line).
 */
function toolFingerprint(result: Json): string | undefined {
  if (isObject(result['fingerprints'])) {
    const fingerprints = result['fingerprints'];
    const keys = Object.keys(fingerprints);
    if (keys.length === 1) {
      const value = fingerprints[keys[0]!];
      if (typeof value === 'string' && value !== '') return `${keys[0]!}=${value}`;
    }
    const entries = Object.entries(fingerprints).filter(([, v]) => typeof v === 'string' && v !== '');
    if (entries.length > 0)
      return entries
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => `${k}=${String(v)}`)
        .join('|');
  }
  // Other partial fingerprints (Gitleaks' commitSha/author/…) are not unique per finding.
  if (isObject(result['partialFingerprints'])) {
    const partial = result['partialFingerprints'];
    const keys = Object.keys(partial)
      .filter((k) => k.startsWith('primaryLocation') && typeof partial[k] === 'string' && partial[k] !== '')
      .sort();
    if (keys.some((k) => k.startsWith('primaryLocationLineHash')))
      return keys.map((k) => `${k}=${String(partial[k])}`).join('|');
  }
  return undefined;
}

function toRecord(
  result: Json,
  kind: string,
  rc: RunContext,
  pointer: string,
  context: FindingReadContext,
): FindingRecord {
  const { tool } = rc;
  const rule = ruleOf(result, rc);
  const facts = ruleFacts(rule, rc);
  const ref = isObject(result['rule']) ? result['rule'] : {};
  const ruleId = rc.shared.string(
    text(result['ruleId'], 200) ?? text(ref['id'], 200) ?? text(rule?.['id'], 200) ?? 'unknown-rule',
  );
  const message = messageOf(result, rule, rc);
  // What is shown is masked; the fingerprint keeps the message as read, so it does not change.
  const shown = message === undefined || !rc.hints?.maskSecrets ? message : rc.hints.maskSecrets(ruleId, message);
  const { shortDescription, fullDescription } = facts;
  const firstLine = shown === undefined ? undefined : firstLineOf(shown);
  const title = text(firstLine, 300) ?? shortDescription ?? facts.name ?? ruleId;
  const details = shown && text(shown) !== title ? text(shown) : (fullDescription ?? shortDescription);

  const first = list(result['locations']).find(isObject);
  const physical = first && isObject(first['physicalLocation']) ? first['physicalLocation'] : {};
  const artifact = isObject(physical['artifactLocation']) ? physical['artifactLocation'] : {};
  const region = isObject(physical['region']) ? physical['region'] : {};
  const path = cachedArtifactPath(artifact, rc, context) ?? '';
  const startLine = positiveInteger(region['startLine']);
  const rawSnippet = isObject(region['snippet']) ? text(region['snippet']['text'], 5000) : undefined;

  const ownTags = tagsOf(result);
  let category: Category;
  let tags: string[] | undefined;
  let cwes: string[] | undefined;
  if (ownTags.length === 0) {
    // The common case: the rule's tags, CWEs and category, worked out once per rule.
    if (facts.categoryRuleId !== ruleId || facts.category === undefined) {
      facts.category = categoryOf(facts.tags, ruleId, rc.hints);
      facts.categoryRuleId = ruleId;
    }
    category = facts.category;
    tags = facts.recordTags;
    cwes = facts.cwes;
  } else {
    const all = [...new Set([...facts.tags, ...ownTags])];
    category = categoryOf(all, ruleId, rc.hints);
    tags = all.length > 0 ? all.slice(0, 20) : undefined;
    cwes = cwesOf(all);
  }
  // Secret scanners put the secret itself in the snippet (Gitleaks does): only its length is kept.
  const snippet = category === 'secret' && rawSnippet !== undefined ? '*'.repeat(rawSnippet.length) : rawSnippet;
  return findingRecord({
    tool,
    ruleId,
    title,
    description: details && details !== title ? details : undefined,
    severity: severityOf(result, rule, kind, rc.hints),
    category,
    location: {
      path,
      startLine,
      endLine: positiveInteger(region['endLine']),
      startColumn: positiveInteger(region['startColumn']),
      endColumn: positiveInteger(region['endColumn']),
    },
    identity: contentIdentity({
      rule: ruleId,
      path,
      snippet,
      toolFingerprint: toolFingerprint(result),
      line: startLine,
      detail: message,
    }),
    source: { file: context.file, tool, record: pointer },
    helpUri: facts.helpUri,
    cwes,
    tags,
  });
}

// Streaming: walk runs and keep a slim copy of each result (no code flows, stacks, graphs or related locations).
const RESULT_FIELDS = [
  'ruleId',
  'ruleIndex',
  'rule',
  'kind',
  'level',
  'message',
  'partialFingerprints',
  'fingerprints',
  'suppressions',
  'baselineState',
];

function slimResult(element: unknown): unknown {
  if (!isObject(element)) return notAnObject(element);
  const out: Json = {};
  for (const key of RESULT_FIELDS) if (element[key] !== undefined) out[key] = element[key];
  const first = list(element['locations']).find(isObject);
  if (first) out['locations'] = [{ physicalLocation: first['physicalLocation'] }];
  if (isObject(element['properties'])) {
    const properties: Json = {};
    for (const key of ['tags', 'security-severity', 'issue_severity']) {
      if (element['properties'][key] !== undefined) properties[key] = element['properties'][key];
    }
    out['properties'] = properties;
  }
  return out;
}

const streamPlan: ScanPlan = (path) => {
  if (path.length === 0 || (path.length === 1 && path[0] === 'runs') || (path.length === 2 && path[0] === 'runs'))
    return 'descend';
  if (path.length === 3 && path[2] === 'results') return slimResult;
  return 'parse';
};

export const sarifReader: FindingReader = {
  name: 'sarif',
  format: 'SARIF',
  anyToolFormat: 'SARIF 2.1.0 (from any tool)',
  detect,
  explain,
  read,
  streaming: { plan: streamPlan },
};
