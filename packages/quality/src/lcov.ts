// Reads LCOV tracefiles (geninfo, Istanbul/Jest/Vitest, c8, coverage.py, grcov, ...): per-line DA records, BRDA
// branches, FN/FNDA functions and lcov 2.x's FNL/FNA; the LF/LH, BRF/BRH and FNF/FNH header counts are ignored, as
// they can disagree with the records. Several TN: sections and records for one file merge like separate reports.
import { InputError } from '@actions-kit/reports';
import type { FileRecords } from './coverage-sink.js';
import { ByteNames } from './byte-names.js';
import { documentOf, isReportDocument, type CoverageReadContext, type CoverageReader } from './quality-reader.js';
import { shown } from './shown.js';

/** Record tags that carry nothing we count: test names, versions, header counts, MC/DC (not a metric here). */
const IGNORED = new Set(['TN', 'VER', 'LF', 'LH', 'BRF', 'BRH', 'FNF', 'FNH', 'MCF', 'MCH', 'MCDC', 'LN']);

/** Lines a record's scratch array holds (8 bytes each); a larger line number, which no real file has, goes round it. */
const SCRATCH_LINES = 1 << 20;

/** An LCOV file starts with one of these records (Jest starts with TN:, grcov and some others with SF:). */
const FIRST_RECORD = /^\s*(TN|SF|VER):/;

export const lcovReader: CoverageReader = {
  name: 'lcov',
  format: 'LCOV',
  detect: (doc) => isReportDocument(doc) && doc.type === 'text' && FIRST_RECORD.test(doc.firstLine),
  read(doc, context) {
    const { source } = documentOf(doc, 'text');
    const reader = new LcovRecords(context);
    let rest: Buffer | undefined;
    // Bytes, not text: DA lines, nearly all of a tracefile, are read in place; other lines are decoded one by one.
    for (const chunk of source.byteChunks()) {
      let start = 0;
      if (rest) {
        // The line the last chunk cut is finished with this chunk's first bytes; the chunk itself is not copied.
        const newline = chunk.indexOf(10);
        if (newline < 0) {
          rest = Buffer.concat([rest, chunk]);
          continue;
        }
        reader.lines(Buffer.concat([rest, chunk.subarray(0, newline + 1)]), 0);
        start = newline + 1;
      }
      start = reader.lines(chunk, start);
      // The chunk's buffer is reused for the next one: the unfinished line is copied.
      rest = start < chunk.length ? Buffer.from(chunk.subarray(start)) : undefined;
    }
    if (rest) reader.lastLine(rest.toString('utf8'));
    return reader.finish();
  },
};

/** One pass over an LCOV file: the record being read and the functions it has named so far. */
class LcovRecords {
  private current: FileRecords | undefined;
  private recordLine = 0;
  /** FN name → start line, FNDA name → hits (FNDA may come before FN). */
  private fnLines = new Map<string, number>();
  private fnHits = new Map<string, number>();
  /** lcov 2.x: FNL index → start line; FNA index → name and summed alias hits. */
  private fnlLines = new Map<string, number>();
  private fnaHits = new Map<string, { name: string; hits: number }>();
  private files = new Set<string>();
  /** Function names, decoded once each: FN and FNDA repeat them, and so do files. */
  private names = new ByteNames();
  private lineNumber = 0;
  /**
   * The current record's DA hits by line (-1: not listed), reused for every record: 4 million lines cost no
   * allocation, and each file's Map is then filled once, in line order. Lines from SCRATCH_LINES up (no real file
   * has them) go to the file directly, so a hostile 'DA:999999999,1' allocates nothing large.
   */
  private scratch = new Float64Array(1024).fill(-1);
  private scratchEnd = 0;

  constructor(private readonly context: CoverageReadContext) {}

