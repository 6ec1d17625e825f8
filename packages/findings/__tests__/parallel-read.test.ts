// Reading on several threads, without a worker: how files are shared out, when the calling thread reads them all,
// and how each worker result or failure (including a worker that dies) comes back. The real workers run in the
// security-scan action's integration tests, through its bundle.
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { InputError } from '@actions-kit/reports';
import { assignToThreads, type ReadOutcome, readReportFiles } from '../src/parallel-read.js';
import { readReportFile } from '../src/read-report-file.js';
import {
  collectOutcomes,
  rebuiltError,
  transferredFailure,
  type WorkerEvents,
  type WorkerMessage,
} from '../src/parallel-read.js';
import { encodeReportFile, transferList } from '../src/record-transfer.js';
import { banditReport, banditResult } from './support/documents.js';

let dir: string;
let good: string;
let broken: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'parallel-read-'));
  good = path.join(dir, 'bandit.json');
  broken = path.join(dir, 'broken.json');
  writeFileSync(good, JSON.stringify(banditReport([banditResult(), banditResult({ line_number: 9 })])));
  writeFileSync(broken, '{"results": [');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a failed read threw, as the caller sees it after the worker sent it across. */
function acrossThreads(error: unknown): Error {
  return rebuiltError(structuredClone(transferredFailure(error)));
}

function thrownBy(read: () => unknown): unknown {
  try {
    read();
  } catch (error) {
    return error;
  }
  throw new Error('expected the read to throw');
}

describe('assignToThreads', () => {
  it('gives the largest file to the calling thread (share 0) and the rest to the least loaded thread', () => {
    // The benchmark's shape: one 125 MB Trivy report and three of ~20 MB.
    expect(assignToThreads([20, 125, 21, 19], 2)).toEqual([[1], [0, 2, 3]]);
    expect(assignToThreads([20, 125, 21, 19], 4)).toEqual([[1], [2], [0], [3]]);
  });

  it('balances bytes: each file goes to the thread with the fewest bytes so far, largest first', () => {
    const sizes = [5, 9, 7, 3, 8, 2, 6];
    const shares = assignToThreads(sizes, 3);
    const loads = shares.map((share) => share.reduce((sum, i) => sum + sizes[i]!, 0));
    expect(shares).toEqual([
      [1, 3, 5],
      [0, 4],
      [2, 6],
    ]);
    expect(loads).toEqual([14, 13, 13]);
  });

  it('places every file exactly once, each share in the order given; ties go to the lowest thread', () => {
    expect(assignToThreads([10, 10, 10, 10], 2)).toEqual([
      [0, 2],
      [1, 3],
    ]);
    expect(assignToThreads([1, 2, 3], 1)).toEqual([[0, 1, 2]]);
    expect(assignToThreads([4, 4], 3)).toEqual([[0], [1], []]);
    expect(assignToThreads([], 2)).toEqual([[], []]);
  });
});

describe('readReportFiles on the calling thread', () => {
  // A worker started with this script would fail, so a success proves no worker was started.
  const workerScript = new URL('file:///nonexistent/worker.js');

  it('reads everything here with one thread, below minBytes, or with a single file', async () => {
    const jobs = [{ path: good }, { path: good, options: { displayPath: 'b.json' } }];
    for (const options of [
      { threads: 1, minBytes: 0 },
      { threads: 4, minBytes: 1024 * 1024 },
    ]) {
      const read = await readReportFiles(jobs, { ...options, workerScript });
      expect(read.shares).toEqual([[0, 1]]);
      expect(read.outcomes.map((o) => o.ok && o.file.path)).toEqual([good, 'b.json']);
    }
    expect((await readReportFiles([{ path: good }], { threads: 4, minBytes: 0, workerScript })).shares).toEqual([[0]]);
  });

  it('returns one outcome per file in the order given, failures as the error the read threw', async () => {
    const missing = path.join(dir, 'missing.json');
    const { outcomes } = await readReportFiles([{ path: broken }, { path: good }, { path: missing }], {
      threads: 1,
      workerScript,
    });
    expect(outcomes.map((o) => o.ok)).toEqual([false, true, false]);
    expect(outcomes[0]).toEqual({ ok: false, error: expect.any(InputError) });
    expect(outcomes[2]).toEqual({ ok: false, error: expect.objectContaining({ code: 'ENOENT' }) });
  });
});

