// Reads SARIF 2.1.0 from any linter or analyser as lint messages: one per result of kind 'fail' (the default) or
// 'review'/'open'/'informational', none for 'pass' and 'notApplicable' results or for results the tool marks as
// suppressed. Level comes from the result, else its rule's default, else SARIF's default 'warning'. The location is
// the first one; a location given only by an artifact index is looked up in run.artifacts, and uriBaseIds are resolved
// through run.originalUriBaseIds. A result without any location has path '' (it is kept, never dropped).
import {
  InputError,
  isObject,
  joinUri,
  listOfObjects,
  objectAt,
  positiveInteger,
  text,
  uriToPath,
} from '@actions-kit/reports';
import type { LintMessage, LintSeverity } from './model.js';
import { jsonValue, type LintReader, type QualityReadContext } from './quality-reader.js';

type SarifObject = Record<string, unknown>;

const NOT_PROBLEMS = new Set(['pass', 'notApplicable']);

export const sarifReader: LintReader = {
  name: 'sarif',
  format: 'SARIF',
  anyToolFormat: 'SARIF 2.1.0 (from any tool)',
  detect(doc) {
    const value = jsonValue(doc);
    return (
      isObject(value) &&
      Array.isArray(value['runs']) &&
      ((typeof value['version'] === 'string' && value['version'].startsWith('2.')) ||
        (typeof value['$schema'] === 'string' && value['$schema'].includes('sarif')))
    );
  },
  read(doc, context) {
    const runs = listOfObjects((jsonValue(doc) as SarifObject)['runs'], context.file, '/runs', 'run');
    if (runs.length === 0) {
      throw new InputError(
        context.file,
        'the SARIF file has no runs: no tool reported anything, not even a clean result. Check the step that wrote it.',
      );
    }
    const messages: LintMessage[] = [];
    runs.forEach((element, r) => {
      const run = objectAt(element, context.file, `/runs/${r}`, 'run');
      const driver = objectAt(
        objectAt(run['tool'] ?? {}, context.file, `/runs/${r}/tool`, 'tool')['driver'] ?? {},
        context.file,
        `/runs/${r}/tool/driver`,
        'driver',
      );
      const tool = text(driver['name'], 100) ?? 'SARIF';
      const rules = Array.isArray(driver['rules']) ? driver['rules'] : [];
      const results = listOfObjects(run['results'], context.file, `/runs/${r}/results`, 'result');
      results.forEach((item, i) => {
        const result = objectAt(item, context.file, `/runs/${r}/results/${i}`, 'result');
        if (NOT_PROBLEMS.has(String(result['kind'])) || isSuppressed(result)) return;
        const rule = ruleOf(result, rules);
        const ruleId = text(result['ruleId'], 200) ?? text(rule?.['id'], 200);
        messages.push({
          ...location(result, run, context),
          severity: severity(result, rule),
          ...(ruleId !== undefined && { rule: ruleId }),
          message: messageText(result, rule),
          tool,
          source: context.file,
        });
      });
    });
    return messages;
  },
};

function ruleOf(result: SarifObject, rules: unknown[]): SarifObject | undefined {
  const index = isObject(result['rule']) ? result['rule']['index'] : result['ruleIndex'];
  const byIndex = typeof index === 'number' ? rules[index] : undefined;
  if (isObject(byIndex)) return byIndex;
  const id = result['ruleId'];
  const byId = typeof id === 'string' ? rules.find((rule) => isObject(rule) && rule['id'] === id) : undefined;
  return isObject(byId) ? byId : undefined;
}

function isSuppressed(result: SarifObject): boolean {
  const suppressions = result['suppressions'];
  if (!Array.isArray(suppressions) || suppressions.length === 0) return false;
  // A suppression under review or rejected does not hide the result.
  return suppressions.some((s) => isObject(s) && (s['status'] === undefined || s['status'] === 'accepted'));
}

function severity(result: SarifObject, rule: SarifObject | undefined): LintSeverity {
  const configuration = rule && isObject(rule['defaultConfiguration']) ? rule['defaultConfiguration'] : {};
  const level = result['level'] ?? configuration['level'] ?? 'warning';
  if (level === 'error' || level === 'warning') return level;
  return 'info';
}

function messageText(result: SarifObject, rule: SarifObject | undefined): string {
  const message = isObject(result['message']) ? result['message'] : {};
  const own = text(message['text']);
  if (own !== undefined) return own;
  const strings = rule && isObject(rule['messageStrings']) ? rule['messageStrings'] : {};
  const id = typeof message['id'] === 'string' ? strings[message['id']] : undefined;
  const short = rule && isObject(rule['shortDescription']) ? rule['shortDescription']['text'] : undefined;
  return (isObject(id) ? text(id['text']) : undefined) ?? text(short) ?? '(no message)';
}

function location(
  result: SarifObject,
  run: SarifObject,
  context: QualityReadContext,
): Pick<LintMessage, 'path' | 'line' | 'endLine' | 'column'> {
  const first = Array.isArray(result['locations']) ? result['locations'][0] : undefined;
  const physical = isObject(first) && isObject(first['physicalLocation']) ? first['physicalLocation'] : {};
  let artifact = isObject(physical['artifactLocation']) ? physical['artifactLocation'] : {};
  const artifacts = Array.isArray(run['artifacts']) ? run['artifacts'] : [];
  if (typeof artifact['uri'] !== 'string' && typeof artifact['index'] === 'number') {
    const listed = artifacts[artifact['index']];
    if (isObject(listed) && isObject(listed['location'])) artifact = listed['location'];
  }
  const uri = typeof artifact['uri'] === 'string' ? resolveBase(artifact, run) : undefined;
  const region = isObject(physical['region']) ? physical['region'] : {};
  const line = positiveInteger(region['startLine']);
  const endLine = positiveInteger(region['endLine']);
  const column = positiveInteger(region['startColumn']);
  return {
    path: uri === undefined ? '' : context.paths.map(uriToPath(uri)),
    ...(line !== undefined && { line }),
    ...(endLine !== undefined && { endLine }),
    ...(column !== undefined && { column }),
  };
}

/** The artifact's URI joined to its uriBaseId's definition in run.originalUriBaseIds (which may chain, a few deep). */
function resolveBase(artifact: SarifObject, run: SarifObject): string {
  let uri = artifact['uri'] as string;
  let base = artifact['uriBaseId'];
  const bases = isObject(run['originalUriBaseIds']) ? run['originalUriBaseIds'] : {};
  for (let depth = 0; typeof base === 'string' && depth < 8; depth++) {
    const definition = bases[base];
    if (!isObject(definition) || typeof definition['uri'] !== 'string') break;
    uri = joinUri(definition['uri'], uri);
    base = definition['uriBaseId'];
  }
  return uri;
}
