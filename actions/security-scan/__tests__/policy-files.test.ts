// Loading the ignore file and the baseline: their mistakes are configuration errors naming the input and the file.
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
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
    expect(entries).toEqual({
      suppressions: [{ entry: 1, rule: 'B101', path: 'tests/**', reason: 'asserts are fine in tests' }],
      warnings: [],
    });
  });

  it('warns, naming the input, about a reason a comment cut short', async () => {
    const { suppressions, warnings } = await loadSuppressions(
      inputFile('.security-ignore.yml', '- cve: CVE-2024-1234\n  reason: not reachable (see #482)\n'),
    );
    expect(suppressions[0]!.reason).toBe('not reachable (see');
    expect(warnings).toEqual([
      expect.stringMatching(
        /^ignore-file: \.security-ignore\.yml: line 2: entry 1's reason was read as 'not reachable \(see'/,
      ),
    ]);
  });

  it('names the input, the file and the entry of a mistake', async () => {
    const load = () => loadSuppressions(inputFile('.security-ignore.yml', '- rule: B101\n'));
    await expect(load()).rejects.toThrow(ConfigurationError);
    await expect(load()).rejects.toThrow(/^ignore-file: \.security-ignore\.yml: entry 1: 'reason' is required/);
  });

  it('refuses a YAML alias bomb, naming the input and the file', async () => {
    // Each level refers to the one before nine times: 9^8 strings once expanded.
    const levels = Array.from({ length: 8 }, (_, i) =>
      i === 0
        ? 'a0: &a0 [x, x, x, x, x, x, x, x, x]'
        : `a${i}: &a${i} [${Array(9)
            .fill(`*a${i - 1}`)
            .join(', ')}]`,
    );
    const load = () => loadSuppressions(inputFile('ignore.yml', `${levels.join('\n')}\n`));
    await expect(load()).rejects.toThrow(ConfigurationError);
    await expect(load()).rejects.toThrow(
      /^ignore-file: ignore\.yml: the YAML uses aliases \(\*name\) more than \d+ times/,
    );
  });

  it('refuses an ignore file that is a FIFO instead of waiting for a writer, naming the input', async () => {
    const fifo = path.join(ws.dir, 'ignore.fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `printf -- '- rule: B101\\n  reason: r\\n' > "$0"`, fifo], { stdio: 'ignore' });
    try {
      await expect(loadSuppressions({ file: fifo, displayPath: 'ignore.fifo' })).rejects.toThrow(
        /^ignore-file: ignore\.fifo: the path is a FIFO \(named pipe\), not a regular file/,
      );
    } finally {
      writer.kill();
    }
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

  it('reads a baseline that starts with a UTF-8 byte order mark', () => {
    const report = JSON.stringify({ findings: [{ fingerprint: 'f'.repeat(32), tool: 'bandit', ruleId: 'B602' }] });
    expect(loadBaseline(inputFile('baseline.json', `\ufeff${report}`)).findings).toHaveLength(1);
    expect(() => loadBaseline(inputFile('baseline.json', '\ufeff{"findings": [}'))).toThrow(
      'baseline: baseline.json: not valid JSON at byte 17;',
    );
  });

  it('names UTF-16 and UTF-32 baselines, with or without a byte order mark', () => {
    const report = JSON.stringify({ findings: [] });
    const utf32 = Buffer.alloc(report.length * 4);
    for (let i = 0; i < report.length; i++) utf32.writeUInt32LE(report.charCodeAt(i), i * 4);
    for (const [bytes, encoding] of [
      [Buffer.from(report, 'utf16le'), 'UTF-16 encoded \\(little-endian, without a byte order mark'],
      [
        Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), utf32]),
        'UTF-32 encoded \\(little-endian, with a byte order mark',
      ],
      [utf32, 'UTF-32 encoded \\(little-endian, without a byte order mark'],
    ] as const) {
      const file = ws.write('baseline.json', '');
      writeFileSync(file, bytes);
      expect(() => loadBaseline({ file, displayPath: 'baseline.json' })).toThrow(
        new RegExp(`^baseline: baseline\\.json: the file is ${encoding}[^)]*\\)\\. .*re-encode it as UTF-8`),
      );
    }
  });

  it('refuses a baseline that is a FIFO, naming the input', () => {
    const fifo = path.join(ws.dir, 'baseline.fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `printf '{"findings":[]}' > "$0"`, fifo], { stdio: 'ignore' });
    try {
      expect(() => loadBaseline({ file: fifo, displayPath: 'baseline.fifo' })).toThrow(
        /^baseline: baseline\.fifo: the path is a FIFO \(named pipe\), not a regular file/,
      );
    } finally {
      writer.kill();
    }
  });

  it('says what is expected of a JSON file that is not a report', () => {
    expect(() => loadBaseline(inputFile('baseline.json', '[]'))).toThrow(
      /^baseline: baseline\.json: not a security-scan JSON report/,
    );
  });
});
