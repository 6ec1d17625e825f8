// Small scanner reports for the tests, shaped like the real tools write them (only the fields the readers use), and
// the analysis the findings package makes of them: data in, data out, no mocks.
import {
  analyse,
  readReportBytes,
  type Analysis,
  type Baseline,
  type Policy,
  type Suppression,
} from '@actions-kit/findings';

export interface BanditIssue {
  id: string;
  severity: 'HIGH' | 'MEDIUM' | 'LOW' | 'UNDEFINED';
  text: string;
  file: string;
  line: number;
  code?: string;
}

export function banditReport(issues: readonly BanditIssue[]): string {
  return JSON.stringify({
    errors: [],
    generated_at: '2026-01-01T00:00:00Z',
    metrics: { _totals: { skipped_tests: 0 } },
    results: issues.map((issue) => ({
      code: `${issue.line} ${issue.code ?? `line_${issue.line}_of_${issue.file}()`}\n`,
      col_offset: 4,
      end_col_offset: 20,
      filename: issue.file,
      issue_confidence: 'HIGH',
      issue_cwe: { id: 78, link: 'https://cwe.mitre.org/data/definitions/78.html' },
      issue_severity: issue.severity,
      issue_text: issue.text,
      line_number: issue.line,
      line_range: [issue.line],
      more_info: `https://bandit.readthedocs.io/en/latest/plugins/${issue.id.toLowerCase()}.html`,
      test_id: issue.id,
      test_name: `test_${issue.id.toLowerCase()}`,
    })),
  });
}

export interface TrivyVulnerability {
  id: string;
  pkg: string;
  version: string;
  fixed?: string;
  severity: 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'UNKNOWN';
  title: string;
}

export function trivyReport(target: string, vulnerabilities: readonly TrivyVulnerability[]): string {
  return JSON.stringify({
    SchemaVersion: 2,
    ArtifactName: '.',
    ArtifactType: 'filesystem',
    Results: [
      {
        Target: target,
        Class: 'lang-pkgs',
        Type: 'npm',
        Vulnerabilities: vulnerabilities.map((v) => ({
          VulnerabilityID: v.id,
          PkgName: v.pkg,
          InstalledVersion: v.version,
          FixedVersion: v.fixed ?? '',
          Severity: v.severity,
          Title: v.title,
          PrimaryURL: `https://avd.aquasec.com/nvd/${v.id.toLowerCase()}`,
        })),
      },
    ],
  });
}

export function gitleaksReport(leaks: readonly { rule: string; file: string; line: number; match: string }[]): string {
  return JSON.stringify(
    leaks.map((leak) => ({
      RuleID: leak.rule,
      Description: `Found a ${leak.rule}`,
      StartLine: leak.line,
      EndLine: leak.line,
      StartColumn: 5,
      EndColumn: 5 + leak.match.length,
      Match: leak.match,
      Secret: leak.match,
      File: leak.file,
      Commit: '',
      Entropy: 3.5,
      Tags: [],
      Fingerprint: `${leak.file}:${leak.rule}:${leak.line}`,
    })),
  );
}

/** The findings package's analysis of in-memory reports, as the action would make it. */
export function analyseReports(
  reports: Record<string, string>,
  options: { policy?: Policy; suppressions?: Suppression[]; today?: Date; baseline?: Baseline } = {},
): Analysis {
  const files = Object.entries(reports).map(([file, text]) => readReportBytes(Buffer.from(text), file));
  return analyse(files, {
    policy: options.policy ?? { failOn: 'high', scope: 'new' },
    ...(options.suppressions && { suppressions: options.suppressions }),
    ...(options.baseline && { baseline: options.baseline }),
    today: options.today ?? new Date('2026-06-01T00:00:00Z'),
  });
}

export const HOSTILE_TITLES = [
  '::set-output name=passed::true',
  '<script>alert(1)</script>',
  '%0A::add-mask::hunter2',
  '::error::pwned',
];
