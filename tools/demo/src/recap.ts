// The demo's recap for a person at a terminal: one line per stage (its verdict as GitHub would mark the step, what
// it found, how long it took), then whether the whole flow behaved as designed, and why not when it did not.
import { countOf, humanDuration } from '@actions-kit/core';
import type { TrafficFigures } from './user-traffic.js';

export interface StageResult {
  name: string;
  /** How GitHub would mark the stage: the outcome of its steps. */
  passed: boolean;
  /** The verdict in words, e.g. "passed", "deployed", "rolled back". */
  verdict: string;
  /** What it found or did, e.g. "7 tests, 0 failed; 95.2% of lines covered". */
  detail: string;
  durationMs: number;
  /** Whether this is what the demo sets out to show (the bad release is meant to be rolled back). */
  asDesigned: boolean;
  /** When not as designed: what was expected instead. */
  expected?: string;
}

const NAME_WIDTH = 22;
const VERDICT_WIDTH = 14;

/** Text from outside (a test's output, a scanner's message) shown at a terminal: control characters made visible. */
export function printable(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g,
    (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

export function stageLine(stage: StageResult): string {
  const mark = stage.passed ? '✅' : '❌';
  const note = stage.asDesigned ? '' : `  ⚠ expected ${stage.expected ?? 'otherwise'}`;
  return (
    `${mark} ${stage.name.padEnd(NAME_WIDTH)} ${stage.verdict.padEnd(VERDICT_WIDTH)} ` +
    `${humanDuration(stage.durationMs).padStart(8)}  ${printable(stage.detail)}${note}`
  );
}

export function trafficLine(figures: TrafficFigures): string {
  const colors = Object.entries(figures.byColor)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([color, count]) => `${color} ${countOf(count, 'answer')}`)
    .join(', ');
  const failures = figures.failed === 0 ? '' : ` (${figures.failures.join(', ')})`;
  return (
    `Users meanwhile: ${countOf(figures.requests, 'request')} through the proxy, ${figures.failed} failed${failures}` +
    (colors === '' ? '' : `; answered by ${colors}`)
  );
}

export interface DemoVerdict {
  asDesigned: boolean;
  text: string;
}

/** As designed when every stage is, and no user request failed through the switches and the rollback. */
export function demoVerdict(stages: readonly StageResult[], traffic: TrafficFigures | undefined): DemoVerdict {
  const off = stages.filter((stage) => !stage.asDesigned).map((stage) => `${stage.name}: ${stage.verdict}`);
  if (traffic !== undefined && traffic.failed > 0) off.push(`${countOf(traffic.failed, 'user request')} failed`);
  if (off.length === 0) {
    return {
      asDesigned: true,
      text:
        'As designed: the good release is live, the bad one was caught by the health check after the switch and ' +
        'rolled back, and no user request failed.',
    };
  }
  return { asDesigned: false, text: `NOT as designed: ${off.join('; ')}.` };
}