  /** Reads the whole lines of bytes from `start` on, and returns where the unfinished last one starts. */
  lines(bytes: Buffer, start: number): number {
    let lineNumber = this.lineNumber;
    while (start < bytes.length) {
      let end = this.fastDa(bytes, start);
      if (end < 0) {
        end = bytes.indexOf(10, start);
        if (end < 0) break;
        if (!this.fastFunction(bytes, start, end)) this.line(bytes.toString('utf8', start, end), lineNumber + 1);
      }
      lineNumber++;
      start = end + 1;
    }
    this.lineNumber = lineNumber;
    return start;
  }

  /** The file's last line, when it has no newline at its end. */
  lastLine(text: string): void {
    this.line(text, this.lineNumber + 1);
  }

  /**
   * Reads a well-formed 'DA:<line>,<hits>\n' (or '\r\n') starting at bytes[start] in place, without looking for the
   * line's end first, and returns where its '\n' is; -1 for anything else (a checksum, another record, a line the
   * chunk cuts), which the caller then reads as a whole line.
   */
  fastDa(bytes: Buffer, start: number): number {
    const file = this.current;
    if (file === undefined || bytes[start] !== 68 || bytes[start + 1] !== 65 || bytes[start + 2] !== 58) return -1;
    let i = start + 3;
    let line = 0;
    for (let c = bytes[i]!; c >= 48 && c <= 57; c = bytes[++i]!) line = line * 10 + c - 48;
    if (i === start + 3 || bytes[i] !== 44 || line === 0 || i - start > 18) return -1;
    const hitsStart = ++i;
    let hits = 0;
    for (let c = bytes[i]!; c >= 48 && c <= 57; c = bytes[++i]!) hits = hits * 10 + c - 48;
    if (i === hitsStart || i - hitsStart > 15) return -1;
    if (bytes[i] === 13) i++;
    if (bytes[i] !== 10) return -1;
    this.addDa(file, line, hits);
    return i;
  }

  private addDa(file: FileRecords, line: number, hits: number): void {
    if (line >= SCRATCH_LINES) return file.line(line, hits);
    if (line >= this.scratch.length) {
      const grown = new Float64Array(Math.min(SCRATCH_LINES, Math.max(line + 1, this.scratch.length * 2))).fill(-1);
      grown.set(this.scratch);
      this.scratch = grown;
    }
    const known = this.scratch[line]!;
    this.scratch[line] = known < 0 ? hits : Math.min(known + hits, Number.MAX_SAFE_INTEGER);
    if (line >= this.scratchEnd) this.scratchEnd = line + 1;
  }

  /**
   * Reads a well-formed 'FN:<line>,<name>' (or lcov 2.x 'FN:<line>,<end line>,<name>') or 'FNDA:<hits>,<name>' in
   * place, decoding only the name; false for anything else.
   */
  fastFunction(bytes: Buffer, start: number, end: number): boolean {
    if (this.current === undefined || bytes[start] !== 70 || bytes[start + 1] !== 78) return false;
    const data = bytes[start + 2] === 68 && bytes[start + 3] === 65; // FNDA
    let i = start + (data ? 4 : 2);
    if (bytes[i] !== 58) return false;
    const digitsStart = ++i;
    let number = 0;
    for (let c = bytes[i]!; c >= 48 && c <= 57 && i < end; c = bytes[++i]!) number = number * 10 + c - 48;
    if (i === digitsStart || bytes[i] !== 44 || i - digitsStart > 15 || (!data && number === 0)) return false;
    let nameStart = i + 1;
    if (!data) {
      // lcov 2.x writes the end line before the name.
      let j = nameStart;
      while (j < end && bytes[j]! >= 48 && bytes[j]! <= 57) j++;
      if (j > nameStart && bytes[j] === 44) nameStart = j + 1;
    }
    const nameEnd = bytes[end - 1] === 13 ? end - 1 : end;
    if (nameStart >= nameEnd) return false;
    const name = this.names.name(bytes, nameStart, nameEnd);
    if (data) this.fnHits.set(name, (this.fnHits.get(name) ?? 0) + number);
    else this.fnLines.set(name, number);
    return true;
  }

