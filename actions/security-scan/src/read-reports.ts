// Reads every report file: with strict, the first bad one fails the step; without, it is recorded and the rest read.
import { ConfigurationError } from '@actions-kit/core';
import {
  InputError,
  failedFileEntry,
  fileEntry,
  readReportFile,
  type ReportFile,
  type ReportFileEntry,
} from '@actions-kit/findings';
import type { ReportSource } from './report-sources.js';

export interface ReadReports {
  /** The reports that were read. */
  files: ReportFile[];
  /** One entry per source, in order, unreadable ones included (for the JSON report and the summary). */
  entries: ReportFileEntry[];
  /** The reports that could not be read, each message naming the file (only without strict). */
  failures: string[];
}

export function readReports(sources: readonly ReportSource[], options: { strict: boolean; root: string }): ReadReports {
  const files: ReportFile[] = [];
  const entries: ReportFileEntry[] = [];
  const failures: string[] = [];
  for (const source of sources) {
    let file: ReportFile;
    try {
      file = readReportFile(source.file, {
        displayPath: source.displayPath,
        root: options.root,
        ...(source.reader && { reader: source.reader }),
      });
    } catch (error) {
      const problem = describeProblem(error, source.displayPath);
      if (options.strict) {
        throw new ConfigurationError(
          `reports: ${problem} (With strict: false an unreadable report is listed in the summary and the others are still read.)`,
        );
      }
      failures.push(problem);
      entries.push(failedFileEntry(source.displayPath, problem));
      continue;
    }
    files.push(file);
    entries.push(fileEntry(file));
  }
  return { files, entries, failures };
}

/** The user-facing message for a file that could not be read; anything that is not about the file is a bug. */
function describeProblem(error: unknown, displayPath: string): string {
  if (error instanceof InputError) return error.message;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
    return `${displayPath}: the file cannot be read (${code}); check that it exists and is readable by the runner.`;
  }
  throw error;
}
