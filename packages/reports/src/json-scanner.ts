// Reads a JSON document of any size in chunks and keeps only what a plan asks for: it walks the containers on the
// way to the lists a reader wants, cuts each list element out of the bytes, JSON.parses that slice and hands it to a
// mapper. Nothing is ever held as one string, so a report longer than V8's maximum string length still reads.
import type { ByteSource } from './byte-source.js';
import { JsonNestingError, JsonSyntaxError, describeByte, findJsonSyntaxError, findTooDeep } from './json-syntax.js';

export type PathSegment = string | number;

/**
 * Maps one parsed list element, or one member's value of an object keyed by name (npm audit's packages), to what is
 * kept of it (a slimmer copy with the same shape, or what the value is turned into). `index` is the element's
 * position, or how many members were mapped before (a key repeated in the object may be mapped once, as JSON.parse
 * keeps its last value), `path` the path of the list or object, `key` the member's key (undefined for a list element),
 * and `containers` the objects and arrays being built from the document down to the list or object itself, holding
 * the members read so far (so a mapper can use what came before the list, e.g. the Target of a Trivy Result). The
 * mapper must not keep `path` or `containers`: the scanner reuses them.
 */
export type ElementMapper = (
  element: unknown,
  index: number,
  path: readonly PathSegment[],
  containers: readonly unknown[],
  key?: string,
) => unknown;

/**
 * What to do with the value at a path:
 * - 'descend': walk into the object/array and ask the plan again for each member;
 * - 'parse': keep the value as JSON.parse would give it;
 * - 'skip': drop the value (the key is absent from the result);
 * - 'stub': keep a scalar, but replace an object or array by an empty one (an outline of the document);
 * - a mapper: the value is a list whose elements, or an object whose members' values, are parsed one at a time and
 *   mapped (a scalar is parsed).
 */
export type ScanAction = 'descend' | 'parse' | 'skip' | 'stub' | ElementMapper;

export type ScanPlan = (path: readonly PathSegment[]) => ScanAction;

export interface ScanOptions {
  /** Bytes read at a time (the window grows beyond this only for a single value that is larger). */
  chunkSize?: number;
  /**
   * Preview mode: when the source ends before the document does, return what was complete so far instead of
   * failing (used to detect the format from the first bytes of a large file).
   */
  partial?: boolean;
  /**
   * Objects and arrays nested deeper than this (the document's own braces count 1) throw a JsonNestingError, before
   * the value is parsed: parsing millions of nested arrays takes ~50 times their bytes in memory. Default: no limit.
   */
  maxDepth?: number;
}

class EndOfPreview extends Error {}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;

/** After this many wrong guesses the layout shortcut (see Scanner.guessedEnd) is given up for the document. */
const MAX_WRONG_GUESSES = 3;

/** Unset end of the last element read (see Scanner.element). */
const NO_END = -1;

/**
 * About this many bytes of list elements are parsed by one JSON.parse (see Scanner.guessedBatch): well under V8's
 * 128 KiB limit for ordinary heap objects, as a string beyond it costs several times more to make.
 */
const BATCH_BYTES = 48 * 1024;

/** Reads a JSON document from `source`, keeping the parts `plan` selects. Throws JsonSyntaxError on bad input. */
export function scanJson(source: ByteSource, plan: ScanPlan, options: ScanOptions = {}): unknown {
  const scanner = new Scanner(
    source,
    options.chunkSize ?? 4 * 1024 * 1024,
    options.partial ?? false,
    options.maxDepth ?? Infinity,
  );
  return scanner.document(plan);
}

class Scanner {
  private buf: Buffer;
  /** Valid bytes in buf. */
  private len = 0;
  /** Absolute offset of buf[0] in the document. */
  private base = 0;
  private eof = false;
  /** Local index of the first byte that must be kept on refill. */
  private mark = 0;
  private readonly path: PathSegment[] = [];
  /** The containers being built, from the document down to the innermost one being walked. */
  private readonly containers: unknown[] = [];
  private plan: ScanPlan = () => 'parse';
  /** Where the element last read by `element` ends. */
  private elementEnd = NO_END;
  private wrongGuesses = 0;

