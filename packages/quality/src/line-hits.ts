// Line → hit count of one file, as the model's read-only Map. A report of 20,000 files and 4 million lines would be
// 20,000 Maps holding 4 million entries that the garbage collector walks again and again while the rest is read;
// here the lines of a file sit in one Float64Array indexed by line number, which the collector does not look into.
// A line far beyond the others (a minified bundle's line 80,000 in a 200-line file) goes to a small Map instead, so
// an array is never much larger than the lines it holds.

/** NaN marks a line no report lists (not coverable); any number, 0 included, is a hit count. */
const ABSENT = Number.NaN;

/** Numbers per slab: 512 KiB, the lines of a few thousand files of ordinary size. */
const SLAB_LENGTH = 1 << 16;

/**
 * Hands out Float64Arrays cut from shared slabs: 20,000 files would otherwise be 20,000 ArrayBuffers, each allocated
 * and accounted for apart. One per read; arrays longer than a slab's eighth get a buffer of their own.
 */
export class HitsArrays {
  private slab: ArrayBuffer | undefined;
  private used = 0;

  allocate(length: number): Float64Array<ArrayBuffer> {
    if (length > SLAB_LENGTH / 8) return new Float64Array(length);
    if (this.slab === undefined || this.used + length > SLAB_LENGTH) {
      this.slab = new ArrayBuffer(SLAB_LENGTH * Float64Array.BYTES_PER_ELEMENT);
      this.used = 0;
    }
    const array = new Float64Array(this.slab, this.used * Float64Array.BYTES_PER_ELEMENT, length);
    this.used += length;
    return array;
  }
}

const unshared: Pick<HitsArrays, 'allocate'> = { allocate: (length) => new Float64Array(length) };

export class LineHits implements ReadonlyMap<number, number> {
  /** hits[line] for the dense part, ABSENT where no report lists the line; index 0 is never a line. */
  private hits: Float64Array<ArrayBuffer> = new Float64Array(0);
  /** Lines too far beyond the dense part to extend it for. */
  private far: Map<number, number> | undefined;
  private count = 0;

  /** `arrays`: where the dense part's arrays come from (a read's shared slabs; by default, arrays of their own). */
  constructor(private readonly arrays: Pick<HitsArrays, 'allocate'> = unshared) {}

  get size(): number {
    return this.count;
  }

  get [Symbol.toStringTag](): string {
    return 'LineHits';
  }

  get(line: number): number | undefined {
    if (line >= 1 && line < this.hits.length && Number.isInteger(line)) {
      const hits = this.hits[line]!;
      return Number.isNaN(hits) ? undefined : hits;
    }
    return this.far?.get(line);
  }

  has(line: number): boolean {
    return this.get(line) !== undefined;
  }

  /** Adds a report's hits on `line` (a whole number from 1): a line listed twice has the sum of its hits. */
  add(line: number, hits: number): void {
    if (line >= this.hits.length && !this.grow(line)) {
      const far = (this.far ??= new Map());
      const known = far.get(line);
      if (known === undefined) this.count++;
      far.set(line, known === undefined ? hits : Math.min(known + hits, Number.MAX_SAFE_INTEGER));
      return;
    }
    const known = this.hits[line]!;
    if (Number.isNaN(known)) {
      this.count++;
      this.hits[line] = hits;
    } else this.hits[line] = Math.min(known + hits, Number.MAX_SAFE_INTEGER);
  }

  /** Makes room for lines up to `lastLine` at once, when a record says how far its lines go (one array, not a few). */
  reserve(lastLine: number): void {
    if (lastLine >= this.hits.length) this.grow(lastLine);
  }

  *entries(): MapIterator<[number, number]> {
    const { hits } = this;
    for (let line = 1; line < hits.length; line++) {
      const value = hits[line]!;
      if (!Number.isNaN(value)) yield [line, value];
    }
    if (this.far) yield* [...this.far].sort((a, b) => a[0] - b[0]);
  }

  *keys(): MapIterator<number> {
    for (const [line] of this.entries()) yield line;
  }

  *values(): MapIterator<number> {
    for (const [, hits] of this.entries()) yield hits;
  }

  [Symbol.iterator](): MapIterator<[number, number]> {
    return this.entries();
  }

  forEach(callback: (hits: number, line: number, map: ReadonlyMap<number, number>) => void, thisArg?: unknown): void {
    for (const [line, hits] of this.entries()) callback.call(thisArg, hits, line, this);
  }

  /**
   * Makes room for `line` in the dense part when that keeps it within a few times the lines held; false when the
   * line is too far out (it then goes to the small Map).
   */
  private grow(line: number): boolean {
    if (!Number.isInteger(line) || line > 4 * this.count + 1024) return false;
    const grown = this.arrays.allocate(Math.max(line + 1, Math.min(2 * this.hits.length, 4 * this.count + 1024)));
    grown.fill(ABSENT, this.hits.length);
    grown.set(this.hits);
    this.hits = grown;
    return true;
  }
}
