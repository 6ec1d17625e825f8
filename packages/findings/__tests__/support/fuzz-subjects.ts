// The findings package under the fuzzing tier (see @actions-kit/testkit/fuzz): every reader of the registry, read
// whole and streamed and written out as SARIF and a JSON report, the ignore-file parser with its globs, and the
// baseline parser, each with seed documents built by support/documents.ts. Used by fuzz.test.ts (short, in CI) and
// bench/fuzz.ts (`pnpm bench fuzz`).
import * as yaml from 'yaml';
import { InputError, parseJsonBytes } from '@actions-kit/reports';
import type { FuzzSubject } from '@actions-kit/testkit/fuzz';
import { analyse } from '../../src/analyse.js';
import { compareWithBaseline, parseBaseline } from '../../src/baseline.js';
import type { FindingReader } from '../../src/finding-reader.js';
import { buildReport, reportFinding, reportFindingJson, serializeReport } from '../../src/json-report.js';
import type { Finding } from '../../src/model.js';
import { readReportBytes, type ReportFile } from '../../src/read-report-file.js';
import { READERS } from '../../src/registry.js';
import { buildSarif, serializeSarif } from '../../src/sarif-writer.js';
import { applySuppressions, parseSuppressionsWith } from '../../src/suppressions.js';
import {
  banditReport,
  banditResult,
  gitleaksV8,
  npmAuditReport,
  osvReport,
  pipAuditDependency,
  sarifLog,
  sarifResult,
  sarifRun,
  trivyMisconfiguration,
  trivyReport,
  trivyVulnerability,
  trufflehogResult,
  semgrepReport,
  semgrepResult,
} from './documents.js';

/** The sample documents the mutations start from: every reader must recognise at least one (see readerSubjects). */
export const SEED_DOCUMENTS: readonly unknown[] = [
  trivyReport([
    { Target: 'app/package-lock.json', Class: 'lang-pkgs', Type: 'npm', Vulnerabilities: [trivyVulnerability()] },
    { Target: 'Dockerfile', Class: 'config', Type: 'dockerfile', Misconfigurations: [trivyMisconfiguration()] },
    { Target: 'deploy/env.sh', Class: 'secret', Secrets: [{ RuleID: 'github-pat', StartLine: 3, Match: '***' }] },
  ]),
  {
    ClusterName: 'prod',
    Resources: [
      {
        Namespace: 'default',
        Kind: 'Deployment',
        Name: 'web',
        Results: [{ Target: 'Deployment/web', Class: 'config', Misconfigurations: [trivyMisconfiguration()] }],
      },
    ],
  },
  [{ Target: 'alpine:3.10 (alpine 3.10.2)', Vulnerabilities: [trivyVulnerability({ PkgName: 'musl' })] }],
  banditReport([banditResult(), banditResult({ test_id: 'B602', issue_severity: 'HIGH', line_number: 9 })]),
  [gitleaksV8(), gitleaksV8({ File: 'src/config.py', StartLine: 12 })],
  [{ rule: 'AWS Access Key', file: 'a.env', lineNumber: 2, offender: 'AKIAFAKE', commit: 'abc', line: 'k=AKIAFAKE' }],
  sarifLog([
    sarifRun(
      { name: 'Semgrep', rules: [{ id: 'R1', helpUri: 'https://semgrep.dev/r/R1', properties: { tags: ['CWE-79'] } }] },
      [sarifResult(), sarifResult({ ruleId: 'R2', level: 'error', suppressions: [{ status: 'accepted' }] })],
    ),
    sarifRun({ name: 'gitleaks' }, [sarifResult({ ruleId: 'aws', message: { text: 'secret' } })]),
  ]),
  semgrepReport([semgrepResult(), semgrepResult({ extra: { severity: 'ERROR', is_ignored: true } })]),
  { dependencies: [pipAuditDependency(), { name: 'internal', skip_reason: 'not on PyPI' }], fixes: [] },
  [['django', '<2.2.18', '2.2.17', 'Django 2.2.18 fixes CVE-2021-3281.', '39523', null, null]],
  {
    report_meta: { safety_version: '2.3.5' },
    vulnerabilities: [{ vulnerability_id: '44742', package_name: 'django', analyzed_version: '4.0.1' }],
    ignored_vulnerabilities: [],
  },
  trufflehogResult({ Verified: true }),
  [{ rule: { id: 'high-entropy', message: 'High Entropy', severity: 'HIGH' }, path: 'a.env', line: '3', secret: 'x' }],
  [{ path: 'a.json', reason: 'High entropy', stringsFound: ['+"password": "abc"'], commitHash: 'c0ffee' }],
  npmAuditReport({
    debug: {
      name: 'debug',
      severity: 'high',
      via: [
        {
          source: 1094222,
          name: 'debug',
          title: 'ReDoS',
          url: 'https://github.com/advisories/GHSA-gxpj-cx7g-858c',
          severity: 'moderate',
          cwe: ['CWE-400'],
        },
        'ms',
      ],
      effects: ['express'],
      nodes: ['node_modules/debug'],
      fixAvailable: { name: 'express', version: '4.18.3', isSemVerMajor: false },
    },
  }),
  osvReport([
    {
      package: { name: 'django', version: '3.2.9', ecosystem: 'PyPI' },
      vulnerabilities: [
        { id: 'GHSA-v6rh-hp5x-86rv', aliases: ['CVE-2021-44420'], database_specific: { severity: 'HIGH' } },
        {
          id: 'PYSEC-2021-439',
          severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:L' }],
        },
      ],
      groups: [{ ids: ['GHSA-v6rh-hp5x-86rv', 'PYSEC-2021-439'] }],
    },
  ]),
];