  constructor(
    private readonly source: ByteSource,
    private readonly chunkSize: number,
    private readonly partial: boolean,
    private readonly maxDepth: number,
  ) {
    this.buf = Buffer.allocUnsafe(chunkSize);
  }

  document(plan: ScanPlan): unknown {
    this.plan = plan;
    const holder: { value?: unknown } = {};
    try {
      let p = this.skipWhitespace(this.skipBom(0));
      // A preview that holds only whitespace has not seen the document yet: it is not an empty one.
      if (p >= this.len)
        throw this.partial
          ? new EndOfPreview()
          : new JsonSyntaxError(this.base + p, 'empty input: expected a JSON value');
      p = this.value(p, plan(this.path), (v) => (holder.value = v));
      p = this.skipWhitespace(p);
      if (p < this.len) {
        throw new JsonSyntaxError(
          this.base + p,
          `unexpected ${describeByte(this.buf[p]!)} after the end of the JSON value`,
        );
      }
    } catch (error) {
      if (!(error instanceof EndOfPreview)) throw error;
    }
    return holder.value;
  }

  /** Reads more bytes, keeping everything from `mark`. Returns the shift applied to local indices. */
  private refill(): number {
    const shift = this.mark;
    if (shift > 0) {
      this.buf.copy(this.buf, 0, shift, this.len);
      this.len -= shift;
      this.base += shift;
      this.mark = 0;
    }
    if (this.len === this.buf.length) {
      const bigger = Buffer.allocUnsafe(this.buf.length * 2);
      this.buf.copy(bigger, 0, 0, this.len);
      this.buf = bigger;
    }
    const n = this.source.read(this.buf, this.len, this.buf.length - this.len);
    if (n === 0) this.eof = true;
    this.len += n;
    return shift;
  }

  /** Ensures buf[p] is available; returns the (possibly shifted) p, or throws at the end of input. */
  private need(p: number, what: string): number {
    while (p >= this.len) {
      if (this.eof) throw this.endOfInput(p, what);
      p -= this.refill();
    }
    return p;
  }

  private endOfInput(p: number, what: string): Error {
    if (this.partial) return new EndOfPreview();
    return new JsonSyntaxError(this.base + p, `unexpected end of input ${what}`);
  }

  private skipBom(p: number): number {
    p = this.needOrEnd(p);
    if (this.len - p >= 3 && this.buf[p] === 0xef && this.buf[p + 1] === 0xbb && this.buf[p + 2] === 0xbf) return p + 3;
    return p;
  }

  /** Like need(), but returns p === len at the end of input instead of throwing. */
  private needOrEnd(p: number): number {
    while (p >= this.len && !this.eof) p -= this.refill();
    return p;
  }

  private skipWhitespace(p: number): number {
    for (;;) {
      p = this.needOrEnd(p);
      if (p >= this.len) return p;
      const c = this.buf[p]!;
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return p;
      p++;
    }
  }

  private expectByte(p: number, what: string): number {
    p = this.skipWhitespace(p);
    return this.need(p, what);
  }

