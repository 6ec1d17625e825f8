// getInputs: defaults, and the configuration errors a user sees for each input, naming the value and the fix.
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '@actions-kit/core';
import { getInputs, parseFailOn, parseThreads, type Inputs } from '../src/inputs.js';
import { tempWorkspace, type TempWorkspace } from './temp-workspace.js';

let ws: TempWorkspace;
const saved = { ...process.env };

function setInputs(inputs: Record<string, string>): void {
  for (const [name, value] of Object.entries(inputs)) process.env[`INPUT_${name.toUpperCase()}`] = value;
}

beforeEach(() => {
  ws = tempWorkspace();
  ws.write('out/bandit.json', '{}');
  for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_')) delete process.env[key];
  process.env['GITHUB_WORKSPACE'] = ws.dir;
});
afterEach(() => {
  ws.remove();
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

async function configurationError(): Promise<string> {
  const error = await getInputs().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigurationError);
  return (error as Error).message;
}

describe('getInputs', () => {
  it('applies the documented defaults', async () => {
    setInputs({ reports: 'out/bandit.json' });
    const inputs = await getInputs();

    expect(inputs).toEqual({
      workspace: ws.dir,
      reports: [{ file: path.join(ws.dir, 'out/bandit.json'), displayPath: 'out/bandit.json' }],
      unmatchedReports: [],
      skippedReports: [],
      policy: { failOn: 'high', scope: 'new' },
      sarifOutput: { file: path.join(ws.dir, 'security-scan.sarif'), displayPath: 'security-scan.sarif' },
      reportOutput: { file: path.join(ws.dir, 'security-scan.json'), displayPath: 'security-scan.json' },
      summary: true,
      annotations: true,
      allowMissing: false,
      strict: true,
      threads: parseThreads('auto', availableParallelism()),
    });
  });

  it('reads reports as a list: commas and lines separate patterns, a comma inside {a,b} does not', async () => {
    ws.write('out/b.sarif', '{}');
    ws.write('out/trivy.json', '{}');
    const files = (inputs: Inputs): string[] => inputs.reports.map((r) => r.displayPath);

    setInputs({ reports: 'out/b.sarif, out/bandit.json' });
    expect(files(await getInputs())).toEqual(['out/b.sarif', 'out/bandit.json']);
    setInputs({ reports: 'out/{bandit,trivy}.json,out/b.sarif' });
    expect(files(await getInputs())).toEqual(['out/b.sarif', 'out/bandit.json', 'out/trivy.json']);
  });

  it.each([
    ['HIGH', 'high'],
    ['High', 'high'],
    ['CRITICAL,HIGH', 'high'],
    ['critical, medium\nlow', 'low'],
    ['HIGH,CRITICAL', 'high'],
    ['NONE', 'none'],
  ])('reads fail-on %j as trivy-action users write it: the lowest listed is the threshold (%s)', (text, failOn) => {
    expect(parseFailOn(text)).toBe(failOn);
  });

  it('requires reports or licenses, naming both', async () => {
    expect(await configurationError()).toBe(
      'reports: empty, and so is licenses; set reports to the scanner reports to read (e.g. trivy-results.json), ' +
        'licenses to the license inventories to check (e.g. sbom.cdx.json), or both',
    );
  });

  it('reads licenses without reports, with the license policy', async () => {
    ws.write('sbom/app.cdx.json', '{}');
    setInputs({ licenses: 'sbom/*.json', 'license-deny': 'gpl-3.0, AGPL-3.0-only', 'license-severity': 'critical' });
    const inputs = await getInputs();
    expect(inputs.reports).toEqual([]);
    expect(inputs.licenses).toEqual({
      inventories: [{ file: path.join(ws.dir, 'sbom/app.cdx.json'), displayPath: 'sbom/app.cdx.json' }],
      unmatched: [],
      policy: {
        deny: [{ license: 'GPL-3.0-only' }, { license: 'AGPL-3.0-only' }],
        severity: 'critical',
        unknownSeverity: 'medium',
      },
    });
  });

  it('reads a file both inputs match as an inventory only, and never its own outputs as inventories', async () => {
    ws.write('out/sbom.cdx.json', '{}');
    ws.write('security-scan.json', '{}');
    setInputs({ reports: 'out/*.json', licenses: 'out/sbom.cdx.json, *.json', 'license-allow': 'MIT' });
    const inputs = await getInputs();
    expect(inputs.reports.map((r) => r.displayPath)).toEqual(['out/bandit.json']);
    expect(inputs.licenses?.inventories.map((i) => i.displayPath)).toEqual(['out/sbom.cdx.json']);
    expect(inputs.skippedReports).toEqual(['security-scan.json']);
  });

  it('names a licenses pattern that matches nothing, or lets allow-missing warn about it', async () => {
    setInputs({ licenses: 'sbom/*.json', 'license-allow': 'MIT' });
    expect(await configurationError()).toMatch(/^licenses: no file matches 'sbom\/\*\.json' \(checked from /);
    setInputs({ 'allow-missing': 'true', reports: 'out/bandit.json' });
    expect((await getInputs()).licenses).toMatchObject({ inventories: [], unmatched: ['sbom/*.json'] });
  });

  it.each([
    [
      { reports: 'out/bandit.json', 'license-allow': 'MIT' },
      'license-allow: set, but licenses is empty; set licenses to the license inventories to check (e.g. sbom.cdx.json, from trivy fs --format cyclonedx), or remove license-allow',
    ],
    [
      { licenses: 'out/bandit.json' },
      'licenses: set, but license-allow and license-deny are both empty; list the SPDX ids to allow (license-allow: MIT, Apache-2.0) or to deny (license-deny: GPL-3.0-only, AGPL-3.0-only)',
    ],
    [
      { licenses: 'out/bandit.json', 'license-deny': 'GPL v3' },
      "license-deny: 'GPL v3' is not an SPDX license id; use an SPDX license id (see https://spdx.org/licenses/), e.g. MIT, Apache-2.0, GPL-3.0-only, or a LicenseRef-…",
    ],
    [
      { licenses: 'out/bandit.json', 'license-deny': 'MIT', 'license-severity': 'severe' },
      /^license-severity: 'severe' is not/,
    ],
  ])('refuses a license policy that cannot work: %j', async (given, message) => {
    setInputs(given);
    const error = await configurationError();
    if (typeof message === 'string') expect(error).toBe(message);
    else expect(error).toMatch(message);
  });

  it.each([
    [
      'fail-on',
      'severe',
      /^fail-on: 'severe' is not accepted \('severe' is not a severity\); use one of critical, high, medium, low, info, none \(any case\), or a list such as CRITICAL,HIGH$/,
    ],
    ['fail-on', 'CRITICAL,HIHG', /^fail-on: 'CRITICAL,HIHG' is not accepted \('hihg' is not a severity\); use one of/],
    ['fail-on', 'none, high', /^fail-on: 'none, high' lists none with severities; use none alone/],
    ['fail-on', ',', /^fail-on: ',' is not accepted; use one of/],
    ['fail-on-scope', 'changed', /^fail-on-scope: 'changed' is not an accepted value; use one of 'new', 'all'/],
    ['strict', 'yes', /^strict: 'yes' is not a boolean/],
    ['allow-missing', '1', /^allow-missing: '1' is not a boolean/],
    ['threads', '0', /^threads: '0' is not a number of threads; use auto .* or a whole number from 1/],
  ])('refuses %s: %s naming the input and the value', async (name, value, message) => {
    setInputs({ reports: 'out/bandit.json', [name]: value });
    expect(await configurationError()).toMatch(message);
  });

  it('names a missing ignore-file and the directory it was looked for in', async () => {
    setInputs({ reports: 'out/bandit.json', 'ignore-file': '.security-ignore.yml' });
    expect(await configurationError()).toBe(
      `ignore-file: no file at '.security-ignore.yml' (checked from ${ws.dir}); fix the path`,
    );
  });

  it('names a missing baseline, and goes on without it with allow-missing', async () => {
    setInputs({ reports: 'out/bandit.json', baseline: 'main/security-scan.json' });
    expect(await configurationError()).toBe(
      `baseline: no file at 'main/security-scan.json' (checked from ${ws.dir}); fix the path, or set allow-missing: true to run without a baseline when it is absent`,
    );

    setInputs({ 'allow-missing': 'true' });
    const inputs = await getInputs();
    expect(inputs.baseline).toBeUndefined();
    expect(inputs.missingBaseline).toBe('main/security-scan.json');
  });

  it('names what a baseline or ignore-file that is not a regular file is, a FIFO or a directory', async () => {
    execFileSync('mkfifo', [path.join(ws.dir, 'baseline.fifo')]);
    setInputs({ reports: 'out/bandit.json', baseline: 'baseline.fifo' });
    expect(await configurationError()).toBe(
      "baseline: 'baseline.fifo' is a FIFO (named pipe), not a regular file; give the path of the file itself",
    );
    setInputs({ baseline: '', 'ignore-file': 'out' });
    expect(await configurationError()).toBe(
      "ignore-file: 'out' is a directory, not a regular file; give the path of the file itself",
    );
  });

  it('refuses the same path for the SARIF file and the JSON report', async () => {
    setInputs({ reports: 'out/bandit.json', 'sarif-output': 'out/scan.out', 'report-output': './out/scan.out' });
    expect(await configurationError()).toBe(
      "sarif-output and report-output are both 'out/scan.out'; give them different paths",
    );
  });

  it('refuses an output path that is a directory', async () => {
    setInputs({ reports: 'out/bandit.json', 'report-output': 'out' });
    expect(await configurationError()).toBe("report-output: 'out' is a directory; give the path of the file to write");
  });

  it('fails on a reports pattern that matches nothing unless allow-missing', async () => {
    setInputs({ reports: 'out/bandit.json\nout/trivy-*.json' });
    expect(await configurationError()).toBe(
      `reports: no file matches 'out/trivy-*.json' (checked from ${ws.dir}); fix the pattern or the path`,
    );

    setInputs({ 'allow-missing': 'true' });
    expect((await getInputs()).unmatchedReports).toEqual(['out/trivy-*.json']);
  });
});

describe('parseThreads', () => {
  it.each([
    [1, 1],
    [2, 1],
    [3, 3],
    [4, 4],
    [16, 4],
  ])('reads auto on %i core(s) as %i thread(s): none extra on 2 cores, at most 4', (cores, threads) => {
    expect(parseThreads('auto', cores)).toBe(threads);
  });

  it.each([
    ['1', 1],
    ['2', 2],
    ['12', 12],
  ])('takes a whole number as it is: %s', (text, threads) => {
    expect(parseThreads(text, 2)).toBe(threads);
  });

  it.each(['32', '1'])('accepts %s, within 1 to 32', (text) => {
    expect(parseThreads(text, 2)).toBe(Number(text));
  });

  it('refuses more than 32 threads, naming the input, the value and the range', () => {
    expect(() => parseThreads('33', 2)).toThrow(ConfigurationError);
    expect(() => parseThreads('1000', 2)).toThrow(
      'threads: 1000 is more than 32, the most this action starts; use auto or a number from 1 to 32',
    );
  });

  it.each(['0', '-1', '1.5', 'two', 'Auto', '2 threads', '99999999999999999999'])(
    'refuses %s, naming the input, the value and the accepted forms',
    (text) => {
      expect(() => parseThreads(text, 4)).toThrow(ConfigurationError);
      expect(() => parseThreads(text, 4)).toThrow(
        `threads: '${text}' is not a number of threads; use auto (one per core, at most 4) or a whole number from 1 (1 reads every report on one thread)`,
      );
    },
  );
});
