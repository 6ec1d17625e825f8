// The I/O edge of the package: reads report files (whole when small, streamed when large) and writes outputs in pieces.
import { closeSync, fstatSync, openSync, write } from 'node:fs';
import { READERS, chooseReader, outlinePlan, previewPlan } from './detect.js';
import { InputError } from './input-error.js';
import { bufferSource, fileSource, scanJson, type ByteSource } from './json-scanner.js';
import { JsonSyntaxError, findJsonSyntaxError, lineAndColumn } from './json-syntax.js';
import { StreamContextChanged, type ReaderName, type ReadResult } from './reader.js';

export interface ReadReportOptions {
  /** Reader forced by a `tool:` prefix. */
  reader?: ReaderName;
  /** How the file is named in sources and errors (default: the path as given). */
  displayPath?: string;
  /** Absolute checkout directory: absolute paths inside reports are made relative to it. */
  root?: string;
  /**
   * Files larger than this many bytes are streamed: the format is detected from the first MiB, then only the
   * finding lists are kept, one slimmed element at a time. Smaller files are parsed whole. Default 8 MiB.
   */
  streamThreshold?: number;
}

/** One report file read: what the reader found, plus how the file was read. */
export interface ReportFile extends ReadResult {
  /** The path as shown to the user. */
  path: string;
  /** The reader used; undefined for an empty report (`null`, `[]`) with no forced reader. */
  reader?: ReaderName;
  bytes: number;
  streamed: boolean;
}

export const DEFAULT_STREAM_THRESHOLD = 8 * 1024 * 1024;
const PREVIEW_BYTES = 1024 * 1024;

/** Reads and normalises one report file. Throws InputError (naming the file) for anything the user must fix. */
export function readReportFile(path: string, options: ReadReportOptions = {}): ReportFile {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const open = (limit?: number) => fileSource(fd, limit);
    return readReport(open, size, { ...options, displayPath: options.displayPath ?? path });
  } finally {
    closeSync(fd);
  }
}

/** Reads a report held in memory (same rules as readReportFile). */
export function readReportBytes(
  bytes: Uint8Array,
  file: string,
  options: Omit<ReadReportOptions, 'displayPath'> = {},
): ReportFile {
  return readReport((limit = Infinity) => bufferSource(bytes, limit), bytes.length, { ...options, displayPath: file });
}

type Opener = (limit?: number) => ByteSource;

function readReport(open: Opener, size: number, options: ReadReportOptions & { displayPath: string }): ReportFile {
  const file = options.displayPath;
  if (size === 0) {
    throw new InputError(
      file,
      'the file is empty (0 bytes). The scanner probably failed before writing its report; check its step log.',
    );
  }
  const head = Buffer.alloc(Math.min(size, 4));
  open(head.length).read(head, 0, head.length);
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new InputError(
      file,
      'the file is UTF-16 encoded (PowerShell redirection writes it). Have the scanner write the file itself (e.g. --output / -o) or re-encode it as UTF-8.',
    );
  }
  const context = { file, ...(options.root && { root: options.root }) };
  const threshold = options.streamThreshold ?? DEFAULT_STREAM_THRESHOLD;
  if (size <= threshold) {
    const bytes = Buffer.allocUnsafe(size);
    const source = open();
    let filled = 0;
    for (
      let n = source.read(bytes, 0, size);
      n > 0 && filled + n <= size;
      n = source.read(bytes, filled, size - filled)
    )
      filled += n;
    const doc = parseWhole(bytes.subarray(0, filled), file);
    const reader = chooseReader(doc, file, options.reader);
    return finish(reader ? reader.read(doc, context) : emptyResult(doc), reader?.name, file, size, false);
  }
  let preview = guardJson(file, () => scanJson(open(PREVIEW_BYTES), previewPlan, { partial: size > PREVIEW_BYTES }));
  if (size > PREVIEW_BYTES && !READERS.some((r) => r.detect(preview))) {
    preview = guardJson(file, () => scanJson(open(), outlinePlan));
  }
  const reader = chooseReader(preview, file, options.reader);
  if (!reader) return finish(emptyResult(preview), undefined, file, size, true);
  const streaming = reader.streamRead?.(context);
  if (streaming) {
    const skeleton = guardJson(file, () => scanJson(open(), streaming.plan));
    try {
      return finish(streaming.read(skeleton), reader.name, file, size, true);
    } catch (error) {
      if (!(error instanceof StreamContextChanged)) throw error;
    }
  }
  const skeleton = guardJson(file, () => scanJson(open(), reader.streamPlan));
  return finish(reader.read(skeleton, context), reader.name, file, size, true);
}

