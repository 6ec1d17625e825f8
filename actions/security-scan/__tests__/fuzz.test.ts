// The short run of the fuzzing tier for the action itself, in CI: its inputs (every one, with hostile and malformed
// values), the baseline file as it loads it, and whole runs on mutated reports, whose SARIF file, JSON report,
// annotations and summary must all be written and stay inert. A fixed seed; no crash or hang allowed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { ConfigurationError, UserError, type Annotation } from '@actions-kit/core';
import { INJECTIONS, fc, fuzz, jsonValue, mutatedDocuments, type FuzzSubject } from '@actions-kit/testkit/fuzz';
import { getInputs, parseThreads } from '../src/inputs.js';
import { run, type RunDeps } from '../src/main.js';
import { loadBaseline } from '../src/policy-files.js';
import { banditReport, gitleaksReport, trivyReport } from './sample-reports.js';
import { tempWorkspace, type TempWorkspace } from './temp-workspace.js';

const SEED = 20260601;
const SIZES = { longString: 20_000, deepNesting: 2_000 };

let ws: TempWorkspace;
const saved = { ...process.env };
beforeAll(() => {
  ws = tempWorkspace();
  ws.write('out/bandit.json', banditReport([{ id: 'B602', severity: 'HIGH', text: 'shell', file: 'a.py', line: 1 }]));
  // The action's own debug lines (the globber's) go to stdout: kept out of the test's output.
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterAll(() => {
  jest.restoreAllMocks();
  ws.remove();
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

const INPUT_NAMES = [
  'reports',
  'fail-on',
  'fail-on-scope',
  'ignore-file',
  'baseline',
  'sarif-output',
  'report-output',
  'summary',
  'annotations',
  'allow-missing',
  'strict',
  'threads',
  'licenses',
  'license-allow',
  'license-deny',
  'license-severity',
  'license-unknown-severity',
] as const;

/**
 * Values an input may be given: the accepted ones, paths inside and outside the workspace, and hostile text. (Not
 * '/' or '~': `reports` would then glob the whole disk, which is what it was asked to do.)
 */
const inputValue = fc.oneof(
  fc.constantFrom('', 'high', 'none', 'all', 'new', 'true', 'false', 'auto', '1', '4', '33', '-1', '1e3', ' 2 '),
  fc.constantFrom('out/bandit.json', 'out/*.json', 'trivy:out/*.json', '!out/x.json', 'out', '.', '..', '../x'),
  fc.constantFrom('C:/x.json', 'semgrep:x.sarif', 'out/**', '/dev/null', '/etc/passwd', 'a\nb', '# comment'),
  fc.constantFrom(
    'MIT',
    'mit, GPL-2.0',
    'GPL-2.0-only WITH Classpath-exception-2.0',
    'MIT OR Apache-2.0',
    'BSD License',
  ),
  fc.constantFrom(...INJECTIONS),
  fc.string({ maxLength: 30 }),
);

describe('fuzzing the action (short run)', () => {
  it('reads any value of any input, or names the input in a ConfigurationError', async () => {
    const outcomes = { read: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...INPUT_NAMES), inputValue, { maxKeys: 5 }), async (values) => {
        for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_')) delete process.env[key];
        process.env['GITHUB_WORKSPACE'] = ws.dir;
        process.env['INPUT_REPORTS'] = 'out/bandit.json';
        for (const [name, value] of Object.entries(values)) process.env[`INPUT_${name.toUpperCase()}`] = value;
        try {
          await getInputs();
          outcomes.read++;
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigurationError);
          const named = INPUT_NAMES.some((name) => (error as Error).message.startsWith(`${name}: `));
          const both = (error as Error).message.startsWith('sarif-output and report-output');
          expect(named || both).toBe(true);
          outcomes.refused++;
        }
      }),
      { numRuns: 100, seed: SEED },
    );
    expect(outcomes.read).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
  }, 30_000);

  it('parses any threads value or names the input', () => {
    const subject: FuzzSubject<string> = {
      name: 'threads',
      run: (text) => void parseThreads(text, 4),
      isClean: (error) => error instanceof ConfigurationError && error.message.startsWith('threads: '),
      size: (text) => text.length,
    };
    const values = fc.oneof(fc.string(), fc.stringMatching(/^\d{0,25}$/), fc.constantFrom(...INJECTIONS));
    const result = fuzz(subject, values, { runs: 500, seed: SEED, budgetMs: 1000 });
    expect(result.counts).toMatchObject({ crash: 0, hang: 0, 'memory blow-up': 0 });
  });

  it('loads any baseline file or names the input and the file', () => {
    const seeds = [
      Buffer.from(JSON.stringify({ findings: [{ fingerprint: 'f'.repeat(32), tool: 't', ruleId: 'R' }] })),
    ];
    const subject: FuzzSubject<Buffer> = {
      name: 'baseline file',
      run: (bytes) =>
        void loadBaseline({ file: ws.write('baseline.json', bytes.toString('latin1')), displayPath: 'b.json' }),
      isClean: (error) => error instanceof ConfigurationError && error.message.startsWith('baseline: b.json: '),
      size: (bytes) => bytes.length,
    };
    // ws.write writes text: latin1 round-trips every byte.
    const result = fuzz(subject, mutatedDocuments(seeds, SIZES), { runs: 300, seed: SEED, budgetMs: 2000 });
    expect(result.examples).toEqual([]);
    expect(result.counts.success).toBeGreaterThan(0);
  });

  it('writes every output of a run on mutated reports, with report text kept inert', async () => {
    const seeds = {
      'bandit.json': banditReport([{ id: 'B602', severity: 'HIGH', text: 'shell=True', file: 'app/run.py', line: 7 }]),
      'trivy.json': trivyReport('package-lock.json', [
        { id: 'CVE-2024-1', pkg: 'lodash', version: '4.17.0', severity: 'CRITICAL', title: 'prototype pollution' },
      ]),
      'gitleaks.json': gitleaksReport([{ rule: 'aws-access-token', file: 'app/s.py', line: 4, match: 'AKIAFAKE' }]),
      'x.sarif': JSON.stringify({
        version: '2.1.0',
        runs: [{ tool: { driver: { name: 'semgrep' } }, results: [{ ruleId: 'S1', message: { text: 'm' } }] }],
      }),
    };
    const reports = fc.record(
      Object.fromEntries(
        Object.entries(seeds).map(([name, text]) => [name, mutatedDocuments([Buffer.from(text)], SIZES)]),
      ) as Record<keyof typeof seeds, fc.Arbitrary<Buffer>>,
    );
    const titles = fc.array(fc.oneof(fc.constantFrom(...INJECTIONS), jsonValue(SIZES)), { maxLength: 2 });
    await fc.assert(
      fc.asyncProperty(reports, titles, async (files, extra) => {
        const written = Object.entries(files).map(([name, bytes]) => {
          ws.write(`scan/${name}`, bytes.toString('latin1'));
          return { file: path.join(ws.dir, 'scan', name), displayPath: `scan/${name}` };
        });
        const annotations: Annotation[] = [];
        const summaries: string[] = [];
        const deps: RunDeps = {
          setOutput: () => undefined,
          printAnnotation: (a) => annotations.push(a),
          writeSummary: async (summary) => void summaries.push(summary.toString()),
          info: () => undefined,
          printUntrusted: () => undefined,
          warning: () => undefined,
          debug: () => undefined,
          now: () => Date.parse('2026-06-01T12:00:00Z'),
          startedAt: 0,
          blobBase: { serverUrl: 'https://github.com', repository: 'o/r', sha: 'c'.repeat(40) },
        };
        const out = (name: string) => ({ file: path.join(ws.dir, name), displayPath: name });
        try {
          await run(
            {
              workspace: ws.dir,
              reports: written,
              unmatchedReports: extra.map(String),
              skippedReports: [],
              policy: { failOn: 'high', scope: 'new' },
              sarifOutput: out('o.sarif'),
              reportOutput: out('o.json'),
              summary: true,
              annotations: true,
              allowMissing: true,
              strict: false,
              threads: 1,
            },
            deps,
          );
        } catch (error) {
          if (!(error instanceof UserError)) throw error;
        }
        JSON.parse(readFileSync(path.join(ws.dir, 'o.sarif'), 'utf8'));
        JSON.parse(readFileSync(path.join(ws.dir, 'o.json'), 'utf8'));
        expect(summaries).toHaveLength(1);
        // Links only to the commit's files and to a rule's http(s) help page, never to what a report made up.
        expect(summaries[0]).not.toMatch(
          /<script|<img|(?<!\\)\]\((?!https:\/\/github\.com\/o\/r\/blob\/|https?:\/\/[^\s()]+\))/i,
        );
        for (const a of annotations) expect(typeof a.message).toBe('string');
      }),
      { numRuns: 60, seed: SEED },
    );
  }, 30_000);
});
