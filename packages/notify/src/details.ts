// The headline of another actions-kit action's JSON report, for the message: one reader per report, each saying how
// to recognise its report and what to take from it. Adding a report is adding a descriptor to DETAIL_READERS.
import { countOf, humanDuration, groupDigits } from '@actions-kit/core';
import type { Details, Field } from './message.js';

export interface DetailReader {
  /** The action that writes the report. */
  source: string;
  detect(doc: Record<string, unknown>): boolean;
  read(doc: Record<string, unknown>): Omit<Details, 'source'>;
}

type Doc = Record<string, unknown>;

const object = (value: unknown): Doc | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Doc) : undefined;
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const number = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;
const figure = (name: string, value: string | undefined): Field[] => (value === undefined ? [] : [{ name, value }]);

// actions/health-check: { verdict, reason, detail, attempts, durationMs, latency: { p95Ms }, rollback? }
const healthCheck: DetailReader = {
  source: 'health-check',
  detect: (doc) => typeof doc['verdict'] === 'string' && Array.isArray(doc['timeline']),
  read(doc) {
    const attempts = number(doc['attempts']);
    const duration = number(doc['durationMs']);
    const latency = object(doc['latency']);
    const rollback = object(doc['rollback']);
    const p95 = number(latency?.['p95Ms']);
    const rolledBack = rollback === undefined ? undefined : rollback['succeeded'] === true ? 'succeeded' : 'failed';
    return {
      headline:
        `${text(doc['verdict']) ?? 'unknown'}` +
        (attempts === undefined ? '' : ` after ${countOf(attempts, 'round')}`) +
        (duration === undefined ? '' : ` in ${humanDuration(duration)}`),
      ...(text(doc['detail']) !== undefined && { reason: text(doc['detail'])! }),
      figures: [
        ...figure('Reason', text(doc['reason'])),
        ...figure('p95 latency', p95 === undefined ? undefined : `${groupDigits(Math.round(p95))} ms`),
        ...figure('Rollback', rolledBack),
      ],
    };
  },
};

// actions/security-scan: { schemaVersion: 1, policy: { passed, summary, failOn }, counts: { total, critical, … } }
const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
const securityScan: DetailReader = {
  source: 'security-scan',
  detect: (doc) =>
    doc['schemaVersion'] === 1 && object(doc['counts']) !== undefined && object(doc['policy']) !== undefined,
  read(doc) {
    const policy = object(doc['policy'])!;
    const counts = object(doc['counts'])!;
    const total = number(counts['total']) ?? 0;
    const bySeverity = SEVERITIES.filter((severity) => (number(counts[severity]) ?? 0) > 0).map(
      (severity) => `${groupDigits(number(counts[severity])!)} ${severity}`,
    );
    return {
      headline:
        `${policy['passed'] === true ? 'passed' : 'failed'}: ${countOf(total, 'open finding')}` +
        (bySeverity.length > 0 ? ` (${bySeverity.join(', ')})` : ''),
      ...(text(policy['summary']) !== undefined && { reason: text(policy['summary'])! }),
      figures: [
        ...figure('New', number(counts['new']) === undefined ? undefined : groupDigits(number(counts['new'])!)),
        ...figure('Fixed', number(counts['fixed']) === undefined ? undefined : groupDigits(number(counts['fixed'])!)),
      ],
    };
  },
};

// actions/quality-gate: { schema: 'actions-kit/quality-gate-result', passed, metrics, conditions: [{ condition, status, value, reason }] }
const qualityGate: DetailReader = {
  source: 'quality-gate',
  detect: (doc) => doc['schema'] === 'actions-kit/quality-gate-result',
  read(doc) {
    const list: unknown[] = Array.isArray(doc['conditions']) ? doc['conditions'] : [];
    const conditions = list.map(object).filter((condition): condition is Doc => condition !== undefined);
    const failed = conditions.filter((condition) => condition['status'] === 'failed');
    const reasons = failed.map((condition) => {
      const value = number(condition['value']);
      return `${text(condition['condition']) ?? '?'}${value === undefined ? '' : ` (was ${groupDigits(value)})`}`;
    });
    return {
      headline:
        `${doc['passed'] === true ? 'passed' : 'failed'}: ` +
        `${groupDigits(conditions.length - failed.length)} of ${countOf(conditions.length, 'condition')} met`,
      ...(reasons.length > 0 && { reason: `not met: ${reasons.join('; ')}` }),
      figures: Object.entries(object(doc['metrics']) ?? {})
        .filter(([name, value]) => name.startsWith('coverage.') && number(value) !== undefined)
        .slice(0, 3)
        .map(([name, value]) => ({ name, value: `${groupDigits(Math.round((value as number) * 100) / 100)}%` })),
    };
  },
};

// actions/blue-green-switch: { provider, outcome, target, previous, active, problem?, timings: { totalMs } }
const blueGreenSwitch: DetailReader = {
  source: 'blue-green-switch',
  detect: (doc) => typeof doc['outcome'] === 'string' && typeof doc['target'] === 'string' && 'active' in doc,
  read(doc) {
    const total = number(object(doc['timings'])?.['totalMs']);
    return {
      headline:
        `${text(doc['outcome']) ?? 'unknown'}: ${String(doc['previous'])} → ${String(doc['target'])}, ` +
        `${String(doc['active'])} live` +
        (total === undefined ? '' : ` (${humanDuration(total)})`),
      ...(text(doc['problem']) !== undefined && { reason: text(doc['problem'])! }),
      figures: figure('Provider', text(doc['provider'])),
    };
  },
};

export const DETAIL_READERS: readonly DetailReader[] = [healthCheck, securityScan, qualityGate, blueGreenSwitch];

/** The details of a parsed report, or undefined when no reader knows it (the caller names the file and the list). */
export function readDetails(doc: unknown, readers: readonly DetailReader[] = DETAIL_READERS): Details | undefined {
  const root = object(doc);
  if (root === undefined) return undefined;
  const reader = readers.find((candidate) => candidate.detect(root));
  return reader === undefined ? undefined : { source: reader.source, ...reader.read(root) };
}
