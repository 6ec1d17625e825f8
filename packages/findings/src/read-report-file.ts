// Reads one security report file: whole when small, streamed when large and its reader can stream.
import { constants } from 'node:buffer';
import { closeSync } from 'node:fs';
import {
  InputError,
  MAX_JSON_DEPTH,
  StreamContextChanged,
  bufferSource,
  fileSource,
  guardJsonScan,
  looksLikeJsonLines,
  openRegularFile,
  parseJsonBytes,
  parseJsonLines,
  refuseDeepNesting,
  utf8BomLength,
  refuseOtherEncodings,
  scanJson,
  type ByteSource,
  type ScanPlan,
  type Streaming,
} from '@actions-kit/reports';
import { chooseReader } from './choose-reader.js';
import type { FindingReadContext, FindingReader, ReaderName, ReadResult } from './finding-reader.js';
import { READERS } from './registry.js';

export interface ReadReportOptions {
  /** Reader forced by a `tool:` prefix. */
  reader?: ReaderName;
  /** How the file is named in sources and errors (default: the path as given). */
  displayPath?: string;
  /** Absolute checkout directory: absolute paths inside reports are made relative to it. */
  root?: string;
  /**
   * Files larger than this many bytes are streamed when their reader can: the format is detected from the first
   * MiB, then only the finding lists are kept, one slimmed element at a time. Smaller files, and the files of a
   * reader that cannot stream, are parsed whole. Default 8 MiB.
   */
  streamThreshold?: number;
  /** The largest file parsed whole, in bytes (default: V8's longest string); a larger one must be streamed. */
  wholeLimit?: number;
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

const DEFAULT_STREAM_THRESHOLD = 8 * 1024 * 1024;
const PREVIEW_BYTES = 1024 * 1024;

/**
 * How the start of a large file is read to detect its format: the document's members and the first element of a
 * list (at the top or one level down) member by member, so that what is complete of them is kept when the preview
 * ends inside them; every other value whole, by one JSON.parse, or dropped when the preview ends inside it. Detection
 * looks at no more (keys, and the first element of a list). Walking every element member by member cost ~25 ms per
 * MiB of a Bandit or Gitleaks report.
 */
const previewPlan: ScanPlan = (path) => {
  if (path.length === 0) return 'descend';
  if (path.length > 2) return 'parse';
  const last = path[path.length - 1];
  if (typeof last === 'number') return last === 0 ? 'descend' : 'parse';
  return path.length === 1 ? 'descend' : 'parse';
};

/**
 * When the start of a file was not enough (a huge first value), the whole file is read as an outline instead: the
 * top two levels, with deeper objects and arrays left empty, which is what detection looks at.
 */
const outlinePlan: ScanPlan = (path) => (path.length <= 1 ? 'descend' : 'stub');

/**
 * Reads and normalises one report file with the first of `readers` that recognises it. Throws InputError (naming
 * the file) for anything the user must fix.
 */
export function readReportFile(
  path: string,
  options: ReadReportOptions = {},
  readers: readonly FindingReader[] = READERS,
): ReportFile {
  const { fd, size } = openRegularFile(path, options.displayPath ?? path);
  try {
    const open = (limit?: number) => fileSource(fd, limit);
    return readReport(open, size, { ...options, displayPath: options.displayPath ?? path }, readers);
  } finally {
    closeSync(fd);
  }
}

/** Reads a report held in memory (same rules as readReportFile). */
export function readReportBytes(
  bytes: Uint8Array,
  file: string,
  options: Omit<ReadReportOptions, 'displayPath'> = {},
  readers: readonly FindingReader[] = READERS,
): ReportFile {
  const open = (limit = Infinity) => bufferSource(bytes, limit);
  return readReport(open, bytes.length, { ...options, displayPath: file }, readers);
}

type Opener = (limit?: number) => ByteSource;

/** One read of one file: where its bytes come from and how it is to be read. */
interface Read {
  open: Opener;
  size: number;
  file: string;
  forced: ReaderName | undefined;
  /** What the reader is told, including the readers to choose among. */
  context: FindingReadContext;
}

function readReport(
  open: Opener,
  size: number,
  options: ReadReportOptions & { displayPath: string },
  readers: readonly FindingReader[],
): ReportFile {
  const file = options.displayPath;
  refuseEmptyOrOtherEncoding(open, size, file);
  const context = { file, ...(options.root && { root: options.root }), readers };
  const read: Read = { open, size, file, forced: options.reader, context };
  if (size <= (options.streamThreshold ?? DEFAULT_STREAM_THRESHOLD) || startsAsJsonLines(open, size))
    return readWhole(read);
  const preview = detectionPreview(read);
  const reader = chooseReader(preview, file, read.forced, readers);
  if (!reader) return finish(emptyResult(preview), undefined, read, true);
  if (reader.streaming) return readStreamed(read, reader, reader.streaming);
  const limit = options.wholeLimit ?? constants.MAX_STRING_LENGTH;
  if (size > limit) {
    throw new InputError(
      file,
      `the file is ${size} bytes, too large to read whole (at most ${limit} bytes), and ${reader.format} reports ` +
        'are not read as a stream. Have the tool write several smaller reports (e.g. one per project).',
    );
  }
  return readWhole(read);
}

/** An empty file, or UTF-16 or UTF-32 text, is refused with what to do about it. */
function refuseEmptyOrOtherEncoding(open: Opener, size: number, file: string): void {
  if (size === 0) {
    throw new InputError(
      file,
      'the file is empty (0 bytes). The scanner probably failed before writing its report; check its step log.',
    );
  }
  const head = Buffer.alloc(Math.min(size, 4));
  open(head.length).read(head, 0, head.length);
  refuseOtherEncodings(head, file);
}

/** Parses the whole file and reads it with the reader its content (or the forced one) calls for. */
function readWhole(read: Read): ReportFile {
  const { open, size, file } = read;
  const bytes = Buffer.allocUnsafe(size);
  const source = open();
  let filled = 0;
  for (let n = source.read(bytes, 0, size); n > 0 && filled + n <= size; n = source.read(bytes, filled, size - filled))
    filled += n;
  const json = bytes.subarray(0, filled);
  const start = utf8BomLength(json);
  const lines = looksLikeJsonLines(json, start);
  const doc = lines ? parseJsonLines(json, file, start) : parseJsonBytes(json, file);
  const reader = chooseReader(doc, file, read.forced, read.context.readers);
  // After choosing, as a streamed read checks it: a document no reader recognises is said to be that.
  if (reader && !lines) refuseDeepNesting(json, file);
  return finish(reader ? reader.read(doc, read.context) : emptyResult(doc), reader, read, false);
}

/**
 * A large JSON Lines report is read whole, one line at a time (its lines are small; only a single JSON document needs
 * a stream): told from its first MiB.
 */
function startsAsJsonLines(open: Opener, size: number): boolean {
  const head = Buffer.allocUnsafe(Math.min(size, PREVIEW_BYTES));
  const filled = open(head.length).read(head, 0, head.length);
  const bytes = head.subarray(0, filled);
  return looksLikeJsonLines(bytes, utf8BomLength(bytes));
}

/** What detection looks at in a large file: its start, or when no reader recognises that, its outline. */
function detectionPreview(read: Read): unknown {
  const { open, size, file } = read;
  const preview = guardJsonScan(file, () =>
    scanJson(open(PREVIEW_BYTES), previewPlan, { partial: size > PREVIEW_BYTES }),
  );
  if (size <= PREVIEW_BYTES || read.context.readers.some((r) => r.detect(preview))) return preview;
  return guardJsonScan(file, () => scanJson(open(), outlinePlan));
}

/** Streams the file with the reader's plan: element by element into records when it can, else into a skeleton. */
function readStreamed(
  read: Read,
  reader: FindingReader,
  streaming: Streaming<ReadResult, FindingReadContext>,
): ReportFile {
  const { open, file, context } = read;
  const streamRead = streaming.streamRead?.(context);
  if (streamRead) {
    const skeleton = guardJsonScan(file, () => scanJson(open(), streamRead.plan, { maxDepth: MAX_JSON_DEPTH }));
    try {
      return finish(streamRead.read(skeleton), reader, read, true);
    } catch (error) {
      if (!(error instanceof StreamContextChanged)) throw error;
    }
  }
  const skeleton = guardJsonScan(file, () => scanJson(open(), streaming.plan, { maxDepth: MAX_JSON_DEPTH }));
  return finish(reader.read(skeleton, context), reader, read, true);
}

function emptyResult(doc: unknown): ReadResult {
  return { tools: [], format: `empty report (${JSON.stringify(doc)})`, records: [], suppressed: [], notes: [] };
}

function finish(result: ReadResult, reader: FindingReader | undefined, read: Read, streamed: boolean): ReportFile {
  return { ...result, path: read.file, ...(reader && { reader: reader.name }), bytes: read.size, streamed };
}
