// The security scanners security.yml runs, as the demo can have them: the real one when it is installed (by
// .ci/install-scanners.sh into .cache/scanners/bin, or on PATH), else the report that scanner wrote on the sample
// service when it was recorded (examples/sample-service/recorded/), said so. Bandit runs only when Python files are
// tracked, as in security.yml.
import { accessSync, constants } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { REPORTS, runCommand } from './service-checks.js';

export type ScannerChoice = 'auto' | 'real' | 'recorded';

export interface ScanSource {
  scanner: string;
  /** ran: the real scanner; recorded: its recorded report; not needed: nothing for it to scan. */
  how: 'ran' | 'recorded' | 'not needed';
  /** For the recap, e.g. "gitleaks 8.30.1 on the history: 1 commit" or why it did not run. */
  detail: string;
  /** The report for security-scan, with its format prefix, relative to the service's folder. */
  report?: string;
}

interface Scanner {
  name: string;
  /** Why the scanner has nothing to scan in this checkout, or undefined when it has. */
  notNeeded(serviceDir: string): Promise<string | undefined>;
  /** What it reads, for the recap. */
  scope: string;
  args(report: string): string[];
}

const SCANNERS: Scanner[] = [
  {
    name: 'gitleaks',
    notNeeded: async () => undefined,
    scope: 'the git history',
    args: (report) => [
      'git',
      '--no-banner',
      '--log-level',
      'warn',
      '--exit-code',
      '0',
      '--report-format',
      'json',
      '--report-path',
      report,
      '.',
    ],
  },
  {
    name: 'bandit',
    notNeeded: async (serviceDir) => {
      const tracked = await runCommand('git', ['ls-files', '*.py'], { cwd: serviceDir });
      return tracked.outcome === 'success' && tracked.output === '' ? 'no Python files tracked' : undefined;
    },
    scope: 'the Python files',
    args: (report) => ['-r', '.', '-x', './.git,./node_modules', '-f', 'json', '-o', report, '--exit-zero', '-q'],
  },
];

/** The scanner's executable: .cache/scanners/bin first (where .ci/install-scanners.sh puts it), then PATH. */
function findScanner(root: string, name: string): string | undefined {
  const folders = [path.join(root, '.cache/scanners/bin'), ...(process.env['PATH'] ?? '').split(path.delimiter)];
  for (const folder of folders.filter((entry) => entry !== '')) {
    const candidate = path.join(folder, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

export async function scan(root: string, serviceDir: string, choice: ScannerChoice): Promise<ScanSource[]> {
  const sources: ScanSource[] = [];
  for (const scanner of SCANNERS) {
    const notNeeded = await scanner.notNeeded(serviceDir);
    if (notNeeded !== undefined) {
      sources.push({ scanner: scanner.name, how: 'not needed', detail: notNeeded });
      continue;
    }
    const binary = choice === 'recorded' ? undefined : findScanner(root, scanner.name);
    if (binary !== undefined) {
      const report = `${REPORTS}/${scanner.name}.json`;
      const ran = await runCommand(binary, scanner.args(report), { cwd: serviceDir });
      if (ran.outcome !== 'success') throw new Error(`${scanner.name} failed (${binary}): ${ran.output}`);
      const where = path.relative(root, binary).startsWith('..') ? binary : path.relative(root, binary);
      sources.push({
        scanner: scanner.name,
        how: 'ran',
        detail: `${scanner.scope}, by ${where}`,
        report: `${scanner.name}:${report}`,
      });
      continue;
    }
    if (choice === 'real') {
      throw new Error(
        `--scanners real: ${scanner.name} is not installed; run 'bash .ci/install-scanners.sh' or use --scanners auto`,
      );
    }
    const recorded = path.join(root, 'examples/sample-service/recorded', `${scanner.name}.json`);
    const report = `${REPORTS}/${scanner.name}.recorded.json`;
    await copyFile(recorded, path.join(serviceDir, report));
    sources.push({
      scanner: scanner.name,
      how: 'recorded',
      detail:
        (choice === 'recorded' ? 'asked for with --scanners recorded' : 'not installed') +
        `: its report recorded on the sample service was read (bash .ci/install-scanners.sh installs the real one)`,
      report: `${scanner.name}:${report}`,
    });
  }
  return sources;
}