function emptyResult(doc: unknown): ReadResult {
  return { tools: [], format: `empty report (${JSON.stringify(doc)})`, records: [], suppressed: [], notes: [] };
}

function finish(
  result: ReadResult,
  reader: ReaderName | undefined,
  path: string,
  bytes: number,
  streamed: boolean,
): ReportFile {
  return { ...result, path, ...(reader && { reader }), bytes, streamed };
}

/** JSON.parse with a BOM allowed and errors located in bytes (V8's messages have no byte offset). */
function parseWhole(bytes: Buffer, file: string): unknown {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return JSON.parse(bytes.toString('utf8', start));
  } catch (error) {
    if (error instanceof RangeError) throw new InputError(file, 'the JSON is nested too deeply to read.');
    const problem = findJsonSyntaxError(bytes, start) ?? new JsonSyntaxError(start, 'invalid JSON');
    throw syntaxError(file, problem, bytes);
  }
}

function guardJson<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw syntaxError(file, error);
    if (error instanceof RangeError) throw new InputError(file, `the report could not be read: ${error.message}.`);
    throw error;
  }
}

function syntaxError(file: string, error: JsonSyntaxError, bytes?: Uint8Array): InputError {
  const where = bytes ? lineAndColumn(bytes, error.offset) : undefined;
  const position = `at byte ${error.offset}${where ? ` (line ${where.line}, column ${where.column})` : ''}`;
  const hint = error.problem.startsWith('unexpected end of input')
    ? ' The report looks truncated: check that the scanner finished and the disk was not full.'
    : ' Check that the file holds only the JSON report (no log lines or progress output around it).';
  return new InputError(file, `not valid JSON: ${error.problem} ${position}.${hint}`, error.offset);
}

/**
 * Writes text produced piece by piece (see report.ts, sarif-writer.ts) to a file, without joining it first. The
 * text is encoded here into large buffers; the kernel writes run on libuv's thread pool, each at its own position,
 * so encoding the next buffer overlaps writing the last one (another core does the copying into the page cache).
 * A few buffers are used in turn: memory stays bounded when the disk is slower than the encoding, and no new
 * buffer is allocated per write (100 MB of fresh buffers would make V8 run full collections for them).
 */
export async function writeChunks(path: string, chunks: Iterable<string>): Promise<number> {
  const fd = openSync(path, 'w');
  // Each write in flight, with the buffer it frees for reuse (none for a piece too large for a buffer).
  const inFlight: { written: Promise<void>; frees?: Buffer }[] = [];
  let buffer: Buffer = Buffer.allocUnsafe(WRITE_BUFFER_BYTES);
  let used = 0;
  let position = 0;
  const send = (bytes: Buffer, frees?: Buffer) => {
    const written = writeAt(fd, bytes, position);
    // Handled now, awaited later: a failed write must not count as an unhandled rejection meanwhile.
    written.catch(() => undefined);
    inFlight.push({ written, ...(frees && { frees }) });
    position += bytes.length;
  };
  /** A buffer to fill next: a new one while few are in use, else the oldest write's once it is done. */
  const nextBuffer = async (): Promise<Buffer> => {
    while (inFlight.length >= BUFFERS_IN_FLIGHT) {
      const oldest = inFlight.shift()!;
      await oldest.written;
      if (oldest.frees) return oldest.frees;
    }
    return Buffer.allocUnsafe(WRITE_BUFFER_BYTES);
  };
  try {
    for (const chunk of chunks) {
      // A UTF-16 code unit takes at most 3 bytes in UTF-8, so this much room always fits the chunk.
      if (chunk.length * 3 > buffer.length - used && used > 0) {
        send(buffer.subarray(0, used), buffer);
        buffer = await nextBuffer();
        used = 0;
      }
      if (chunk.length * 3 > buffer.length) send(Buffer.from(chunk, 'utf8'));
      else used += buffer.write(chunk, used, 'utf8');
    }
    if (used > 0) send(buffer.subarray(0, used));
    for (const { written } of inFlight) await written;
  } finally {
    await Promise.allSettled(inFlight.map(({ written }) => written));
    closeSync(fd);
  }
  return position;
}

/** Writes all of `bytes` at `position` (a write may take fewer bytes than given; the rest follows). */
async function writeAt(fd: number, bytes: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    done += await new Promise<number>((resolve, reject) =>
      write(fd, bytes, done, bytes.length - done, position + done, (error, n) => (error ? reject(error) : resolve(n))),
    );
  }
}

const WRITE_BUFFER_BYTES = 4 * 1024 * 1024;
/** Buffers being written at once; one more is being filled. */
const BUFFERS_IN_FLIGHT = 3;
