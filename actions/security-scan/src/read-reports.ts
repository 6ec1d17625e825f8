// Reads every report file, on several threads when they are large: with strict, the first bad one (in the order
// given) fails the step; without, it is recorded and the rest read.
import { ConfigurationError, countOf, debug } from '@actions-kit/core';
import {
  failedFileEntry,
  fileEntry,
  readReportFiles,
  type ReportFile,
  type ReportFileEntry,
} from '@actions-kit/findings';
import { InputError } from '@actions-kit/reports';
import { THIS_BUNDLE } from './bundle.js';
import type { ReportSource } from './report-sources.js';

export interface ReadReports {
  /** The reports that were read. */
  files: ReportFile[];
  /** One entry per source, in order, unreadable ones included (for the JSON report and the summary). */
  entries: ReportFileEntry[];
  /** The reports that could not be read, each message naming the file (only without strict). */
  failures: string[];
}

export interface ReadOptions {
  strict: boolean;
  /** Absolute paths inside reports are made relative to this directory (the workspace). */
  root: string;
  /** Threads to read on, this one included (see readReportFiles: small runs stay on this thread). */
  threads: number;
}

export async function readReports(sources: readonly ReportSource[], options: ReadOptions): Promise<ReadReports> {
  const jobs = sources.map((source) => ({
    path: source.file,
    options: {
      displayPath: source.displayPath,
      root: options.root,
      ...(source.reader && { reader: source.reader }),
    },
  }));
  const { outcomes, shares } = await readReportFiles(jobs, { threads: options.threads, workerScript: THIS_BUNDLE });
  debug(`reports: read on ${countOf(shares.length, 'thread')}: ${describeShares(shares, sources)}`);
  const files: ReportFile[] = [];
  const entries: ReportFileEntry[] = [];
  const failures: string[] = [];
  sources.forEach((source, i) => {
    const outcome = outcomes[i]!;
    if (outcome.ok) {
      files.push(outcome.file);
      entries.push(fileEntry(outcome.file));
      return;
    }
    const problem = describeProblem(outcome.error, source.displayPath);
    if (options.strict) {
      throw new ConfigurationError(
        `reports: ${problem} (With strict: false an unreadable report is listed in the summary and the others are still read.)`,
      );
    }
    failures.push(problem);
    entries.push(failedFileEntry(source.displayPath, problem));
  });
  return { files, entries, failures };
}

/** Which thread read which file, for the debug log: "this thread read a.json; worker 1 read b.json, c.json". */
function describeShares(shares: readonly number[][], sources: readonly ReportSource[]): string {
  const names = (share: readonly number[]) => share.map((i) => sources[i]!.displayPath).join(', ') || 'nothing';
  return shares.map((share, i) => `${i === 0 ? 'this thread' : `worker ${i}`} read ${names(share)}`).join('; ');
}

/**
 * The user-facing message for a file that could not be read. Anything that is not about the file is a bug: it is
 * thrown, strict or not, as an error naming the file (the original, with its stack, as the cause for the debug log).
 */
export function describeProblem(error: unknown, displayPath: string): string {
  if (error instanceof InputError) return error.message;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
    return `${displayPath}: the file cannot be read (${code}); check that it exists and is readable by the runner.`;
  }
  const message = error instanceof Error ? error.message : String(error);
  throw new Error(`${displayPath}: not read, because of an error in security-scan itself: ${message}`, {
    cause: error,
  });
}
