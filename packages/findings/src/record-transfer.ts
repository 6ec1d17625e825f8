// Moves a report read on a worker thread to the main thread: each distinct string once, every other value in typed
// arrays whose memory is handed over (transferred, not copied); the main thread rebuilds the records with the
// model's builders, so they keep one hidden class each. Structured-cloning the records themselves costs more than
// parsing the report did.
import {
  SEVERITIES,
  contentIdentity,
  packageIdentity,
  packageInfo,
  findingRecord,
  type Category,
  type FindingRecord,
  type Identity,
  type PackageInfo,
} from './model.js';
import type { ReportFile } from './read-report-file.js';

/** The distinct strings and string lists of one message (see StringTable); index 0 stands for undefined. */
export interface TransferredStrings {
  /**
   * Every distinct string, joined into a few texts in order, none cut between two texts; `stringEnds[i - 1]` is
   * where string i ends, counted over the texts as if they were one.
   */
  texts: string[];
  stringEnds: Uint32Array;
  /** Lists of strings: list i is `listItems[listEnds[i - 2] ?? 0 .. listEnds[i - 1]]`, as string indexes. */
  listEnds: Uint32Array;
  listItems: Uint32Array;
}

/** A ReportFile as a worker posts it: plain values, strings and typed arrays only. */
export interface TransferredReportFile extends TransferredStrings {
  path: string;
  reader: ReportFile['reader'];
  bytes: number;
  streamed: boolean;
  tools: string[];
  format: string;
  notes: string[];
  /** How many of the encoded records are `records`; the rest are `suppressed`. */
  active: number;
  /** STRING_FIELDS per record: string or list indexes, 0 for undefined (so string i is at i + 1). */
  strings: Uint32Array;
  /** NUMBER_FIELDS per record; NaN for undefined (lines and columns are positive integers, never NaN). */
  numbers: Float64Array;
  /** KIND_FIELDS per record: severity, category, package present, identity kind. */
  kinds: Uint8Array;
}

/** The typed arrays' memory, to pass as postMessage's transfer list. */
export function transferList(message: TransferredReportFile): ArrayBuffer[] {
  const arrays = [message.stringEnds, message.listEnds, message.listItems, message.strings, message.numbers];
  return [...arrays, message.kinds].map((array) => array.buffer as ArrayBuffer);
}

/** The index of undefined, in the table of strings and in that of lists: a column left at 0 holds undefined. */
const NONE = 0;

/** Characters per text of the string table (see StringTable.encode): well under V8's maximum string length. */
const TEXT_CHARS = 64 * 1024 * 1024;

// Where each value sits in a record's row. The identity's string slots are shared by its two kinds: a package
// identity uses the first three, a content identity all six.
const S = {
  tool: 0,
  ruleId: 1,
  title: 2,
  description: 3,
  path: 4,
  packageName: 5,
  packageVersion: 6,
  fixedVersion: 7,
  purl: 8,
  identityA: 9, // package: package; content: rule
  identityB: 10, // package: version; content: path
  identityC: 11, // package: target; content: snippet
  identityD: 12, // content: toolFingerprint
  identityE: 13, // content: detail
  identityF: 14, // content: scope
  identityIds: 15, // package: ids (a list)
  file: 16,
  sourceTool: 17,
  record: 18,
  helpUri: 19,
  cwes: 20, // a list
  tags: 21, // a list
  identityAliases: 22, // package: aliases (a list)
  identitySecret: 23, // content: secret (a digest)
  fix: 24,
} as const;
const STRING_FIELDS = 25;
const N = { startLine: 0, endLine: 1, startColumn: 2, endColumn: 3, identityLine: 4 } as const;
const NUMBER_FIELDS = 5;
const K = { severity: 0, category: 1, hasPackage: 2, identity: 3 } as const;
const KIND_FIELDS = 4;

const CATEGORIES: readonly Category[] = ['vulnerability', 'license', 'misconfiguration', 'secret', 'code'];
const IDENTITY_KINDS: readonly Identity['kind'][] = ['package', 'content'];

/**
 * Proves at compile time that a destructuring took every field: when the model gains a field, the rest is no longer
 * empty and this codec fails to compile until it carries the new field too.
 */
function noOtherFields(rest: Record<string, never>): void {
  void rest;
}

