// Reads several report files at once: worker threads read their share of the files while the calling thread reads
// its own, and each file's result, or the error that stopped it, comes back as if it had been read here.
import { statSync } from 'node:fs';
import { isNativeError } from 'node:util/types';
import type { Worker as WorkerThread } from 'node:worker_threads';
import { InputError } from '@actions-kit/reports';
import { decodeReportFile, encodeReportFile, transferList, type TransferredReportFile } from './record-transfer.js';
import { readReportFile, type ReadReportOptions, type ReportFile } from './read-report-file.js';

/** One file to read, as readReportFile takes it. */
export interface ReadJob {
  path: string;
  options?: ReadReportOptions;
}

/** What reading one file gave: the file, or what readReportFile threw. */
export type ReadOutcome = { ok: true; file: ReportFile } | { ok: false; error: unknown };

export interface ParallelReadOptions {
  /** Threads to read on, the calling one included; 1 reads every file here. */
  threads: number;
  /**
   * The script a worker thread runs: one whose entry point calls serveReportReads() when isReportReadWorker() is
   * true (the action's bundle does), so that the worker reads the files it is given.
   */
  workerScript: URL;
  /** Below this many bytes in all, every file is read on the calling thread. Default PARALLEL_READ_MIN_BYTES. */
  minBytes?: number;
}

/**
 * Worker threads pay only above this much report in all. Measured on a 2-core machine: a worker that loads the
 * action's bundle sends its first result ~30 ms after new Worker(); a report is read at ~6 ms per MB, encoded on the
 * worker at ~2.5 ms per MB and rebuilt on this thread at ~1.5 ms per MB. With a core free for each thread, two equal
 * shares of S MB take ~30 + 10·S ms (the worker's share, then its rebuilding) against ~12·S ms on one thread: they
 * break even near 30 MB in all. On 2 cores no size pays: one reading thread already keeps ~1.4 cores busy (V8
 * collects its garbage on the other), and two measured no faster from 8 to 190 MB (up to 70 ms slower).
 */
export const PARALLEL_READ_MIN_BYTES = 32 * 1024 * 1024;

/** What readReportFiles gives back. */
export interface ParallelRead {
  /** One per job, in the order given. */
  outcomes: ReadOutcome[];
  /** The job indexes each thread read, the calling thread's first; one share when no worker was started. */
  shares: number[][];
}

/**
 * Reads the files, on up to `threads` threads when they are at least `minBytes` in all and more than one. A failure
 * is returned as the error the read threw here would be: an InputError with its message and offset, a system error
 * with its `code`; anything else is a bug and comes back as an Error with the worker's stack. A worker that stops
 * before sending a file's result leaves an Error naming the file. Never rejects.
 */
export async function readReportFiles(jobs: readonly ReadJob[], options: ParallelReadOptions): Promise<ParallelRead> {
  const sizes = jobs.map((job) => sizeOf(job.path));
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const threads = Math.min(options.threads, jobs.length);
  if (threads < 2 || total < (options.minBytes ?? PARALLEL_READ_MIN_BYTES)) return readAllHere(jobs);
  // Loaded here, not at start-up: most runs read a few small reports and never start a worker.
  const { Worker, isMainThread } = await import('node:worker_threads');
  // A worker never starts workers, even one whose script runs more than serveReportReads.
  if (!isMainThread) return readAllHere(jobs);
  const [own = [], ...others] = assignToThreads(sizes, threads);
  const outcomes: ReadOutcome[] = new Array(jobs.length);
  // Workers start first, so they read while this thread reads its own share.
  const workers = others.filter((share) => share.length > 0);
  const pending = workers.map((share) => {
    const workerJobs = share.map((i) => jobs[i]!);
    return readOnWorker(Worker, workerJobs, options.workerScript);
  });
  for (const i of own) outcomes[i] = readHere(jobs[i]!);
  const results = await Promise.all(pending);
  workers.forEach((share, w) => share.forEach((job, i) => (outcomes[job] = results[w]![i]!)));
  return { outcomes, shares: [own, ...workers] };
}

/**
 * Splits files among threads by size: largest first, each to the thread with the fewest bytes so far (the lowest
 * numbered on a tie). Thread 0 is the calling thread, so it takes the largest file: its records then need no
 * rebuilding, and it is busy with it while the workers start. Returns each thread's job indexes in ascending order.
 */
export function assignToThreads(sizes: readonly number[], threads: number): number[][] {
  const shares: number[][] = Array.from({ length: Math.max(1, threads) }, () => []);
  const loads = shares.map(() => 0);
  const bySize = sizes.map((_, i) => i).sort((a, b) => sizes[b]! - sizes[a]! || a - b);
  for (const job of bySize) {
    const lightest = loads.indexOf(Math.min(...loads));
    shares[lightest]!.push(job);
    loads[lightest]! += sizes[job]!;
  }
  return shares.map((share) => share.sort((a, b) => a - b));
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0; // the read reports why the file cannot be read
  }
}

function readAllHere(jobs: readonly ReadJob[]): ParallelRead {
  return { outcomes: jobs.map(readHere), shares: [jobs.map((_, i) => i)] };
}

function readHere(job: ReadJob): ReadOutcome {
  try {
    return { ok: true, file: readReportFile(job.path, job.options) };
  } catch (error) {
    return { ok: false, error };
  }
}

// --- The worker's side -------------------------------------------------------------------------------------------

/**
 * Marks a worker started by readReportFiles, in its process.argv: the entry point can test for it without loading
 * node:worker_threads, which would add ~1.3 ms to every run's start-up.
 */