  /** Handles the value starting at p (after whitespace) with `action`; returns the index after it. */
  private value(p: number, action: ScanAction, attach: (v: unknown) => void): number {
    p = this.expectByte(p, 'where a value was expected');
    const c = this.buf[p]!;
    if (c === 0x7d || c === 0x5d || c === 0x2c || c === 0x3a) {
      throw new JsonSyntaxError(this.base + p, `unexpected ${describeByte(c)} where a value was expected`);
    }
    if ((action === 'descend' || typeof action === 'function') && (c === 0x7b || c === 0x5b)) {
      if (this.containers.length >= this.maxDepth) throw new JsonNestingError(this.base + p, this.maxDepth);
    }
    if ((action === 'descend' || typeof action === 'function') && c === 0x7b) {
      const object: Record<string, unknown> = {};
      attach(object);
      this.containers.push(object);
      p = this.object(p + 1, object, typeof action === 'function' ? action : undefined);
      this.containers.pop();
      return p;
    }
    if ((action === 'descend' || typeof action === 'function') && c === 0x5b) {
      const array: unknown[] = [];
      attach(array);
      this.containers.push(array);
      p = typeof action === 'function' ? this.mappedArray(p + 1, array, action) : this.array(p + 1, array);
      this.containers.pop();
      return p;
    }
    this.mark = p;
    if (action === 'skip') return this.valueEnd(p, false);
    if (action === 'stub' && (c === 0x7b || c === 0x5b)) {
      attach(c === 0x7b ? {} : []);
      return this.valueEnd(p, false);
    }
    const end = this.valueEnd(p);
    attach(this.parseSlice(this.mark, end));
    return end;
  }

  /** Reads an object's members into `object`: as the plan says, or with `mapper` each value parsed and mapped. */
  private object(p: number, object: Record<string, unknown>, mapper?: ElementMapper): number {
    p = this.expectByte(p, 'inside an object');
    if (this.buf[p] === 0x7d) return p + 1;
    // Members are parsed in batches (see guessedMembers) until a batch holds a member the plan does not parse.
    let batching = true;
    let index = 0;
    const map = mapper && ((value: unknown, key: string) => mapper(value, index++, this.path, this.containers, key));
    for (;;) {
      p = this.expectByte(p, 'inside an object');
      if (this.buf[p] !== QUOTE) {
        throw new JsonSyntaxError(
          this.base + p,
          `expected a double-quoted object key but found ${describeByte(this.buf[p]!)}`,
        );
      }
      const batch = batching && this.wrongGuesses < MAX_WRONG_GUESSES ? this.guessedMembers(p, !!map) : undefined;
      if (batch !== undefined && (map || this.allParsed(batch))) {
        for (const key of Object.keys(batch)) setMember(object, key, map ? map(batch[key], key) : batch[key]);
        p = this.elementEnd;
      } else {
        if (batch !== undefined) batching = false;
        p = this.member(p, object, map);
      }
      p = this.expectByte(p, 'inside an object');
      const c = this.buf[p]!;
      if (c === 0x7d) return p + 1;
      if (c !== 0x2c) throw new JsonSyntaxError(this.base + p, `expected ',' or '}' but found ${describeByte(c)}`);
      p++;
    }
  }

  /**
   * Reads the member whose key's quote is at p into `object` as the plan says, or parsed and passed through `map`;
   * returns the index after its value.
   */
  private member(p: number, object: Record<string, unknown>, map?: (value: unknown, key: string) => unknown): number {
    this.mark = p;
    const keyEnd = this.stringEnd(p + 1);
    const key = this.parseSlice(this.mark, keyEnd) as string;
    p = this.expectByte(keyEnd, 'after an object key');
    if (this.buf[p] !== 0x3a) {
      throw new JsonSyntaxError(
        this.base + p,
        `expected ':' after an object key but found ${describeByte(this.buf[p]!)}`,
      );
    }
    if (map) return this.value(p + 1, 'parse', (v) => setMember(object, key, map(v, key)));
    this.path.push(key);
    p = this.value(p + 1, this.plan(this.path), (v) => setMember(object, key, v));
    this.path.pop();
    return p;
  }

