// The `metrics` input (a YAML list of Prometheus queries, each with a condition) and how one query's result fares
// against its condition.
import { ConfigurationError, parseEnum, parseInteger, quoteValue } from '@actions-kit/core';
import { compareNumbers, OPERATOR_LIST, readOperator, type ComparisonOperator } from './comparison.js';
import type { MetricFailure } from './health-reasons.js';
import type { PrometheusResult, PrometheusSample } from './prometheus.js';

/** What an instant vector with no series means: `fail` (the default), `pass`, or neither (`inconclusive`). */
export const ON_EMPTY = ['fail', 'pass', 'inconclusive'] as const;
export type OnEmpty = (typeof ON_EMPTY)[number];

export interface MetricCondition {
  /** As written, without surrounding blanks: `< 0.01`. */
  text: string;
  operator: ComparisonOperator;
  threshold: number;
}

export interface MetricDefinition {
  name: string;
  query: string;
  condition: MetricCondition;
  onEmpty: OnEmpty;
  /** Failures of this metric tolerated over the whole run; unset, each failure counts like a failed probe. */
  failureLimit?: number;
}

/**
 * `pass`, `fail` and `inconclusive` are measurements; `error` means the query itself cannot give an answer any
 * condition could judge (Prometheus rejects it, or it returns a range vector or a string), which no retry will change.
 */
export type MetricVerdict = 'pass' | 'fail' | 'inconclusive' | 'error';

export interface MetricOutcome {
  name: string;
  verdict: MetricVerdict;
  reason: 'ok' | MetricFailure;
  /** The first few sample values, for the summary's chart (NaN and ±Infinity included). */
  values: number[];
  /** How many series the query returned (0 when it returned none or failed). */
  series: number;
  /** One line saying why, safe to print: labels and Prometheus's text only ever appear shortened by quoteValue. */
  detail: string;
}

const KEYS = ['name', 'query', 'condition', 'on-empty', 'failure-limit'];
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const DECIMAL = /^-?\d+(?:\.\d+)?$/;
const CONDITION_FORM = `write an operator (${OPERATOR_LIST}) and a number, such as < 0.01 or >= 0.95`;
const EXAMPLE = '- name: error-rate\n  query: sum(rate(errors[1m])) / sum(rate(requests[1m]))\n  condition: "< 0.01"';
const VALUES_KEPT = 10;

/** Reads the `metrics` input's YAML. Blank text is no metrics. */
export async function parseMetrics(text: string, inputName = 'metrics'): Promise<MetricDefinition[]> {
  // Blank text is no metrics, as YAML reads it too: then the parser is not loaded at all.
  if (text.trim() === '') return [];
  // Loaded on demand: most runs have no metrics, and the YAML parser is a large module to load at start-up.
  const { parse, YAMLParseError } = await import('yaml');
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    const line = error.linePos?.[0]?.line;
    const lineText = line === undefined ? '' : (text.split(/\r?\n/)[line - 1] ?? '');
    // `condition: >= 0.95` is the mistake everyone makes: in YAML a plain value cannot start with `>`.
    const hint = /:\s*>/.test(lineText) ? '; put a condition starting with > in quotes: condition: ">= 0.95"' : '';
    throw new ConfigurationError(
      `${inputName}: not valid YAML${line === undefined ? '' : ` at line ${line}`}: ${error.message.split('\n')[0]}${hint}`,
    );
  }
  return readMetricDefinitions(document, inputName);
}

/** Validates the parsed YAML: a list of mappings with unique names (null, from blank text, is an empty list). */
export function readMetricDefinitions(document: unknown, inputName = 'metrics'): MetricDefinition[] {
  if (document === null || document === undefined) return [];
  if (!Array.isArray(document)) {
    throw new ConfigurationError(
      `${inputName}: expected a YAML list of metrics, found ${describeYaml(document)}; e.g.\n${EXAMPLE}`,
    );
  }
  const seen = new Set<string>();
  return document.map((item: unknown, index) => {
    const definition = readItem(item, `${inputName}: item ${index + 1}`);
    if (seen.has(definition.name)) {
      throw new ConfigurationError(
        `${inputName}: item ${index + 1}: the name ${definition.name} is already used by an earlier item; give each metric its own name`,
      );
    }
    seen.add(definition.name);
    return definition;
  });
}

