// The gate's result as a JSON file (the result-output input): what the step decided and every metric it measured. A
// later run reads it back as its baseline (baseline: <path>, or from the cache), so the layout is versioned.
import { quoteValue } from '@actions-kit/core';
import type { ConditionResult } from './conditions.js';

export const RESULT_SCHEMA = 'actions-kit/quality-gate-result';
/** Raised only when a field changes meaning or goes away; adding fields keeps the version. */
export const RESULT_VERSION = 1;

export interface ResultCondition {
  condition: string;
  metric: string;
  operator: string;
  threshold: number;
  status: ConditionResult['status'];
  value?: number;
  reason?: string;
}

export interface GateResultFile {
  schema: typeof RESULT_SCHEMA;
  version: typeof RESULT_VERSION;
  /** ISO 8601. */
  generatedAt: string;
  /** The commit and ref the run was on (GITHUB_SHA, GITHUB_REF), when known. */
  commit?: string;
  ref?: string;
  passed: boolean;
  /** Every overall metric that has a value, by name ('coverage.lines': 81.25): what a later run's *.delta reads. */
  metrics: Record<string, number>;
  /** The new.* metrics that have a value, when a diff was given. */
  newCode?: { changedFiles: number; coverableLines: number; metrics: Record<string, number> };
  conditions: ResultCondition[];
}

export function resultConditions(results: readonly ConditionResult[]): ResultCondition[] {
  return results.map(({ condition, status, value, reason }) => ({
    condition: condition.text,
    metric: condition.metric.name,
    operator: condition.operator,
    threshold: condition.threshold,
    status,
    ...(value !== undefined && { value }),
    ...(reason !== undefined && { reason }),
  }));
}

export function serializeResult(result: GateResultFile): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

/** Why a baseline file cannot be used; the caller names the input or the cache entry it came from. */
export class BaselineFormatError extends Error {
  override name = 'BaselineFormatError';
}

/** The metrics of a previous result file; a file that is not one (or from a newer version) is refused, saying why. */
export function readBaselineMetrics(text: string): Record<string, number> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new BaselineFormatError(`not JSON (${(error as Error).message})`);
  }
  if (!isObject(doc) || doc['schema'] !== RESULT_SCHEMA) {
    throw new BaselineFormatError(
      `not a quality-gate result: its "schema" is not "${RESULT_SCHEMA}"; give the result-output file of an earlier run`,
    );
  }
  const version = doc['version'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new BaselineFormatError(
      `its "version" ${quoteValue(JSON.stringify(version) ?? 'undefined')} is not a version number`,
    );
  }
  if (version > RESULT_VERSION) {
    throw new BaselineFormatError(
      `it is version ${version}, written by a newer quality-gate; this one reads version ${RESULT_VERSION}: use the same version of the action on both branches`,
    );
  }
  const metrics = doc['metrics'];
  if (!isObject(metrics)) throw new BaselineFormatError('its "metrics" is not an object');
  const values: Record<string, number> = {};
  for (const [name, value] of Object.entries(metrics)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new BaselineFormatError(
        `its metric ${quoteValue(name)} is ${quoteValue(JSON.stringify(value) ?? 'undefined')}, not a number`,
      );
    }
    values[name] = value;
  }
  return values;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