  private array(p: number, array: unknown[]): number {
    p = this.expectByte(p, 'inside an array');
    if (this.buf[p] === 0x5d) return p + 1;
    for (let index = 0; ; index++) {
      this.path.push(index);
      p = this.value(p, this.plan(this.path), (v) => array.push(v));
      this.path.pop();
      p = this.expectByte(p, 'inside an array');
      const c = this.buf[p]!;
      if (c === 0x5d) return p + 1;
      if (c !== 0x2c) throw new JsonSyntaxError(this.base + p, `expected ',' or ']' but found ${describeByte(c)}`);
      p++;
    }
  }

  /** A list whose elements are parsed and handed to `mapper` one by one; what it returns is kept. */
  private mappedArray(p: number, array: unknown[], mapper: ElementMapper): number {
    p = this.expectByte(p, 'inside an array');
    if (this.buf[p] === 0x5d) return p + 1;
    for (let index = 0; ;) {
      p = this.expectByte(p, 'inside an array');
      const batch = this.wrongGuesses < MAX_WRONG_GUESSES ? this.guessedBatch(p) : undefined;
      if (batch) {
        for (const element of batch) array.push(mapper(element, index++, this.path, this.containers));
      } else {
        const element = this.element(p);
        array.push(mapper(element, index++, this.path, this.containers));
      }
      p = this.expectByte(this.elementEnd, 'inside an array');
      const c = this.buf[p]!;
      if (c === 0x5d) return p + 1;
      if (c !== 0x2c) throw new JsonSyntaxError(this.base + p, `expected ',' or ']' but found ${describeByte(c)}`);
      p++;
    }
  }

  /**
   * Returns the index just after the value starting at p (= this.mark), without validating it: JSON.parse does
   * that on the slice. Containers are matched by depth with strings skipped, so nesting depth costs nothing.
   * With keep = false (a skipped value) the bytes already passed are released, so skipping needs no memory.
   */
  private valueEnd(p: number, keep = true): number {
    const first = this.buf[p]!;
    if (first === QUOTE) return this.stringEnd(p + 1, keep);
    if (first !== 0x7b && first !== 0x5b) {
      for (;;) {
        p = this.needOrEnd(p);
        if (p >= this.len) {
          if (this.partial) throw new EndOfPreview();
          return p;
        }
        const c = this.buf[p]!;
        if (c === 0x2c || c === 0x7d || c === 0x5d || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) return p;
        p++;
      }
    }
    let depth = 0;
    // How deep the value may nest below the containers being walked.
    const room = this.maxDepth - this.containers.length;
    for (;;) {
      if (p >= this.len) {
        if (!keep) this.mark = p;
        p = this.need(p, 'inside an object or array');
      }
      const buf = this.buf;
      const len = this.len;
      while (p < len) {
        const c = buf[p]!;
        if (c === QUOTE) break;
        p++;
        if (c === 0x7b || c === 0x5b) {
          if (++depth > room) throw new JsonNestingError(this.base + p - 1, this.maxDepth);
        } else if ((c === 0x7d || c === 0x5d) && --depth === 0) return p;
      }
      if (p < len) p = this.stringEnd(p + 1, keep);
    }
  }

  /** Returns the index just after the closing quote of the string whose content starts at p. */
  private stringEnd(p: number, keep = true): number {
    for (;;) {
      const q = this.buf.indexOf(QUOTE, p);
      if (q === -1 || q >= this.len) {
        if (this.eof) throw this.endOfInput(this.len, 'inside a string');
        if (!keep) {
          // Keep only a trailing run of backslashes: it decides whether the next quote is escaped.
          let k = this.len;
          while (k > this.mark && this.buf[k - 1] === BACKSLASH) k--;
          this.mark = Math.max(this.mark, k - 1);
        }
        const from = this.len;
        p = from - this.refill();
        continue;
      }
      if (!escaped(this.buf, q)) return q + 1;
      p = q + 1;
    }
  }