describe('errors sent across threads', () => {
  it('keep an InputError an InputError, with its message, file and offset', () => {
    const original = thrownBy(() => readReportFile(broken, { displayPath: 'out/broken.json' })) as InputError;
    expect(original).toBeInstanceOf(InputError);
    const rebuilt = acrossThreads(original) as InputError;
    expect(rebuilt).toBeInstanceOf(InputError);
    expect([rebuilt.message, rebuilt.file, rebuilt.offset]).toEqual([original.message, 'out/broken.json', 13]);
    expect(acrossThreads(new InputError('a.json', 'the file is empty'))).toMatchObject({ offset: undefined });
  });

  it('keep a system error code (ENOENT, EACCES) and message', () => {
    const original = thrownBy(() => readReportFile(path.join(dir, 'missing.json'))) as NodeJS.ErrnoException;
    const rebuilt = acrossThreads(original) as NodeJS.ErrnoException;
    expect(rebuilt).not.toBeInstanceOf(InputError);
    expect([rebuilt.message, rebuilt.code, rebuilt.syscall, rebuilt.path, rebuilt.errno]).toEqual([
      original.message,
      'ENOENT',
      'open',
      original.path,
      original.errno,
    ]);
  });

  it('keep a bug a bug: not an InputError, no code, the name, message and the stack where it happened', () => {
    const original = new TypeError("Cannot read properties of undefined (reading 'x')");
    const rebuilt = acrossThreads(original);
    expect(rebuilt).not.toBeInstanceOf(InputError);
    expect([rebuilt.name, rebuilt.message, rebuilt.stack]).toEqual([original.name, original.message, original.stack]);
    expect(rebuilt).not.toHaveProperty('code');
    expect(acrossThreads('a string thrown')).toMatchObject({ name: 'Error', message: 'a string thrown' });
  });
});

describe('collectOutcomes', () => {
  const jobs = [{ path: '/r/a.json', options: { displayPath: 'a.json' } }, { path: '/r/b.json' }];
  const fileMessage = (index: number): WorkerMessage => {
    const file = encodeReportFile(readReportFile(good, { displayPath: `file-${index}` }));
    return structuredClone({ index, file }, { transfer: transferList(file) });
  };
  const failureMessage = (index: number, error: unknown): WorkerMessage => ({
    index,
    failure: transferredFailure(error),
  });

  /** A stand-in for a Worker: the test emits its events. */
  function worker(): EventEmitter & WorkerEvents {
    return new EventEmitter() as EventEmitter & WorkerEvents;
  }

  it("puts each result in its job's place, whatever order they come in", async () => {
    const events = worker();
    const collected = collectOutcomes(events, jobs);
    events.emit('message', failureMessage(1, new InputError('b.json', 'the file is empty')));
    events.emit('message', fileMessage(0));
    events.emit('exit', 0);
    const [a, b] = await collected;
    expect(a).toEqual({ ok: true, file: readReportFile(good, { displayPath: 'file-0' }) });
    expect(b).toEqual({ ok: false, error: new InputError('b.json', 'the file is empty') });
    expect((b as { error: unknown }).error).toBeInstanceOf(InputError);
  });

  it('names each file a worker exited without sending', async () => {
    const events = worker();
    const collected = collectOutcomes(events, jobs);
    events.emit('message', fileMessage(0));
    events.emit('exit', 0);
    const [a, b] = await collected;
    expect(a!.ok).toBe(true);
    expect(errorOf(b!).message).toBe(
      '/r/b.json: not read: the worker thread reading it exited (code 0) before sending its result',
    );
  });

  it('names every file of a worker that crashed, with what it threw', async () => {
    const events = worker();
    const collected = collectOutcomes(events, jobs);
    const crash = new Error('ERR_WORKER_OUT_OF_MEMORY: Worker terminated due to reaching memory limit');
    events.emit('error', crash);
    events.emit('exit', 1);
    const outcomes = await collected;
    expect(outcomes.map((o) => errorOf(o).message)).toEqual([
      `a.json: not read: the worker thread reading it failed: ${crash.message}`,
      `/r/b.json: not read: the worker thread reading it failed: ${crash.message}`,
    ]);
    expect(outcomes.map((o) => errorOf(o).cause)).toEqual([crash, crash]);
    expect(errorOf(outcomes[0]!)).not.toBeInstanceOf(InputError);
  });

  it('turns a message that cannot be rebuilt into an error, not a crash or a wrong record', async () => {
    const events = worker();
    const collected = collectOutcomes(events, [jobs[0]!, jobs[0]!]);
    const unknownKind = fileMessage(0) as { index: number; file: { kinds: Uint8Array } };
    unknownKind.file.kinds[3] = 9; // the first record: an identity kind the decoder does not know
    const missingRows = fileMessage(1) as { index: number; file: { active: number } };
    missingRows.file.active += 1;
    events.emit('message', unknownKind as WorkerMessage);
    events.emit('message', missingRows as WorkerMessage);
    events.emit('exit', 0);
    expect((await collected).map((o) => errorOf(o).message)).toEqual([
      'record transfer of file-0: record 0 has an unknown severity, category or kind',
      'record transfer of file-1: the columns do not hold 2 records',
    ]);
  });
});

function errorOf(outcome: ReadOutcome): Error {
  if (outcome.ok) throw new Error(`expected a failure, got ${outcome.file.path}`);
  return outcome.error as Error;
}