function readItem(item: unknown, where: string): MetricDefinition {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    throw new ConfigurationError(
      `${where}: expected a mapping with name, query and condition, found ${describeYaml(item)}`,
    );
  }
  const fields = item as Record<string, unknown>;
  const unknownKeys = Object.keys(fields).filter((key) => !KEYS.includes(key));
  if (unknownKeys.length > 0) {
    const listed = unknownKeys.map((key) => quoteValue(key)).join(', ');
    throw new ConfigurationError(`${where}: unknown key ${listed}; the keys are ${KEYS.join(', ')}`);
  }
  const name = requiredText(fields, 'name', where);
  if (!NAME.test(name)) {
    throw new ConfigurationError(
      `${where}: name ${quoteValue(name)} is not a metric name; use up to 64 letters, digits, '.', '_' and '-', such as error-rate`,
    );
  }
  const named = `${where} (${name})`;
  const query = requiredText(fields, 'query', named);
  const condition = parseMetricCondition(requiredText(fields, 'condition', named), `${named}: condition`);
  const onEmptyValue = fields['on-empty'];
  const onEmpty =
    onEmptyValue === undefined || onEmptyValue === null
      ? 'fail'
      : parseEnum(String(onEmptyValue), `${named}: on-empty`, ON_EMPTY);
  const limitValue = fields['failure-limit'];
  const definition: MetricDefinition = { name, query, condition, onEmpty };
  if (limitValue !== undefined && limitValue !== null) {
    definition.failureLimit = parseInteger(String(limitValue), `${named}: failure-limit`, { min: 0 });
  }
  return definition;
}

function requiredText(fields: Record<string, unknown>, key: string, where: string): string {
  const value = fields[key];
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  const found = value === undefined ? 'it is missing' : `found ${describeYaml(value)}`;
  throw new ConfigurationError(`${where}: '${key}' must be a non-empty string, ${found}; e.g.\n${EXAMPLE}`);
}

function describeYaml(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null || typeof value !== 'object') return `${typeof value} ${quoteValue(String(value))}`;
  return 'a mapping';
}

/** `< 0.01` → { operator: '<', threshold: 0.01 }. `where` starts the message (`metrics: item 1 (x): condition`). */
export function parseMetricCondition(text: string, where: string): MetricCondition {
  const trimmed = text.trim();
  const comparison = readOperator(trimmed);
  const number = comparison?.rest.trim() ?? '';
  if (comparison === undefined || !DECIMAL.test(number)) {
    throw new ConfigurationError(`${where}: ${quoteValue(trimmed)} is not a condition; ${CONDITION_FORM}`);
  }
  return { text: trimmed, operator: comparison.operator, threshold: Number(number) };
}

/** Whether one value meets the condition; NaN never does. */
export function conditionHolds(condition: MetricCondition, value: number): boolean {
  return compareNumbers(value, condition.operator, condition.threshold);
}

/** How one query's result fares: every sample of a vector must meet the condition. */
export function evaluateMetric(metric: MetricDefinition, result: PrometheusResult): MetricOutcome {
  const outcome = (
    verdict: MetricVerdict,
    reason: MetricOutcome['reason'],
    detail: string,
    samples: readonly PrometheusSample[] = [],
  ): MetricOutcome => ({
    name: metric.name,
    verdict,
    reason,
    values: samples.slice(0, VALUES_KEPT).map((sample) => sample.value),
    series: samples.length,
    detail,
  });
  switch (result.kind) {
    case 'prometheus-down':
      return outcome('fail', 'prometheus-down', `Prometheus did not answer: ${result.detail}`);
    case 'bad-query':
      return outcome('error', 'metric', `Prometheus rejected the query ${quoteValue(metric.query)}: ${result.detail}`);
    case 'unsupported':
      return outcome(
        'error',
        'metric',
        `the query ${quoteValue(metric.query)} returns a ${result.resultType === 'matrix' ? 'range vector' : 'string'}; ` +
          'a condition needs an instant vector or a scalar (drop the [range] selector, or wrap it in rate() or avg_over_time())',
      );
    case 'empty':
      if (metric.onEmpty === 'pass') return outcome('pass', 'ok', 'no data, which on-empty: pass accepts');
      return outcome(
        metric.onEmpty,
        'metric-empty',
        `the query returned no data (on-empty: ${metric.onEmpty}); check the metric name and labels`,
      );
    case 'samples': {
      const failing = result.samples.find((sample) => !conditionHolds(metric.condition, sample.value));
      if (failing === undefined) {
        const what =
          result.samples.length === 1 ? String(result.samples[0]?.value) : `all ${result.samples.length} series`;
        return outcome('pass', 'ok', `${what} ${metric.condition.text}`, result.samples);
      }
      const why = Number.isNaN(failing.value) ? 'NaN (no number, which never passes)' : String(failing.value);
      return outcome(
        'fail',
        'metric',
        `${why} is not ${metric.condition.text}${seriesName(failing.labels)}`,
        result.samples,
      );
    }
  }
}

/** ` for {job="api"}`, shortened; nothing for a scalar or a series without labels. */
function seriesName(labels: Record<string, string>): string {
  const pairs = Object.entries(labels).map(([name, value]) => `${name}=${JSON.stringify(value)}`);
  return pairs.length === 0 ? '' : ` for ${quoteValue(`{${pairs.join(', ')}}`)}`;
}