  /** Parses the value starting at p and sets elementEnd to the index after it. */
  private element(p: number): unknown {
    this.mark = p;
    const c = this.buf[p];
    if ((c === 0x7b || c === 0x5b) && this.wrongGuesses < MAX_WRONG_GUESSES) {
      const end = this.guessedEnd(p, true);
      // guessedEnd may have read more, keeping the element: it starts at mark.
      p = this.mark;
      if (end !== NO_END) {
        this.refuseTooDeep(p, end);
        const value = this.parseGuess(p, end, 'value');
        if (this.elementEnd !== NO_END) return value;
      }
    }
    const end = this.valueEnd(p);
    this.elementEnd = end;
    return this.parseSlice(this.mark, end);
  }

  /**
   * Consecutive elements from p, about BATCH_BYTES of them, parsed with one JSON.parse (fewer, larger calls cost
   * less than one per element). Their ends are guessed as guessedEnd does, within the bytes already read; the
   * guess holds when JSON.parse accepts "[" + the slice + "]": a slice that parses as a list of values is
   * exactly that many whole elements. Sets elementEnd; undefined (elementEnd unset) when there is no guess or it
   * does not hold, and the elements are then read one at a time.
   */
  private guessedBatch(p: number): unknown[] | undefined {
    const buf = this.buf;
    const endOf = (q: number) => (buf[q] === 0x7b || buf[q] === 0x5b ? this.guessedEnd(q, false) : NO_END);
    return this.guessedRun(p, endOf, 'list') as unknown[] | undefined;
  }

  /**
   * What guessedBatch and guessedMembers share: the values from p whose ends `endOf` guesses (given whether it is the
   * first), one after another within the bytes already read, about BATCH_BYTES of them, parsed by parseGuess.
   */
  private guessedRun(p: number, endOf: (p: number, first: boolean) => number, wrap: 'list' | 'members'): unknown {
    const buf = this.buf;
    const start = p;
    let end = NO_END;
    for (;;) {
      const next = endOf(p, end === NO_END);
      if (next === NO_END) break;
      this.refuseTooDeep(p, next);
      end = next;
      if (end - start >= BATCH_BYTES) break;
      // The next value, if it follows in the bytes already read.
      let q = skipSpace(buf, end, this.len);
      if (q >= this.len || buf[q] !== 0x2c) break;
      q = skipSpace(buf, q + 1, this.len);
      if (q >= this.len) break;
      p = q;
    }
    if (end === NO_END) return undefined;
    this.mark = start;
    return this.parseGuess(start, end, wrap);
  }

  /**
   * Consecutive members of an object from p (the quote of a key), about BATCH_BYTES of them, parsed with one
   * JSON.parse as guessedBatch does for list elements: each member whose value is an object or array that ends at a
   * closing bracket starting a line with the key's indentation (npm audit's packages, say). The guess holds when
   * JSON.parse accepts "{" + the slice + "}". Undefined (elementEnd unset) when there is no guess, when the plan does
   * not parse the first member whole (unless every member is `mapped`), or when the guess does not hold; the caller
   * checks the other members' plans.
   */
  private guessedMembers(p: number, mapped: boolean): Record<string, unknown> | undefined {
    const buf = this.buf;
    const endOf = (q: number, first: boolean) =>
      buf[q] === QUOTE ? this.guessedMemberEnd(q, first && !mapped) : NO_END;
    return this.guessedRun(p, endOf, 'members') as Record<string, unknown> | undefined;
  }