  line(raw: string, lineNumber: number): void {
    this.lineNumber = lineNumber;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const colon = line.indexOf(':');
    if (colon < 0) {
      const word = line.trim();
      if (word === 'end_of_record') return this.endRecord();
      if (word === '') return;
      this.fail(`'${shown(word)}' is not an LCOV record (records look like 'DA:12,3')`);
    }
    const tag = line.slice(0, colon).trim();
    const value = line.slice(colon + 1);
    if (tag === 'DA') return this.da(value);
    if (tag === 'SF') return this.startRecord(value);
    if (tag === 'BRDA') return this.brda(value);
    if (tag === 'FN') return this.fn(value);
    if (tag === 'FNDA') return this.fnda(value);
    if (tag === 'FNL') return this.fnl(value);
    if (tag === 'FNA') return this.fna(value);
    if (IGNORED.has(tag) || /^[A-Z]+$/.test(tag)) return; // header counts, and records of newer lcov versions
    this.fail(`'${shown(line)}' is not an LCOV record (records look like 'DA:12,3')`);
  }

  finish(): number {
    if (this.current) {
      throw new InputError(
        this.context.file,
        `the record for '${shown(this.current.path)}' that starts at line ${this.recordLine} has no end_of_record: ` +
          'the file looks truncated. Check that the test run finished and the disk was not full.',
      );
    }
    if (this.files.size === 0) {
      throw new InputError(
        this.context.file,
        'the LCOV file has no SF: records, so it covers no source file. Check that the tests ran with coverage on.',
      );
    }
    return this.files.size;
  }

  private startRecord(value: string): void {
    if (this.current) {
      this.fail(
        `SF: starts a record while the one for '${shown(this.current.path)}' (line ${this.recordLine}) has no ` +
          'end_of_record; the file looks cut or concatenated badly',
      );
    }
    const path = value.trim();
    if (path === '') this.fail('SF: names no source file');
    const mapped = this.context.paths.map(path);
    this.current = this.context.coverage.file(mapped);
    this.files.add(mapped);
    this.recordLine = this.lineNumber;
  }

  private endRecord(): void {
    const file = this.inRecord('end_of_record');
    file.addLines(this.scratch, this.scratchEnd);
    this.scratch.fill(-1, 0, this.scratchEnd);
    this.scratchEnd = 0;
    for (const [name, line] of this.fnLines) file.fn(name, line, this.fnHits.get(name) ?? 0);
    for (const [name, hits] of this.fnHits) if (!this.fnLines.has(name)) file.fn(name, undefined, hits);
    for (const [index, { name, hits }] of this.fnaHits) file.fn(name, this.fnlLines.get(index), hits);
    for (const [index, line] of this.fnlLines) if (!this.fnaHits.has(index)) file.fn(`function #${index}`, line, 0);
    this.fnLines.clear();
    this.fnHits.clear();
    this.fnlLines.clear();
    this.fnaHits.clear();
    this.current = undefined;
  }

  /** DA:<line>,<hits>[,<checksum>] */
  private da(value: string): void {
    const file = this.inRecord('DA');
    const comma = value.indexOf(',');
    const end = value.indexOf(',', comma + 1);
    const line = lineNumberOf(value.slice(0, comma));
    const hits = count(comma < 0 ? '' : value.slice(comma + 1, end < 0 ? undefined : end));
    if (line === undefined || hits === undefined) this.malformed('DA', value, '<line>,<hits>');
    this.addDa(file, line, hits);
  }

  /** BRDA:<line>,[<exception>]<block>,<branch>,<taken or '-'> (the branch may be an expression in lcov 2.x) */
  private brda(value: string): void {
    const file = this.inRecord('BRDA');
    const first = value.indexOf(',');
    const last = value.lastIndexOf(',');
    const line = lineNumberOf(value.slice(0, first));
    const takenText = value.slice(last + 1).trim();
    const taken = takenText === '-' ? 0 : count(takenText);
    if (line === undefined || taken === undefined || last <= first) {
      this.malformed('BRDA', value, '<line>,<block>,<branch>,<taken>');
    }
    file.branch(line, value.slice(first + 1, last), taken > 0);
  }

