// Where the JSON scanner's bytes come from: an open file read at its own position, or bytes already in memory.
import { readSync } from 'node:fs';

/** A synchronous byte source, shaped like fs.readSync: returns how many bytes it wrote, 0 at the end. */
export interface ByteSource {
  read(into: Buffer, offset: number, length: number): number;
}

/**
 * A ByteSource over an open file, from its first byte to `limit` at most. It reads at its own position, so several
 * sources over one descriptor (a preview, then the whole file) do not disturb each other.
 */
export function fileSource(fd: number, limit = Infinity): ByteSource {
  let position = 0;
  return {
    read(into, offset, length) {
      const n = readSync(fd, into, offset, Math.min(length, limit - position), position);
      position += n;
      return n;
    },
  };
}

/** A ByteSource over bytes already in memory (tests, small inputs). */
export function bufferSource(bytes: Uint8Array, limit = bytes.length): ByteSource {
  let position = 0;
  const end = Math.min(limit, bytes.length);
  return {
    read(into, offset, length) {
      const n = Math.min(length, end - position);
      into.set(bytes.subarray(position, position + n), offset);
      position += n;
      return n;
    },
  };
}