/** Encodes a report for postMessage; pass transferList(message) with it. */
export function encodeReportFile(file: ReportFile): TransferredReportFile {
  const { path, reader, bytes, streamed, tools, format, notes, records, suppressed, ...rest } = file;
  noOtherFields(rest);
  const table = new StringTable(STRING_FIELDS);
  const all = records.length + suppressed.length;
  const strings = new Uint32Array(all * STRING_FIELDS);
  const numbers = new Float64Array(all * NUMBER_FIELDS);
  const kinds = new Uint8Array(all * KIND_FIELDS);
  let row = 0;
  for (const list of [records, suppressed]) {
    for (const record of list) encodeRecord(record, row++, table, strings, numbers, kinds);
  }
  return {
    path,
    reader,
    bytes,
    streamed,
    tools,
    format,
    notes,
    active: records.length,
    ...table.encode(),
    strings,
    numbers,
    kinds,
  };
}

function encodeRecord(
  record: FindingRecord,
  row: number,
  table: StringTable,
  strings: Uint32Array,
  numbers: Float64Array,
  kinds: Uint8Array,
): void {
  const { tool, ruleId, title, description, severity, category, helpUri, cwes, tags, ...rest } = record;
  const { location: where, package: pkg, identity, source, ...none } = rest;
  noOtherFields(none);
  const s = row * STRING_FIELDS;
  const n = row * NUMBER_FIELDS;
  const k = row * KIND_FIELDS;
  strings[s + S.tool] = table.string(tool, S.tool);
  strings[s + S.ruleId] = table.string(ruleId, S.ruleId);
  strings[s + S.title] = table.string(title, S.title);
  strings[s + S.description] = table.string(description, S.description);
  strings[s + S.helpUri] = table.string(helpUri, S.helpUri);
  strings[s + S.cwes] = table.list(cwes, S.cwes);
  strings[s + S.tags] = table.list(tags, S.tags);
  kinds[k + K.severity] = SEVERITIES.indexOf(severity);
  kinds[k + K.category] = CATEGORIES.indexOf(category);

  const { path, startLine, endLine, startColumn, endColumn, ...noLocation } = where;
  noOtherFields(noLocation);
  strings[s + S.path] = table.string(path, S.path);
  numbers[n + N.startLine] = startLine ?? NaN;
  numbers[n + N.endLine] = endLine ?? NaN;
  numbers[n + N.startColumn] = startColumn ?? NaN;
  numbers[n + N.endColumn] = endColumn ?? NaN;

  kinds[k + K.hasPackage] = pkg === undefined ? 0 : 1;
  if (pkg !== undefined) {
    const { name, version, fixedVersion, fix, purl, ...noPackage } = pkg;
    noOtherFields(noPackage);
    strings[s + S.packageName] = table.string(name, S.packageName);
    strings[s + S.packageVersion] = table.string(version, S.packageVersion);
    strings[s + S.fixedVersion] = table.string(fixedVersion, S.fixedVersion);
    strings[s + S.fix] = table.string(fix, S.fix);
    strings[s + S.purl] = table.string(purl, S.purl);
  }

  numbers[n + N.identityLine] = NaN;
  if (identity.kind === 'package') {
    const { kind, ids, package: name, version, target, aliases, ...noIdentity } = identity;
    noOtherFields(noIdentity);
    kinds[k + K.identity] = IDENTITY_KINDS.indexOf(kind);
    strings[s + S.identityIds] = table.list(ids, S.identityIds);
    strings[s + S.identityAliases] = table.list(aliases, S.identityAliases);
    strings[s + S.identityA] = table.string(name, S.identityA);
    strings[s + S.identityB] = table.string(version, S.identityB);
    strings[s + S.identityC] = table.string(target, S.identityC);
  } else {
    const {
      kind,
      rule,
      path: identityPath,
      snippet,
      toolFingerprint,
      line,
      detail,
      scope,
      secret,
      ...noIdentity
    } = identity;
    noOtherFields(noIdentity);
    kinds[k + K.identity] = IDENTITY_KINDS.indexOf(kind);
    strings[s + S.identityA] = table.string(rule, S.identityA);
    strings[s + S.identityB] = table.string(identityPath, S.identityB);
    strings[s + S.identityC] = table.string(snippet, S.identityC);
    strings[s + S.identityD] = table.string(toolFingerprint, S.identityD);
    strings[s + S.identityE] = table.string(detail, S.identityE);
    strings[s + S.identityF] = table.string(scope, S.identityF);
    strings[s + S.identitySecret] = table.string(secret, S.identitySecret);
    numbers[n + N.identityLine] = line ?? NaN;
  }

  const { file, tool: sourceTool, record: pointer, ...noSource } = source;
  noOtherFields(noSource);
  strings[s + S.file] = table.string(file, S.file);
  strings[s + S.sourceTool] = table.string(sourceTool, S.sourceTool);
  strings[s + S.record] = table.unique(pointer);
}