/** A document as its tool writes it (indented) and compact: the streamed read takes different paths for each. */
function seedBytes(doc: unknown): Buffer[] {
  return [Buffer.from(JSON.stringify(doc, null, 2)), Buffer.from(JSON.stringify(doc))];
}

const FILE = 'fuzz/report.json';

/** A clean failure names the file it is about. */
function namesFile(error: unknown, file: string): boolean {
  return error instanceof InputError && error.message.startsWith(`${file}: `);
}

/** One reader: its subject, and the seed documents it recognises. */
export interface ReaderFuzz {
  subject: FuzzSubject<Buffer>;
  seeds: Buffer[];
}

/**
 * A subject per reader in `readers`, so a reader added to the registry joins the tier: the input is read with the
 * reader forced (its `name:` prefix), whole and streamed, which must agree, and what was read is written as SARIF and
 * a JSON report, which must parse back. A reader no seed document is for is an error: add one to SEED_DOCUMENTS.
 */
export function readerSubjects(readers: readonly FindingReader[] = READERS): ReaderFuzz[] {
  return readers.map((reader) => {
    const seeds = SEED_DOCUMENTS.filter((doc) => reader.detect(doc)).flatMap(seedBytes);
    if (seeds.length === 0) {
      throw new Error(
        `the ${reader.name} reader has no seed document: add one to SEED_DOCUMENTS (support/fuzz-subjects.ts)`,
      );
    }
    const subject: FuzzSubject<Buffer> = {
      name: `${reader.name} reader`,
      run: (bytes) => writeOutputs(readBothWays(bytes, reader.name)),
      isClean: (error) => namesFile(error, FILE),
      size: (bytes) => bytes.length,
    };
    return { subject, seeds };
  });
}

/** Reads `bytes` whole and streamed with `reader` forced; throws when the two do not give the same result. */
function readBothWays(bytes: Buffer, reader: string): ReportFile {
  let whole: ReportFile | undefined;
  let wholeError: unknown;
  try {
    whole = readReportBytes(bytes, FILE, { reader });
  } catch (error) {
    wholeError = error;
  }
  let streamed: ReportFile | undefined;
  try {
    streamed = readReportBytes(bytes, FILE, { reader, streamThreshold: 0 });
  } catch (error) {
    if (wholeError === undefined) throw disagreement('only the streamed read failed', error);
    throw error;
  }
  if (whole === undefined) throw disagreement('only the whole read failed', wholeError);
  // Readers without a streaming capability read a large file whole: `streamed` says how it was read, not what.
  if (JSON.stringify({ ...whole, streamed: streamed.streamed }) !== JSON.stringify(streamed)) {
    throw disagreement('the whole and the streamed read give different results', undefined);
  }
  return whole;
}