  /**
   * The end of the member whose key starts at p, guessed as guessedEnd does for an element: its value's closing
   * bracket starts a line with the indentation of the key's line. Only within the bytes read; NO_END when there is
   * no guess, or (with `first`) when the plan does not parse this member whole.
   */
  private guessedMemberEnd(p: number, first: boolean): number {
    const buf = this.buf;
    const len = this.len;
    const k = lineIndentation(buf, p);
    if (k === NO_END) return NO_END;
    // The key's closing quote: the first quote not escaped by an odd run of backslashes.
    let keyEnd = p + 1;
    for (;;) {
      const q = buf.indexOf(QUOTE, keyEnd);
      if (q === -1 || q >= len) return NO_END;
      keyEnd = q + 1;
      if (!escaped(buf, q)) break;
    }
    if (first && !this.parsesWhole(keyAt(buf, p, keyEnd))) return NO_END;
    let v = skipSpace(buf, keyEnd, len);
    if (v >= len || buf[v] !== 0x3a) return NO_END;
    v = skipSpace(buf, v + 1, len);
    if (v >= len || (buf[v] !== 0x7b && buf[v] !== 0x5b)) return NO_END;
    const bracket = buf[v] === 0x7b ? 0x7d : 0x5d;
    for (let q = buf.indexOf(bracket, v + 1); q !== -1 && q < len; q = buf.indexOf(bracket, q + 1)) {
      if (startsIndentedLine(buf, q, k, p - k, v)) return q + 1;
    }
    return NO_END;
  }

  /** True when the plan parses the member `key` of the object being walked whole. */
  private parsesWhole(key: string): boolean {
    this.path.push(key);
    const action = this.plan(this.path);
    this.path.pop();
    return action === 'parse';
  }

  /** True when the plan parses every member of a batch whole, so that the batch can stand for them. */
  private allParsed(members: Record<string, unknown>): boolean {
    for (const key of Object.keys(members)) if (!this.parsesWhole(key)) return false;
    return true;
  }

  /**
   * A guessed element is parsed without the walk through its bytes that counts the depth (see valueEnd): its depth
   * is checked here. The guess may be wrong, but it ends outside a string, so what it finds too deep is.
   */
  private refuseTooDeep(start: number, end: number): void {
    if (this.maxDepth === Infinity) return;
    const tooDeep = findTooDeep(this.buf, this.maxDepth - this.containers.length, start, end);
    if (tooDeep !== undefined) throw new JsonNestingError(this.base + tooDeep, this.maxDepth);
  }

  /**
   * JSON.parse of a guessed slice: one value, list elements (`list`, parsed in "[…]") or object members (`members`,
   * in "{…}"); sets elementEnd when it parses, else counts a wrong guess.
   */
  private parseGuess(start: number, end: number, wrap: 'value' | 'list' | 'members'): unknown {
    this.elementEnd = NO_END;
    let value: unknown;
    try {
      value = JSON.parse(this.textOf(start, end, wrap));
    } catch {
      this.wrongGuesses++;
      return undefined;
    }
    this.elementEnd = end;
    return value;
  }

  /**
   * buf[start, end) as text, in brackets for a list or braces for members. The brackets are written over the bytes
   * just before and after the slice for the decoding (a separator or whitespace: the values are complete and
   * start after a '[', '{' or ','), then put back: one decoded string, where joining the brackets to it made a
   * second copy of every batch's text when JSON.parse flattened it.
   */
  private textOf(start: number, end: number, wrap: 'value' | 'list' | 'members'): string {
    const buf = this.buf;
    if (wrap === 'value') return buf.toString('utf8', start, end);
    const [open, close] = wrap === 'list' ? [0x5b, 0x5d] : [0x7b, 0x7d];
    if (start === 0 || end >= this.len) {
      const text = buf.toString('utf8', start, end);
      return wrap === 'list' ? `[${text}]` : `{${text}}`;
    }
    const before = buf[start - 1]!;
    const after = buf[end]!;
    buf[start - 1] = open;
    buf[end] = close;
    try {
      return buf.toString('utf8', start - 1, end + 1);
    } finally {
      buf[start - 1] = before;
      buf[end] = after;
    }
  }