const READ_WORKER_ARG = '--actions-kit-read-reports';

interface ReadRequest {
  jobs: ReadJob[];
}

/** One file's result as a worker posts it; `index` is the file's position in the worker's jobs. */
export type WorkerMessage =
  { index: number; file: TransferredReportFile } | { index: number; failure: TransferredFailure };

/** True on a worker thread readReportFiles started: the entry point should then call serveReportReads(). */
export function isReportReadWorker(): boolean {
  return process.argv.includes(READ_WORKER_ARG);
}

/** Reads the files this worker was given and posts each result as soon as it has it; the thread then ends. */
export async function serveReportReads(): Promise<void> {
  const { isMainThread, parentPort, workerData } = await import('node:worker_threads');
  if (isMainThread || parentPort === null) {
    throw new Error(`serveReportReads: not a worker thread (${READ_WORKER_ARG} given to the main thread)`);
  }
  const { jobs } = workerData as ReadRequest;
  jobs.forEach((job, index) => {
    const outcome = readHere(job);
    try {
      if (!outcome.ok) throw outcome.error;
      const file = encodeReportFile(outcome.file);
      parentPort.postMessage({ index, file } satisfies WorkerMessage, transferList(file));
    } catch (error) {
      parentPort.postMessage({ index, failure: transferredFailure(error) } satisfies WorkerMessage);
    }
  });
}

// --- The calling thread's side -----------------------------------------------------------------------------------

/** The events of a worker_threads Worker that collectOutcomes listens to. */
export interface WorkerEvents {
  on(event: 'message', listener: (message: WorkerMessage) => void): unknown;
  on(event: 'messageerror' | 'error', listener: (error: Error) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
}

function readOnWorker(Worker: typeof WorkerThread, jobs: ReadJob[], script: URL): Promise<ReadOutcome[]> {
  let worker: WorkerThread;
  try {
    worker = new Worker(script, { argv: [READ_WORKER_ARG], workerData: { jobs } satisfies ReadRequest });
  } catch (error) {
    return Promise.resolve(jobs.map((job) => ({ ok: false, error: notRead(job, 'could not be started', error) })));
  }
  return collectOutcomes(worker, jobs);
}

/**
 * The outcome of each of a worker's jobs, once the worker has exited. A job it sent no result for (it crashed, ran
 * out of memory or exited) gets an Error naming the file and why.
 */
export function collectOutcomes(worker: WorkerEvents, jobs: readonly ReadJob[]): Promise<ReadOutcome[]> {
  return new Promise((resolve) => {
    const outcomes: (ReadOutcome | undefined)[] = new Array(jobs.length);
    let failure: Error | undefined;
    worker.on('message', (message) => {
      outcomes[message.index] = receive(message);
    });
    worker.on('messageerror', (error) => (failure ??= error));
    worker.on('error', (error) => (failure ??= error));
    worker.on('exit', (code) => {
      const why = failure ? 'failed' : `exited (code ${code}) before sending its result`;
      resolve(jobs.map((job, i) => outcomes[i] ?? { ok: false, error: notRead(job, why, failure) }));
    });
  });
}

function receive(message: WorkerMessage): ReadOutcome {
  if ('failure' in message) return { ok: false, error: rebuiltError(message.failure) };
  try {
    return { ok: true, file: decodeReportFile(message.file) };
  } catch (error) {
    return { ok: false, error };
  }
}

/** A bug, not a problem with the file: the user cannot fix it, so it is not an InputError. */
function notRead(job: ReadJob, why: string, cause: unknown): Error {
  const name = job.options?.displayPath ?? job.path;
  const reason = cause instanceof Error || isNativeError(cause) ? `: ${cause.message}` : '';
  return new Error(`${name}: not read: the worker thread reading it ${why}${reason}`, { cause });
}

// --- Errors across threads ---------------------------------------------------------------------------------------
// Structured cloning keeps an Error's message and stack but not its class or fields (InputError's file and offset,
// a system error's code), which decide how the action reports it; so they are sent as data and rebuilt.

export type TransferredFailure =
  | { kind: 'input'; file: string; problem: string; offset: number | undefined }
  | { kind: 'error'; name: string; message: string; stack: string | undefined; system: SystemFields };

/** What a system error (ENOENT, EACCES, ...) carries besides its message. */
interface SystemFields {
  code?: string;
  errno?: number;
  syscall?: string;
  path?: string;
}

export function transferredFailure(error: unknown): TransferredFailure {
  if (error instanceof InputError) {
    // InputError's message is always `${file}: ${problem}`.
    return {
      kind: 'input',
      file: error.file,
      problem: error.message.slice(error.file.length + 2),
      offset: error.offset,
    };
  }
  // isNativeError, not instanceof: errors thrown by Node's own modules can come from another realm (under Jest).
  if (!(error instanceof Error || isNativeError(error))) {
    return { kind: 'error', name: 'Error', message: String(error), stack: undefined, system: {} };
  }
  const { code, errno, syscall, path } = error as NodeJS.ErrnoException;
  const system = { code, errno, syscall, path };
  return { kind: 'error', name: error.name, message: error.message, stack: error.stack, system };
}

export function rebuiltError(failure: TransferredFailure): Error {
  if (failure.kind === 'input') return new InputError(failure.file, failure.problem, failure.offset);
  const error = new Error(failure.message);
  error.name = failure.name;
  if (failure.stack !== undefined) error.stack = failure.stack;
  for (const [field, value] of Object.entries(failure.system)) {
    if (value !== undefined) Object.assign(error, { [field]: value });
  }
  return error;
}
