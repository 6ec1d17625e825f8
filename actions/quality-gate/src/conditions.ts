// The `conditions` input: one `<metric> <op> <number>` per line, parsed once, then judged against the run's facts.
import { ConfigurationError, quoteValue } from '@actions-kit/core';
import { formatValue } from './format.js';
import { METRIC_NAMES, findMetric, type GateFacts, type MetricDescriptor, type ReportKind } from './metrics.js';

export const OPERATORS = ['>=', '<=', '==', '!=', '>', '<'] as const;
export type Operator = (typeof OPERATORS)[number];

export const DEFAULT_CONDITIONS = ['tests.failed == 0', 'tests.errored == 0', 'lint.errors == 0'] as const;

export interface Condition {
  /** As written, spaces normalised: 'coverage.lines >= 80'. */
  text: string;
  metric: MetricDescriptor;
  operator: Operator;
  threshold: number;
}

/**
 * passed / failed: judged. not-enforced: a new.coverage.* condition on fewer changed coverable lines than
 * min-new-lines (judged and shown, never failing). not-evaluable: no value and nothing wrong with the run (no
 * baseline yet, nothing changed to cover, reports allowed to be missing); shown, never failing.
 */
export type ConditionStatus = 'passed' | 'failed' | 'not-enforced' | 'not-evaluable';

export interface ConditionResult {
  condition: Condition;
  status: ConditionStatus;
  value?: number;
  /** Whether the value meets the threshold (also for a not-enforced condition). */
  met?: boolean;
  /** Why, for every status but passed. */
  reason?: string;
}

const LINE = /^([A-Za-z][\w.-]*)\s*(>=|<=|==|!=|>|<|=)\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*%?$/;

/** Parses the input; an empty one gives the default conditions for the kinds of reports given. */
export function parseConditions(text: string, given: ReadonlySet<ReportKind>): Condition[] {
  const lines = text.split(/\r?\n/);
  const conditions: Condition[] = [];
  lines.forEach((raw, index) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line !== '') conditions.push(parseCondition(line, index + 1));
  });
  if (conditions.length > 0) return conditions;
  return DEFAULT_CONDITIONS.map((line, index) => parseCondition(line, index + 1)).filter((condition) =>
    given.has(condition.metric.needs),
  );
}

export function parseCondition(line: string, lineNumber: number): Condition {
  const match = LINE.exec(line);
  const where = `conditions: line ${lineNumber} ${quoteValue(line)}`;
  if (!match) {
    throw new ConfigurationError(
      `${where} is not '<metric> <operator> <number>'; write e.g. 'coverage.lines >= 80' with one of the operators ` +
        `${OPERATORS.join(' ')}. Known metrics: ${METRIC_NAMES.join(', ')}`,
    );
  }
  const [, name, written, number] = match as unknown as [string, string, string, string];
  if (written === '=') {
    throw new ConfigurationError(`${where} uses '='; write '==' to compare for equality, e.g. 'tests.failed == 0'`);
  }
  const metric = findMetric(name);
  if (!metric) {
    const near = METRIC_NAMES.filter((known) => known.startsWith(name.split('.')[0]!));
    const hint =
      near.length > 0 && near.length < METRIC_NAMES.length ? ` (did you mean one of ${near.join(', ')}?)` : '';
    throw new ConfigurationError(
      `${where} names the unknown metric ${quoteValue(name)}${hint}. Known metrics: ${METRIC_NAMES.join(', ')}`,
    );
  }
  const operator = written as Operator;
  const threshold = Number(number);
  return { text: `${metric.name} ${operator} ${String(threshold)}`, metric, operator, threshold };
}

export interface JudgeOptions {
  /** Changed coverable lines below which new.coverage.* conditions are not enforced. */
  minNewLines: number;
}

/** Judges every condition, in the order given. */
export function judge(conditions: readonly Condition[], facts: GateFacts, options: JudgeOptions): ConditionResult[] {
  return conditions.map((condition) => judgeOne(condition, facts, options));
}

function judgeOne(condition: Condition, facts: GateFacts, options: JudgeOptions): ConditionResult {
  const measured = condition.metric.measure(facts);
  if (!('value' in measured)) {
    return {
      condition,
      status: measured.blocking ? 'failed' : 'not-evaluable',
      reason: `not evaluable: ${measured.unknown}`,
    };
  }
  const { value } = measured;
  const met = compare(value, condition.operator, condition.threshold);
  const coverable = facts.diff?.coverableLines ?? 0;
  if (condition.metric.onNewCode && condition.metric.needs === 'coverage' && coverable < options.minNewLines) {
    return {
      condition,
      status: 'not-enforced',
      value,
      met,
      reason: `${coverable} changed coverable line${coverable === 1 ? '' : 's'}, fewer than min-new-lines (${options.minNewLines})`,
    };
  }
  if (met) return { condition, status: 'passed', value, met };
  const shown = formatValue(value, condition.metric.unit);
  return {
    condition,
    status: 'failed',
    value,
    met,
    reason: `${shown} is not ${condition.operator} ${condition.threshold}`,
  };
}

export function compare(value: number, operator: Operator, threshold: number): boolean {
  switch (operator) {
    case '>=':
      return value >= threshold;
    case '>':
      return value > threshold;
    case '<=':
      return value <= threshold;
    case '<':
      return value < threshold;
    case '==':
      return value === threshold;
    case '!=':
      return value !== threshold;
  }
}
