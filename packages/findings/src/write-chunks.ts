// Writes the outputs (the SARIF file, the JSON report) to disk from the text pieces their writers produce.
import { closeSync, openSync, write } from 'node:fs';

/**
 * Writes text produced piece by piece (see json-report.ts, sarif-writer.ts) to a file, without joining it first. The
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
