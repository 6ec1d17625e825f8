// Lints workflow files with the actionlint binary (.ci/install-actionlint.sh builds it) and formats what it finds as
// `file:line:col: message [kind]`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CheckError } from './check-error.js';

/** Where .ci/install-actionlint.sh puts the pinned actionlint, relative to the repository root. */
export const ACTIONLINT_BINARY = '.cache/tools/bin/actionlint';

/** One problem actionlint reports (the fields of its `-format '{{json .}}'` output this check uses). */
export interface LintFinding {
  file: string;
  line: number;
  column: number;
  message: string;
  kind: string;
}

export function formatFinding(finding: LintFinding): string {
  return `${finding.file}:${finding.line}:${finding.column}: ${finding.message} [${finding.kind}]`;
}

/** Every finding, in file order then line and column order, formatted. */
export function formatFindings(findings: readonly LintFinding[]): string[] {
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort(
      (a, b) =>
        a.finding.file.localeCompare(b.finding.file) ||
        a.finding.line - b.finding.line ||
        a.finding.column - b.finding.column ||
        a.index - b.index,
    )
    .map(({ finding }) => formatFinding(finding));
}

/** actionlint's JSON output (a list of errors, `filepath` naming the file) as findings; anything else is a CheckError. */
export function parseActionlintJson(text: string): LintFinding[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.trim() === '' ? '[]' : text);
  } catch {
    throw new CheckError(`actionlint printed something other than JSON: ${JSON.stringify(text.slice(0, 200))}`);
  }
  if (!Array.isArray(parsed)) throw new CheckError('actionlint printed JSON that is not a list of errors');
  return parsed.map((entry: Record<string, unknown>) => {
    const { filepath, line, column, message, kind } = entry ?? {};
    if (typeof filepath !== 'string' || typeof line !== 'number' || typeof message !== 'string') {
      throw new CheckError(`actionlint printed an error without filepath, line or message: ${JSON.stringify(entry)}`);
    }
    return {
      file: filepath,
      line,
      column: typeof column === 'number' ? column : 0,
      message,
      kind: typeof kind === 'string' ? kind : 'unknown',
    };
  });
}

/**
 * Runs actionlint on `files` (paths relative to `root`). A missing binary is a CheckError naming the install script:
 * the check fails rather than passing without having looked.
 */
export function runActionlint(root: string, files: readonly string[], binary = ACTIONLINT_BINARY): LintFinding[] {
  const executable = path.resolve(root, binary);
  if (!existsSync(executable)) {
    throw new CheckError(`${binary} is missing; install it with 'bash .ci/install-actionlint.sh' (needs Go)`);
  }
  // actionlint checks `run:` scripts only when it finds shellcheck, and says nothing when it does not.
  const shellcheck = spawnSync('shellcheck', ['--version'], { encoding: 'utf8' });
  if (shellcheck.error || shellcheck.status !== 0) {
    throw new CheckError(
      "shellcheck is missing, so actionlint would not check the scripts in 'run:'; install the Debian package " +
        "shellcheck ('bash .ci/run system-packages' does)",
    );
  }
  const result = spawnSync(executable, ['-no-color', '-format', '{{json .}}', ...files], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (result.error) throw new CheckError(`could not run ${binary}: ${result.error.message}`);
  // Exit 0: no problem; 1: problems found (listed on stdout); anything else: actionlint itself failed.
  if (result.status !== 0 && result.status !== 1) {
    throw new CheckError(`${binary} failed (exit ${result.status ?? result.signal}): ${result.stderr.trim()}`);
  }
  return parseActionlintJson(result.stdout);
}