  /** FN:<line>,<name> (lcov 1.x) or FN:<line>,<end line>,<name> (lcov 2.x) */
  private fn(value: string): void {
    this.inRecord('FN');
    const first = value.indexOf(',');
    const line = lineNumberOf(value.slice(0, first));
    if (line === undefined || first < 0) this.malformed('FN', value, '<line>,<name>');
    let name = value.slice(first + 1);
    const second = name.indexOf(',');
    if (second > 0 && lineNumberOf(name.slice(0, second)) !== undefined) name = name.slice(second + 1);
    this.fnLines.set(name, line);
  }

  /** FNDA:<hits>,<name> */
  private fnda(value: string): void {
    this.inRecord('FNDA');
    const comma = value.indexOf(',');
    const hits = count(value.slice(0, comma));
    if (hits === undefined || comma < 0) this.malformed('FNDA', value, '<hits>,<name>');
    const name = value.slice(comma + 1);
    this.fnHits.set(name, (this.fnHits.get(name) ?? 0) + hits);
  }

  /** FNL:<index>,<line>[,<end line>] (lcov 2.x) */
  private fnl(value: string): void {
    this.inRecord('FNL');
    const [index, start] = value.split(',');
    const line = lineNumberOf(start ?? '');
    if (index === undefined || line === undefined) this.malformed('FNL', value, '<index>,<line>[,<end line>]');
    this.fnlLines.set(index.trim(), line);
  }

  /** FNA:<index>,<hits>,<name> (lcov 2.x; several aliases of one function add up) */
  private fna(value: string): void {
    this.inRecord('FNA');
    const first = value.indexOf(',');
    const second = value.indexOf(',', first + 1);
    const hits = count(value.slice(first + 1, second));
    if (first < 0 || second < 0 || hits === undefined) this.malformed('FNA', value, '<index>,<hits>,<name>');
    const index = value.slice(0, first).trim();
    const known = this.fnaHits.get(index);
    if (known) known.hits += hits;
    else this.fnaHits.set(index, { name: value.slice(second + 1), hits });
  }

  private inRecord(tag: string): FileRecords {
    if (this.current) return this.current;
    return this.fail(`${tag} outside a record: an SF: line must come first`);
  }

  private malformed(tag: string, value: string, form: string): never {
    return this.fail(`'${tag}:${shown(value)}' is not a valid ${tag} record (expected ${tag}:${form})`);
  }

  private fail(problem: string): never {
    throw new InputError(
      this.context.file,
      `line ${this.lineNumber}: ${problem}. Check that the file is the LCOV tracefile the tool wrote, unchanged.`,
    );
  }
}

/** A line number (positive safe integer) from digits, else undefined. */
function lineNumberOf(text: string): number | undefined {
  const value = count(text);
  return value !== undefined && value > 0 ? value : undefined;
}

/**
 * A hit count: non-negative digits. gcov writes very large counts as they are (kept up to the largest safe integer),
 * and some tools write a float ('3.0'), whose integer part is kept.
 */
function count(text: string): number | undefined {
  let value = 0;
  let i = 0;
  const end = text.length;
  while (i < end && text.charCodeAt(i) === 32) i++;
  const first = i;
  for (let c = text.charCodeAt(i); c >= 48 && c <= 57; c = text.charCodeAt(++i)) value = value * 10 + c - 48;
  if (i === first) return undefined;
  if (text.charCodeAt(i) === 46) {
    const fraction = ++i;
    while (text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    if (i === fraction) return undefined;
  }
  while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 13)) i++;
  if (i !== end) return undefined;
  return Number.isSafeInteger(value) ? value : Number.MAX_SAFE_INTEGER;
}