  /**
   * The shortcut for pretty-printed reports (Trivy, Bandit and Gitleaks indent theirs): an object or array that
   * starts a line after some indentation ends at the first closing bracket that starts a line with the same
   * indentation. A raw newline cannot occur inside a JSON string, so that bracket is found with a native byte
   * search and a look at the bytes before it, instead of a walk through every byte. It is only a guess, which
   * JSON.parse confirms (see parseGuess); compact JSON gets no guess. Returns the index after the bracket, or
   * NO_END. With `more`, one more window is read when the bracket is not in the bytes read so far (this.mark is
   * then moved with the element's start).
   */
  private guessedEnd(p: number, more: boolean): number {
    let buf = this.buf;
    let k = lineIndentation(buf, p);
    if (k === NO_END) return NO_END;
    const indent = p - k;
    const bracket = buf[p] === 0x7b ? 0x7d : 0x5d;
    let refilled = !more;
    let q = p + 1;
    for (;;) {
      q = buf.indexOf(bracket, q);
      if (q === -1 || q >= this.len) {
        if (refilled || this.eof || (k === 0 && this.len === buf.length)) {
          if (more) this.wrongGuesses++;
          return NO_END;
        }
        // Not in the window: read one more window's worth, keeping the element and its indentation.
        const searched = this.len;
        this.mark = k;
        const shift = this.refill();
        buf = this.buf;
        p -= shift;
        k -= shift;
        q = searched - shift;
        this.mark = p;
        refilled = true;
        continue;
      }
      if (startsIndentedLine(buf, q, k, indent, p)) return q + 1;
      q++;
    }
  }

  private parseSlice(start: number, end: number): unknown {
    const text = this.buf.toString('utf8', start, end);
    try {
      return JSON.parse(text);
    } catch (error) {
      const problem = findJsonSyntaxError(this.buf, start, end);
      if (problem) throw new JsonSyntaxError(this.base + problem.offset, problem.problem);
      throw new JsonSyntaxError(this.base + start, `invalid JSON value (${(error as Error).message})`);
    }
  }
}

/** The key whose quotes are at buf[start] and buf[end - 1]; '' for one that is not valid (read again exactly later). */
function keyAt(buf: Buffer, start: number, end: number): string {
  try {
    return JSON.parse(buf.toString('utf8', start, end)) as string;
  } catch {
    return '';
  }
}

/**
 * Where the indentation of the line holding p begins, when p is the first thing on its line after at most 256
 * spaces or tabs (the layout the end guesses rely on); NO_END otherwise.
 */
function lineIndentation(buf: Buffer, p: number): number {
  let k = p;
  while (k > 0 && (buf[k - 1] === 0x20 || buf[k - 1] === 0x09)) k--;
  return k === 0 || buf[k - 1] !== NEWLINE || p - k > 256 ? NO_END : k;
}

/**
 * True when the bracket at q begins a line (after `after`) indented exactly as the line whose `indent` bytes of
 * indentation begin at k: in pretty-printed JSON, the bracket that closes the value opened on that line.
 */
function startsIndentedLine(buf: Buffer, q: number, k: number, indent: number, after: number): boolean {
  const newline = q - indent - 1;
  return newline > after && buf[newline] === NEWLINE && sameBytes(buf, newline + 1, k, indent);
}

/** True when the quote at q is escaped: an odd run of backslashes stands before it. */
function escaped(buf: Buffer, q: number): boolean {
  let k = q - 1;
  while (buf[k] === BACKSLASH) k--;
  return (q - 1 - k) % 2 === 1;
}

/** The index of the first byte from p (before end) that is not JSON whitespace, or end. */
function skipSpace(buf: Buffer, p: number, end: number): number {
  while (p < end && (buf[p] === 0x20 || buf[p] === 0x0a || buf[p] === 0x0d || buf[p] === 0x09)) p++;
  return p;
}

/** True when buf[a, a + length) and buf[b, b + length) hold the same bytes (short runs of indentation). */
function sameBytes(buf: Buffer, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (buf[a + i] !== buf[b + i]) return false;
  return true;
}

/** Sets a member the way JSON.parse does: `__proto__` becomes an own property, never the prototype. */
function setMember(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    object[key] = value;
  }
}