/** The ReportFile a worker encoded, rebuilt on this thread. */
export function decodeReportFile(message: TransferredReportFile): ReportFile {
  const table = decodeStrings(message.texts, message.stringEnds);
  const lists = decodeLists(message.listEnds, message.listItems, table);
  const rows = message.kinds.length / KIND_FIELDS;
  const consistent =
    Number.isInteger(rows) &&
    message.strings.length === rows * STRING_FIELDS &&
    message.numbers.length === rows * NUMBER_FIELDS &&
    message.active >= 0 &&
    message.active <= rows;
  if (!consistent) throw new Error(`record transfer of ${message.path}: the columns do not hold ${rows} records`);
  const records: FindingRecord[] = new Array(message.active);
  const suppressed: FindingRecord[] = new Array(rows - message.active);
  for (let row = 0; row < rows; row++) {
    const record = decodeRecord(message, row, table, lists);
    if (row < message.active) records[row] = record;
    else suppressed[row - message.active] = record;
  }
  const { path, reader, bytes, streamed, tools, format, notes } = message;
  // `reader` is left out, not undefined, when there is none: as readReportFile returns it.
  return { tools, format, records, suppressed, notes, path, ...(reader && { reader }), bytes, streamed };
}

function decodeRecord(
  message: TransferredReportFile,
  row: number,
  table: (string | undefined)[],
  lists: (string[] | undefined)[],
): FindingRecord {
  const { strings, numbers, kinds } = message;
  const s = row * STRING_FIELDS;
  const n = row * NUMBER_FIELDS;
  const k = row * KIND_FIELDS;
  const severity = SEVERITIES[kinds[k + K.severity]!];
  const category = CATEGORIES[kinds[k + K.category]!];
  const identityKind = IDENTITY_KINDS[kinds[k + K.identity]!];
  if (severity === undefined || category === undefined || identityKind === undefined) {
    throw new Error(`record transfer of ${message.path}: record ${row} has an unknown severity, category or kind`);
  }
  const pkg: PackageInfo | undefined =
    kinds[k + K.hasPackage] === 1
      ? packageInfo({
          name: table[strings[s + S.packageName]!]!,
          version: table[strings[s + S.packageVersion]!],
          fixedVersion: table[strings[s + S.fixedVersion]!],
          fix: table[strings[s + S.fix]!],
          purl: table[strings[s + S.purl]!],
        })
      : undefined;
  const identity: Identity =
    identityKind === 'package'
      ? packageIdentity({
          ids: lists[strings[s + S.identityIds]!]!,
          package: table[strings[s + S.identityA]!]!,
          version: table[strings[s + S.identityB]!]!,
          target: table[strings[s + S.identityC]!]!,
          aliases: lists[strings[s + S.identityAliases]!],
        })
      : contentIdentity({
          rule: table[strings[s + S.identityA]!]!,
          path: table[strings[s + S.identityB]!]!,
          snippet: table[strings[s + S.identityC]!],
          toolFingerprint: table[strings[s + S.identityD]!],
          line: optionalNumber(numbers[n + N.identityLine]!),
          detail: table[strings[s + S.identityE]!],
          scope: table[strings[s + S.identityF]!],
          secret: table[strings[s + S.identitySecret]!],
        });
  return findingRecord({
    tool: table[strings[s + S.tool]!]!,
    ruleId: table[strings[s + S.ruleId]!]!,
    title: table[strings[s + S.title]!]!,
    description: table[strings[s + S.description]!],
    severity,
    category,
    location: {
      path: table[strings[s + S.path]!]!,
      startLine: optionalNumber(numbers[n + N.startLine]!),
      endLine: optionalNumber(numbers[n + N.endLine]!),
      startColumn: optionalNumber(numbers[n + N.startColumn]!),
      endColumn: optionalNumber(numbers[n + N.endColumn]!),
    },
    package: pkg,
    identity,
    source: {
      file: table[strings[s + S.file]!]!,
      tool: table[strings[s + S.sourceTool]!]!,
      record: table[strings[s + S.record]!]!,
    },
    helpUri: table[strings[s + S.helpUri]!],
    cwes: lists[strings[s + S.cwes]!],
    tags: lists[strings[s + S.tags]!],
  });
}

