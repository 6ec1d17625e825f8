// Opens a quality report and tells which kind of text it holds (JSON, XML or lines of text), so the family's members
// can detect their format from content; XML and line formats are then read as a stream of chunks, never whole.
import { closeSync, readSync } from 'node:fs';
import { InputError, openRegularFile, parseJsonBytes, refuseOtherEncodings, utf8BomLength } from '@actions-kit/reports';
import { loadXmlParser, xmlRoot } from './xml.js';

/** How much of a file is read to tell its kind and, for XML, its root element. */
const HEAD_BYTES = 64 * 1024;
/** The size of the chunks XML and line formats are read in. */
const CHUNK_BYTES = 1024 * 1024;

/** The text of a report file, read again from the start each time `chunks` is called. */
export interface TextSource {
  /** The report's path as the user should see it. */
  readonly file: string;
  chunks(): Generator<string>;
  /** The raw bytes (after a UTF-8 byte order mark), in chunks that are only valid until the next one is asked for. */
  byteChunks(): Generator<Buffer>;
}

/** A JSON report, parsed whole. */
export interface JsonDocument {
  readonly type: 'json';
  readonly value: unknown;
}

/** An XML report: its root element, and the text to stream through the parser. */
export interface XmlDocument {
  readonly type: 'xml';
  readonly root: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly source: TextSource;
}

/** A line-oriented report (LCOV): its first line, and the text. */
export interface TextDocument {
  readonly type: 'text';
  readonly firstLine: string;
  readonly source: TextSource;
}

/** What a member of a quality reader family detects its format in and reads. */
export type ReportDocument = JsonDocument | XmlDocument | TextDocument;

/** Opens `path` (shown as `file`), refusing what is not a regular, non-empty UTF-8 file. */
export async function openReportDocument(path: string, file: string): Promise<ReportDocument> {
  const { fd, size } = openOrExplain(path, file);
  let head: Buffer;
  try {
    if (size === 0) {
      throw new InputError(
        file,
        'the file is empty (0 bytes). The tool probably failed before writing its report; check its step log.',
      );
    }
    head = Buffer.allocUnsafe(Math.min(size, HEAD_BYTES));
    head = head.subarray(0, readSync(fd, head, 0, head.length, 0));
    refuseOtherEncodings(head, file);
    const start = firstNonSpace(head, utf8BomLength(head));
    if (start < 0) {
      throw new InputError(file, `the file holds only white space (${size} bytes): the tool wrote no report.`);
    }
    const first = head[start];
    if (first === 0x7b || first === 0x5b) return { type: 'json', value: parseJsonBytes(readAll(fd, size), file) };
    const source = fileText(path, file);
    if (first === 0x3c) {
      await loadXmlParser();
      const root = xmlRoot(source);
      const encoding = xmlEncoding(root.encoding, file);
      const text = encoding === 'utf-8' ? source : fileText(path, file, encoding);
      return { type: 'xml', root: root.name, attributes: root.attributes, source: text };
    }
    const text = head.toString('utf8', start);
    const end = text.search(/\r?\n/);
    return { type: 'text', firstLine: end < 0 ? text : text.slice(0, end), source };
  } finally {
    closeSync(fd);
  }
}

function openOrExplain(path: string, file: string): { fd: number; size: number } {
  try {
    return openRegularFile(path, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new InputError(file, 'the file does not exist (it may have been removed after the pattern matched it).');
    if (code === 'EACCES')
      throw new InputError(file, 'the file cannot be read (permission denied): check the step that wrote it.');
    throw error;
  }
}

/** Encodings an XML declaration may name, as TextDecoder labels; others are refused. */
const XML_ENCODINGS: Record<string, string> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'us-ascii': 'utf-8',
  ascii: 'utf-8',
  // Old Ant and JUnit 4 tools write Latin-1; windows-1252 decodes it (and is what browsers do for it too).
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
};

function xmlEncoding(declared: string | undefined, file: string): string {
  if (declared === undefined) return 'utf-8';
  const encoding = XML_ENCODINGS[declared.trim().toLowerCase()];
  if (encoding) return encoding;
  throw new InputError(
    file,
    `the XML declares encoding="${declared.slice(0, 40)}"; UTF-8 and ISO-8859-1 are read. Have the tool write UTF-8.`,
  );
}

function firstNonSpace(bytes: Buffer, from: number): number {
  for (let i = from; i < bytes.length; i++) {
    const b = bytes[i];
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return i;
  }
  return -1;
}

function readAll(fd: number, size: number): Buffer {
  const bytes = Buffer.allocUnsafe(size);
  let filled = 0;
  for (let n = 1; n > 0 && filled < size; filled += n) n = readSync(fd, bytes, filled, size - filled, filled);
  return bytes.subarray(0, filled);
}

/** The file's text in chunks of about a MiB, decoded as `encoding` (a TextDecoder label). */
export function fileText(path: string, file: string, encoding = 'utf-8'): TextSource {
  function* byteChunks(): Generator<Buffer> {
    const { fd } = openRegularFile(path, file);
    try {
      const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
      let position = 0;
      for (let n = readSync(fd, buffer, 0, CHUNK_BYTES, 0); n > 0; n = readSync(fd, buffer, 0, CHUNK_BYTES, position)) {
        const bytes = position === 0 ? buffer.subarray(utf8BomLength(buffer), n) : buffer.subarray(0, n);
        position += n;
        yield bytes;
      }
    } finally {
      closeSync(fd);
    }
  }
  return {
    file,
    byteChunks,
    *chunks() {
      // A character split between two chunks is kept whole (stream: true).
      const decoder = new TextDecoder(encoding);
      for (const bytes of byteChunks()) {
        const text = decoder.decode(bytes, { stream: true });
        if (text !== '') yield text;
      }
      const rest = decoder.decode();
      if (rest !== '') yield rest;
    },
  };
}

/** Text held in memory as a TextSource (tests, and reports handed over as strings). */
export function stringText(text: string, file: string): TextSource {
  return {
    file,
    *chunks() {
      if (text !== '') yield text;
    },
    *byteChunks() {
      if (text !== '') yield Buffer.from(text, 'utf8');
    },
  };
}
