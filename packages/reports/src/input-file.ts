// Opens an input file (a report, an ignore file, a baseline) only when it is a regular file of UTF-8 text: a FIFO
// would block the read forever, a device would never end, a socket cannot be read, and UTF-16 or UTF-32 text reads
// as garbage. Each is refused with an InputError saying what the file is and what to do.
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { InputError } from './input-error.js';

/** What a path that is not a regular file is, in words for a message; undefined for a regular file. */
export function specialFileKind(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

function notRegular(file: string, kind: string): InputError {
  return new InputError(
    file,
    `the path is ${kind}, not a regular file; only regular files are read, as a FIFO or a device could keep the ` +
      'read waiting or never end. Point the input at the file the tool wrote.',
  );
}

/** O_NONBLOCK, where the platform has it: opening a FIFO then returns at once instead of waiting for a writer. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Opens `path` for reading when it is a regular file, and returns the descriptor and the size. `file` is how
 * messages name it. Checked before opening (opening a device can do something) and again on the open descriptor
 * (the path may have changed in between), which is opened without blocking so that a FIFO cannot hold it up.
 */
export function openRegularFile(path: string, file: string): { fd: number; size: number } {
  // A missing path is left to openSync, whose error says so.
  const stats = statSync(path, { throwIfNoEntry: false });
  const before = stats && specialFileKind(stats);
  if (before) throw notRegular(file, before);
  const fd = openSync(path, OPEN_FLAGS);
  try {
    const opened = fstatSync(fd);
    const kind = specialFileKind(opened);
    if (kind) throw notRegular(file, kind);
    return { fd, size: opened.size };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** The whole of a regular file (see openRegularFile), refused when it is UTF-16 or UTF-32 (see refuseOtherEncodings). */
export function readInputFile(path: string, file: string): Buffer {
  const { fd, size } = openRegularFile(path, file);
  try {
    const bytes = Buffer.allocUnsafe(size);
    let filled = 0;
    for (let n = 1; n > 0 && filled < size; filled += n) n = readSync(fd, bytes, filled, size - filled, filled);
    const read = bytes.subarray(0, filled);
    refuseOtherEncodings(read, file);
    return read;
  } finally {
    closeSync(fd);
  }
}

/** The length of a UTF-8 byte order mark at the start of `bytes`: 3 or 0. */
export function utf8BomLength(bytes: Uint8Array): number {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
}

/** An encoding other than UTF-8: its name and how the bytes showed it. */
export interface OtherEncoding {
  name: 'UTF-16' | 'UTF-32';
  /** e.g. 'little-endian, without a byte order mark' */
  detail: string;
}

/**
 * The encoding of text that is not UTF-8, from its first four bytes: a byte order mark, else the zero bytes around
 * the first character (JSON and YAML start with an ASCII character, which UTF-16 writes with one zero byte and
 * UTF-32 with three, RFC 4627 §3). Undefined for UTF-8 (with or without its BOM) and for anything else.
 */
export function otherEncoding(head: Uint8Array): OtherEncoding | undefined {
  const [b0, b1, b2, b3] = head;
  const found = (name: OtherEncoding['name'], endian: string, bom: boolean): OtherEncoding => ({
    name,
    detail: `${endian}-endian, ${bom ? 'with' : 'without'} a byte order mark`,
  });
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) return found('UTF-32', 'little', true);
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return found('UTF-32', 'big', true);
  if (b0 === 0xff && b1 === 0xfe) return found('UTF-16', 'little', true);
  if (b0 === 0xfe && b1 === 0xff) return found('UTF-16', 'big', true);
  if (isTextStart(b0) && b1 === 0 && b2 === 0 && b3 === 0) return found('UTF-32', 'little', false);
  if (b0 === 0 && b1 === 0 && b2 === 0 && isTextStart(b3)) return found('UTF-32', 'big', false);
  if (isTextStart(b0) && b1 === 0) return found('UTF-16', 'little', false);
  if (b0 === 0 && isTextStart(b1)) return found('UTF-16', 'big', false);
  return undefined;
}

/** A byte that can start JSON or YAML text: printable ASCII or whitespace. */
function isTextStart(byte: number | undefined): boolean {
  return byte !== undefined && ((byte >= 0x20 && byte < 0x7f) || byte === 0x09 || byte === 0x0a || byte === 0x0d);
}

/** Throws an InputError naming `file` and its encoding when its first bytes say it is UTF-16 or UTF-32. */
export function refuseOtherEncodings(head: Uint8Array, file: string): void {
  const encoding = otherEncoding(head);
  if (encoding === undefined) return;
  const powershell = encoding.name === 'UTF-16' ? '; PowerShell redirection writes it' : '';
  throw new InputError(
    file,
    `the file is ${encoding.name} encoded (${encoding.detail}${powershell}). Have the tool write the file itself ` +
      '(e.g. --output / -o) or re-encode it as UTF-8.',
  );
}
