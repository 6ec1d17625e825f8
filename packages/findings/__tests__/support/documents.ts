// Small report documents written for these tests (not copies of real reports): builders with the fields each
// format really has, so a test states only what it is about.
import type { FindingReader, ReadResult } from '../../src/finding-reader.js';
import { readReportBytes, type ReportFile } from '../../src/read-report-file.js';
import { READERS } from '../../src/registry.js';

export const CONTEXT = { file: 'reports/test.json' };

/** Reads a document with a reader, as the small-file path does (chosen among the built-in readers). */
export function read(reader: FindingReader, doc: unknown, file = CONTEXT.file): ReadResult {
  return reader.read(doc, { file, readers: READERS });
}

/** Reads a document through the file layer, whole and streamed, and checks both paths agree. */
export function readBothWays(doc: unknown, file = CONTEXT.file): ReportFile {
  const bytes = Buffer.from(JSON.stringify(doc, null, 2));
  const whole = readReportBytes(bytes, file);
  const streamed = readReportBytes(bytes, file, { streamThreshold: 0 });
  // Readers that cannot stream read a large file whole: `streamed` says how it was read.
  if (JSON.stringify({ ...whole, streamed: streamed.streamed }) !== JSON.stringify(streamed)) {
    throw new Error(`streamed read of ${file} differs from the whole read`);
  }
  return whole;
}

export function trivyVulnerability(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    VulnerabilityID: 'CVE-2024-0001',
    PkgName: 'openssl',
    InstalledVersion: '3.0.1',
    FixedVersion: '3.0.2',
    SeveritySource: 'nvd',
    PrimaryURL: 'https://avd.aquasec.com/nvd/cve-2024-0001',
    Title: 'openssl: buffer overread',
    Description: 'A long description of the problem.',
    Severity: 'HIGH',
    CweIDs: ['CWE-125'],
    CVSS: { nvd: { V3Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', V3Score: 7.5 } },
    References: ['https://example.org/advisory'],
    ...overrides,
  };
}

/** A failed Dockerfile check as Trivy reports it, with its cause line. */
export function trivyMisconfiguration(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Type: 'Dockerfile Security Check',
    ID: 'DS002',
    AVDID: 'AVD-DS-0002',
    Title: "Image user should not be 'root'",
    Message: 'Specify at least 1 USER command in Dockerfile with non-root user as argument',
    Severity: 'HIGH',
    Status: 'FAIL',
    CauseMetadata: {
      StartLine: 1,
      EndLine: 1,
      Code: { Lines: [{ Number: 1, Content: 'FROM alpine:3.19', IsCause: true }] },
    },
    ...overrides,
  };
}

export function trivyReport(results: unknown[], overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { SchemaVersion: 2, ArtifactName: '.', ArtifactType: 'filesystem', Results: results, ...overrides };
}

export function banditResult(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    code: '4 def check(x):\n5     assert x > 0\n6     return x\n',
    col_offset: 4,
    end_col_offset: 16,
    filename: './app/check.py',
    issue_confidence: 'HIGH',
    issue_cwe: { id: 703, link: 'https://cwe.mitre.org/data/definitions/703.html' },
    issue_severity: 'LOW',
    issue_text: 'Use of assert detected.',
    line_number: 5,
    line_range: [5],
    more_info: 'https://bandit.readthedocs.io/en/1.9.4/plugins/b101_assert_used.html',
    test_id: 'B101',
    test_name: 'assert_used',
    ...overrides,
  };
}

export function banditReport(results: unknown[]): Record<string, unknown> {
  return {
    errors: [],
    generated_at: '2026-01-01T00:00:00Z',
    metrics: { _totals: { loc: 10, nosec: 0, skipped_tests: 0 } },
    results,
  };
}

export function gitleaksV8(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    RuleID: 'github-pat',
    Description: 'GitHub Personal Access Token',
    StartLine: 3,
    EndLine: 3,
    StartColumn: 12,
    EndColumn: 51,
    Match: 'GITHUB_PAT=ghp_0123456789abcdefghijklmnopqrstuvwxyz',
    Secret: 'ghp_0123456789abcdefghijklmnopqrstuvwxyz',
    File: 'deploy/env.sh',
    SymlinkFile: '',
    Commit: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
    Entropy: 4.5,
    Author: 'A. Developer',
    Email: 'dev@example.com',
    Date: '2026-01-02T03:04:05Z',
    Message: 'add deploy script',
    Tags: [],
    Fingerprint: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678:deploy/env.sh:github-pat:3',
    ...overrides,
  };
}

export function sarifLog(runs: unknown[]): Record<string, unknown> {
  return { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs };
}

export function sarifRun(
  driver: Record<string, unknown>,
  results: unknown[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { tool: { driver: { rules: [], ...driver } }, results, ...extra };
}

export function sarifResult(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ruleId: 'R1',
    message: { text: 'Something is wrong' },
    locations: [{ physicalLocation: { artifactLocation: { uri: 'src/a.js' }, region: { startLine: 10 } } }],
    ...overrides,
  };
}

export function semgrepResult(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    check_id: 'python.lang.security.audit.eval-detected',
    path: 'app/views.py',
    start: { line: 12, col: 5, offset: 200 },
    end: { line: 12, col: 19, offset: 214 },
    extra: {
      message: 'Detected the use of eval(). This can be dangerous.',
      severity: 'WARNING',
      metadata: { cwe: ['CWE-95: Eval Injection'], category: 'security', source: 'https://semgrep.dev/r/eval' },
      lines: '    return eval(text)',
      fingerprint: 'requires login',
      is_ignored: false,
    },
    ...overrides,
  };
}

export function semgrepReport(results: unknown[], errors: unknown[] = []): Record<string, unknown> {
  return { version: '1.185.0', results, errors, paths: { scanned: ['app/views.py'] }, skipped_rules: [] };
}

export function pipAuditDependency(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'django',
    version: '3.2.9',
    vulns: [
      {
        id: 'PYSEC-2021-439',
        fix_versions: ['2.2.25', '3.1.14', '3.2.10'],
        aliases: ['CVE-2021-44420', 'GHSA-v6rh-hp5x-86rv'],
        description: 'In Django 2.2 before 2.2.25, 3.1 before 3.1.14, and 3.2 before 3.2.10 …',
      },
    ],
    ...overrides,
  };
}

export function trufflehogResult(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    SourceMetadata: { Data: { Filesystem: { file: 'deploy/env.sh', line: 3 } } },
    SourceID: 1,
    SourceType: 15,
    SourceName: 'trufflehog - filesystem',
    DetectorType: 8,
    DetectorName: 'Github',
    DecoderName: 'PLAIN',
    Verified: false,
    Raw: 'ghp_0123456789abcdefghijklmnopqrstuvwxyz',
    RawV2: '',
    Redacted: '',
    ExtraData: null,
    StructuredData: null,
    ...overrides,
  };
}

export function npmAuditReport(vulnerabilities: Record<string, unknown>): Record<string, unknown> {
  return {
    auditReportVersion: 2,
    vulnerabilities,
    metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: 0 } },
  };
}

export function osvReport(packages: unknown[], path = 'requirements.txt'): Record<string, unknown> {
  return { results: [{ source: { path, type: 'lockfile' }, packages }], experimental_config: {} };
}