function disagreement(what: string, cause: unknown): Error {
  const why = cause instanceof Error ? `: ${cause.message}` : '';
  return new Error(`whole and streamed reads disagree: ${what}${why}`, { cause });
}

const TODAY = new Date('2026-06-01T00:00:00Z');

/** The outputs made of a read file: the SARIF file and the JSON report, each parsed back as JSON. */
function writeOutputs(file: ReportFile): Finding[] {
  const analysis = analyse([file], { policy: { failOn: 'high', scope: 'new' }, today: TODAY });
  const sarif = buildSarif(analysis.findings, { tools: analysis.tools });
  JSON.parse([...serializeSarif(sarif.plan)].join(''));
  const report = buildReport({ generatedAt: TODAY, policy: { failOn: 'high', scope: 'new' }, ...analysis, files: [] });
  JSON.parse([...serializeReport(report)].join(''));
  for (const finding of analysis.findings) {
    // The report's lines are written directly; they must be what stringifying the projection gives.
    if (reportFindingJson(finding) !== JSON.stringify(reportFinding(finding)))
      throw new Error(`a report line differs from its projection: ${JSON.stringify(reportFinding(finding))}`);
  }
  return analysis.findings;
}

/** Findings to match ignore-file entries against: one of each reader's seeds, read. */
function sampleFindings(): Finding[] {
  return SEED_DOCUMENTS.flatMap((doc) => writeOutputs(readReportBytes(Buffer.from(JSON.stringify(doc)), FILE)));
}

const IGNORE_FILE = 'fuzz/.security-ignore.yml';

/** Ignore files the mutations start from. */
export const IGNORE_SEEDS: readonly Buffer[] = [
  '- cve: CVE-2024-0001\n  path: app/**\n  reason: not reachable\n  expires: 2030-06-30\n',
  '- rule: B101\n  path: "tests/{unit,e2e}/**/*.py"\n  reason: asserts are how pytest tests\n- rule: DS002\n  reason: root by design\n',
  '- id: 9f0c2d4e1a7b3c5d8e6f0a1b2c3d4e5f\n  reason: a test fixture\n- rule: github-pat\n  path: "deploy/[a-z]*.sh"\n  reason: r\n',
].map((text) => Buffer.from(text));

/** The ignore-file parser, and the entries it gives applied to findings (their globs matched against paths). */
export function ignoreFileSubject(): FuzzSubject<Buffer> {
  const findings = sampleFindings();
  return {
    name: 'ignore-file parser',
    run: (bytes) => {
      const entries = parseSuppressionsWith(yaml, bytes.toString('utf8'), IGNORE_FILE);
      applySuppressions(
        findings.map((f) => ({ ...f })),
        entries,
        TODAY,
      );
    },
    isClean: (error) => namesFile(error, IGNORE_FILE),
    size: (bytes) => bytes.length,
  };
}

const BASELINE_FILE = 'fuzz/baseline.json';

/** Baselines the mutations start from: JSON reports of the seed documents. */
export function baselineSeeds(): Buffer[] {
  const analysis = analyse(
    SEED_DOCUMENTS.map((doc) => readReportBytes(Buffer.from(JSON.stringify(doc)), FILE)),
    { policy: { failOn: 'high', scope: 'new' }, today: TODAY },
  );
  const report = buildReport({ generatedAt: TODAY, policy: { failOn: 'high', scope: 'new' }, ...analysis, files: [] });
  return [Buffer.from([...serializeReport(report)].join(''))];
}

/** The baseline parser, and the comparison of findings with what it gives. */
export function baselineSubject(): FuzzSubject<Buffer> {
  const findings = sampleFindings();
  return {
    name: 'baseline parser',
    run: (bytes) => {
      const baseline = parseBaseline(parseJsonBytes(bytes, BASELINE_FILE), BASELINE_FILE);
      compareWithBaseline(
        findings.map((f) => ({ ...f })),
        baseline,
      );
    },
    isClean: (error) => namesFile(error, BASELINE_FILE),
    size: (bytes) => bytes.length,
  };
}