function optionalNumber(value: number): number | undefined {
  return value === value ? value : undefined; // NaN stands for undefined
}

/**
 * The distinct strings and lists of one message, each given an index the first time it is met (0 is undefined).
 * Lists are told apart by identity: readers share one list among the records that repeat it (the Interner of
 * @actions-kit/reports), and so does the decoder. `fields` is how many columns the caller numbers from 0, each
 * remembering its last value.
 */
export class StringTable {
  private readonly indexes = new Map<string, number>();
  private readonly values: string[] = [];
  private readonly lists = new Map<readonly string[], number>();
  private readonly listItems: number[] = [];
  private readonly listEnds: number[] = [];
  // The last value met in each field and its index: most repeats are in a row (every record's tool and file, a
  // Trivy target's path), and comparing to the last value is much cheaper than a lookup in a 100,000-entry Map.
  private readonly lastValue: (string | undefined)[];
  private readonly lastIndex: number[];

  constructor(fields: number) {
    this.lastValue = new Array<string | undefined>(fields).fill(undefined);
    this.lastIndex = new Array<number>(fields).fill(NONE);
  }

  /** The index of a string in `field`; NONE for undefined. */
  string(value: string | undefined, field: number): number {
    if (value === undefined) return NONE;
    if (value === this.lastValue[field]) return this.lastIndex[field]!;
    let index = this.indexes.get(value);
    if (index === undefined) {
      this.values.push(value);
      index = this.values.length;
      this.indexes.set(value, index);
    }
    this.lastValue[field] = value;
    this.lastIndex[field] = index;
    return index;
  }

  /** The index of a string no other record holds (a record's JSON pointer): not worth looking up. */
  unique(value: string): number {
    this.values.push(value);
    return this.values.length;
  }

  list(values: readonly string[] | undefined, field: number): number {
    if (values === undefined) return NONE;
    let index = this.lists.get(values);
    if (index === undefined) {
      for (const value of values) this.listItems.push(this.string(value, field));
      this.listEnds.push(this.listItems.length);
      index = this.listEnds.length;
      this.lists.set(values, index);
    }
    return index;
  }

  /**
   * The table as texts of about `textChars` characters at most (a longer string is a text of its own): one text
   * could not hold a report whose distinct strings pass V8's maximum string length (~512 MiB).
   */
  encode(textChars = TEXT_CHARS): TransferredStrings {
    const stringEnds = new Uint32Array(this.values.length);
    const texts: string[] = [];
    let first = 0;
    let chars = 0;
    let end = 0;
    this.values.forEach((value, i) => {
      if (chars + value.length > textChars && i > first) {
        texts.push(this.values.slice(first, i).join(''));
        first = i;
        chars = 0;
      }
      chars += value.length;
      end += value.length;
      stringEnds[i] = end;
    });
    texts.push(this.values.slice(first).join(''));
    return {
      texts,
      stringEnds,
      listEnds: Uint32Array.from(this.listEnds),
      listItems: Uint32Array.from(this.listItems),
    };
  }
}

/** The table of strings, undefined first (NONE). */
export function decodeStrings(texts: readonly string[], ends: Uint32Array): (string | undefined)[] {
  const strings: (string | undefined)[] = [undefined];
  let t = 0;
  // Where texts[t] starts, counted over all the texts.
  let base = 0;
  let start = 0;
  for (const end of ends) {
    // A string starts in the text it fits in: move on past texts that end before it does.
    while (t < texts.length - 1 && end > base + texts[t]!.length) {
      base += texts[t]!.length;
      t++;
    }
    const text = texts[t] ?? '';
    if (end > base + text.length || start < base) {
      throw new Error('record transfer: the string table does not match its texts');
    }
    strings.push(text.slice(start - base, end - base));
    start = end;
  }
  return strings;
}

/** The table of lists, undefined first (NONE). */
function decodeLists(ends: Uint32Array, items: Uint32Array, strings: (string | undefined)[]): (string[] | undefined)[] {
  const lists: (string[] | undefined)[] = [undefined];
  let start = 0;
  for (const end of ends) {
    const list: string[] = [];
    for (let i = start; i < end; i++) list.push(strings[items[i]!]!);
    lists.push(list);
    start = end;
  }
  return lists;
}
