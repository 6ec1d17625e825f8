// The recap's lines and the demo's verdict: as designed only when every stage is and no user request failed.
import { describe, expect, it } from '@jest/globals';
import { type StageResult, demoVerdict, printable, stageLine, trafficLine } from '../src/recap.js';

const stage = (name: string, changes: Partial<StageResult> = {}): StageResult => ({
  name,
  passed: true,
  verdict: 'passed',
  detail: 'fine',
  durationMs: 1234,
  asDesigned: true,
  ...changes,
});
const noFailures = { requests: 1234, failed: 0, failures: [], byColor: { green: 1000, blue: 234 } };

describe('stageLine', () => {
  it('marks the stage as GitHub would, with its verdict, time and detail, and flags what was not as designed', () => {
    expect(stageLine(stage('quality gate'))).toBe('✅ quality gate           passed            1.2 s  fine');
    expect(stageLine(stage('deploy 1.2.0 (bad)', { passed: false, verdict: 'rolled back' }))).toMatch(
      /^❌ deploy 1\.2\.0 \(bad\) +rolled back +1\.2 s {2}fine$/,
    );
    expect(stageLine(stage('tests', { asDesigned: false, expected: 'a pass' }))).toMatch(/fine {2}⚠ expected a pass$/);
  });
});

describe('printable', () => {
  it("shows a terminal escape or a carriage return from a test's output as text, keeping tabs", () => {
    expect(printable('\u001b[2Kok\rnot ok\tdone')).toBe('\\x1b[2Kok\\x0dnot ok\tdone');
  });
});

describe('trafficLine', () => {
  it('counts requests and failures with grouped digits and real plurals, colors in order', () => {
    expect(trafficLine(noFailures)).toBe(
      'Users meanwhile: 1,234 requests through the proxy, 0 failed; answered by blue 234 answers, green 1,000 answers',
    );
    expect(trafficLine({ requests: 1, failed: 1, failures: ['HTTP 502'], byColor: {} })).toBe(
      'Users meanwhile: 1 request through the proxy, 1 failed (HTTP 502)',
    );
  });
});

describe('demoVerdict', () => {
  it('is as designed when every stage is and no user request failed', () => {
    expect(demoVerdict([stage('a'), stage('b', { passed: false })], noFailures).asDesigned).toBe(true);
  });

  it('names every stage that was not as designed, and failed user requests', () => {
    const verdict = demoVerdict([stage('quality gate', { asDesigned: false, verdict: 'failed' })], {
      ...noFailures,
      failed: 2,
    });
    expect(verdict).toEqual({
      asDesigned: false,
      text: 'NOT as designed: quality gate: failed; 2 user requests failed.',
    });
  });
});
