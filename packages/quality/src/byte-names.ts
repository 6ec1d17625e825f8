// Names read from bytes, decoded once per distinct name. An LCOV file names the same functions again and again
// (every file's `(anonymous_0)`, `handleRequest_3`, and each name twice: FN and FNDA): decoding each occurrence
// made 800,000 strings for a 20,000-file report, which the garbage collector then had to walk. Here a name's bytes
// are hashed and compared in place, and a name met before is the string made the first time.

/** Names longer than this are decoded as they are: long names are rarely repeated, and hashing them costs more. */
const LONGEST_SHARED = 256;
/** Distinct names kept; past this (a report of generated unique names) new names are decoded, not stored. */
const MOST_NAMES = 1 << 16;

interface Entry {
  hash: number;
  bytes: Buffer;
  name: string;
}

export class ByteNames {
  /** Open addressing on the hash; the size is a power of two, kept at most half full. */
  private slots: (Entry | undefined)[] = new Array<Entry | undefined>(1024);
  private count = 0;

  /** The UTF-8 text of bytes[start, end), the same string for the same bytes. */
  name(bytes: Buffer, start: number, end: number): string {
    const length = end - start;
    if (length > LONGEST_SHARED) return bytes.toString('utf8', start, end);
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot];
      if (entry === undefined) break;
      if (entry.hash === hash && sameBytes(entry.bytes, bytes, start, length)) return entry.name;
    }
    const name = bytes.toString('utf8', start, end);
    if (this.count < MOST_NAMES) this.store({ hash, bytes: Buffer.from(bytes.subarray(start, end)), name });
    return name;
  }

  private store(entry: Entry): void {
    if (2 * (this.count + 1) > this.slots.length) {
      const old = this.slots;
      this.slots = new Array<Entry | undefined>(old.length * 2);
      for (const kept of old) if (kept !== undefined) this.place(kept);
    }
    this.place(entry);
    this.count++;
  }

  private place(entry: Entry): void {
    const mask = this.slots.length - 1;
    let slot = entry.hash & mask;
    while (this.slots[slot] !== undefined) slot = (slot + 1) & mask;
    this.slots[slot] = entry;
  }
}

function sameBytes(known: Buffer, bytes: Buffer, start: number, length: number): boolean {
  if (known.length !== length) return false;
  for (let i = 0; i < length; i++) if (known[i] !== bytes[start + i]) return false;
  return true;
}
