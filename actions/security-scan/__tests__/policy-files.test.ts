// Loading the ignore file and the baseline: their mistakes are configuration errors naming the input and the file.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '@actions-kit/core';
import { loadBaseline, loadSuppressions } from '../src/policy-files.js';
import { tempWorkspace, type TempWorkspace } from './temp-workspace.js';

let ws: TempWorkspace;
beforeEach(() => {
  ws = tempWorkspace();
});
afterEach(() => ws.remove());

const inputFile = (relative: string, text: string) => ({ file: ws.write(relative, text), displayPath: relative });

describe('loadSuppressions', () => {
  it('reads the entries of the ignore file', async () => {
    const entries = await loadSuppressions(
      inputFile('.security-ignore.yml', '- rule: B101\n  path: tests/**\n  reason: asserts are fine in tests\n'),
    );
    expect(entries).toEqual([{ entry: 1, rule: 'B101', path: 'tests/**', reason: 'asserts are fine in tests' }]);
  });

  it('names the input, the file and the entry of a mistake', async () => {
    const load = () => loadSuppressions(inputFile('.security-ignore.yml', '- rule: B101\n'));
    await expect(load()).rejects.toThrow(ConfigurationError);
    await expect(load()).rejects.toThrow(/^ignore-file: \.security-ignore\.yml: entry 1: 'reason' is required/);
  });

  it('names the line of a YAML syntax error', async () => {
    await expect(loadSuppressions(inputFile('ignore.yml', '- rule: [B101\n'))).rejects.toThrow(
      /^ignore-file: ignore\.yml: not valid YAML at line \d+, column \d+/,
    );
  });
});

describe('loadBaseline', () => {
  it('reads the findings of an earlier JSON report', () => {
    const baseline = loadBaseline(
      inputFile(
        'baseline.json',
        JSON.stringify({
          findings: [{ fingerprint: 'f'.repeat(32), tool: 'bandit', ruleId: 'B602', severity: 'high' }],
        }),
      ),
    );
    expect(baseline.findings.map((f) => [f.fingerprint, f.ruleId, f.severity])).toEqual([
      ['f'.repeat(32), 'B602', 'high'],
    ]);
  });

  it('names the byte where the JSON breaks', () => {
    expect(() => loadBaseline(inputFile('baseline.json', '{"findings": [}'))).toThrow(
      'baseline: baseline.json: not valid JSON at byte 14; point baseline at the JSON report (report-output) of an earlier run',
    );
  });

  it('says what is expected of a JSON file that is not a report', () => {
    expect(() => loadBaseline(inputFile('baseline.json', '[]'))).toThrow(
      /^baseline: baseline\.json: not a security-scan JSON report/,
    );
  });
});
