// The fuzzing tier's machinery: real documents mutated the ways broken and hostile input is (truncation, byte flips,
// wrong types, invalid UTF-8, byte order marks, NaN, duplicate keys, deep nesting, long strings, injection payloads)
// as fast-check arbitraries, and a runner that classifies what the code under test does with each input as a
// success, a clean failure (an error a user can act on), a crash (any other error), a hang (over its time budget)
// or a memory blow-up. The short run in CI and `pnpm bench fuzz` use the same machinery.
import v8 from 'node:v8';
import vm from 'node:vm';
import fc from 'fast-check';

export { fc };

export const OUTCOMES = ['success', 'clean failure', 'crash', 'hang', 'memory blow-up'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** What is fuzzed: one function over one kind of input, and which of its errors are clean. */
export interface FuzzSubject<Input> {
  name: string;
  /** The code under test on one input: returns on success, throws on failure. Synchronous, so it can be timed out. */
  run(input: Input): void;
  /** True for an error a user can act on: an InputError or ConfigurationError naming the file or the input. */
  isClean(error: unknown, input: Input): boolean;
  /** The input's size in bytes, for the memory ratio. */
  size(input: Input): number;
}

export interface FuzzOptions {
  /** Inputs to try. */
  runs: number;
  /** fast-check's seed: the same seed tries the same inputs. */
  seed: number;
  /** An input that takes longer than this is a hang (the run is interrupted). */
  budgetMs: number;
  /**
   * Heap growth above which an input is a memory blow-up, when it is also more than `memoryRatio` times the
   * input. Default 64 MiB and 20.
   */
  memoryBytes?: number;
  memoryRatio?: number;
}

/** An input that crashed, hung or blew up, kept to be turned into a unit test. */
export interface FuzzExample {
  outcome: Outcome;
  /** The start of the input, as JSON text (never the whole of a large one). */
  input: string;
  error: string;
}

export interface FuzzResult {
  subject: string;
  runs: number;
  counts: Record<Outcome, number>;
  /** Up to 10 inputs of each bad outcome. */
  examples: FuzzExample[];
  /** The largest input tried, in bytes. */
  largestInput: number;
  /**
   * The largest heap growth over input size, among inputs of at least 1 MiB: below that, the heap's own resizing
   * (a few MiB at a time) makes the ratio meaningless.
   */
  peakMemoryRatio: number;
  /** The largest heap growth for one input, in bytes. */
  peakGrowth: number;
}

const KIB = 1024;

/** Runs `subject` on `options.runs` inputs from `inputs` and counts the outcomes. */
export function fuzz<Input>(
  subject: FuzzSubject<Input>,
  inputs: fc.Arbitrary<Input>,
  options: FuzzOptions,
): FuzzResult {
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  const examples: FuzzExample[] = [];
  let largestInput = 0;
  let peakMemoryRatio = 0;
  let peakGrowth = 0;
  const context = vm.createContext({ subject: undefined, input: undefined });
  const script = new vm.Script('subject.run(input)');
  const memoryBytes = options.memoryBytes ?? 64 * KIB * KIB;
  const memoryRatio = options.memoryRatio ?? 20;
  fc.assert(
    fc.property(inputs, (input) => {
      const size = subject.size(input);
      largestInput = Math.max(largestInput, size);
      const before = v8.getHeapStatistics();
      let outcome: Outcome = 'success';
      let error: unknown;
      try {
        Object.assign(context, { subject, input });
        script.runInContext(context, { timeout: options.budgetMs });
      } catch (thrown) {
        error = thrown;
        outcome = isTimeout(thrown) ? 'hang' : subject.isClean(thrown, input) ? 'clean failure' : 'crash';
      }
      Object.assign(context, { subject: undefined, input: undefined });
      const growth = heapGrowth(before, v8.getHeapStatistics());
      peakGrowth = Math.max(peakGrowth, growth);
      if (size >= KIB * KIB) peakMemoryRatio = Math.max(peakMemoryRatio, growth / size);
      if (outcome !== 'hang' && growth > memoryBytes && growth > memoryRatio * size) outcome = 'memory blow-up';
      counts[outcome]++;
      if (
        outcome !== 'success' &&
        outcome !== 'clean failure' &&
        examples.filter((e) => e.outcome === outcome).length < 10
      ) {
        examples.push({ outcome, input: preview(input), error: describeError(error, growth) });
      }
      return true;
    }),
    { numRuns: options.runs, seed: options.seed, endOnFailure: true },
  );
  return { subject: subject.name, runs: options.runs, counts, examples, largestInput, peakMemoryRatio, peakGrowth };
}

function isTimeout(error: unknown): boolean {
  return (error as { code?: unknown } | undefined)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
}

/**
 * How much the heap grew while an input was read: what is still used after it, or what the heap had to grow by
 * for it (the heap grows to hold a peak and does not shrink at once), whichever is more.
 */
function heapGrowth(before: v8.HeapInfo, after: v8.HeapInfo): number {
  return Math.max(after.used_heap_size - before.used_heap_size, after.total_heap_size - before.total_heap_size, 0);
}

function preview(input: unknown): string {
  const text = Buffer.isBuffer(input) ? input.subarray(0, 300).toString('utf8') : JSON.stringify(input);
  return (text ?? String(input)).slice(0, 300);
}

function describeError(error: unknown, growth: number): string {
  if (error === undefined) return `heap grew by ${Math.round(growth / KIB / KIB)} MiB`;
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const stack = error instanceof Error ? (error.stack ?? '').split('\n').slice(1, 4).join(' | ') : '';
  return `${message.slice(0, 300)}${stack ? ` @ ${stack}` : ''}`;
}

// --- Mutations -----------------------------------------------------------------------------------------------------

/** Text that tries to act as a workflow command, Markdown, HTML, a mention, a link or a path outside the checkout. */
export const INJECTIONS: readonly string[] = [
  '::error::injected',
  '::set-output name=passed::true',
  '%0A::set-output name=passed::true',
  '\n::add-mask::x\n',
  '::stop-commands::token',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<!channel> <!here> @here @channel @org/team',
  '[link](javascript:alert(1))',
  'javascript:alert(document.domain)',
  'data:text/html,<b>x</b>',
  '| cell | break |\n|---|',
  '</details><details open>',
  '../../../../etc/passwd',
  'file:///etc/passwd',
  'C:\\Windows\\win.ini',
  '\ud800',
  '\udfff\ud800',
  '\u0000\u0007\u001b[31m',
  '\u202e\u2066',
  '${{ secrets.GITHUB_TOKEN }}',
  '%25%0D%0A%3A%2C',
  'a'.repeat(300),
];

/** How large the mutations may make things. */
export interface MutationSizes {
  /** The longest string a value is replaced with. */
  longString: number;
  /** The deepest nesting a value is replaced with. */
  deepNesting: number;
}

/** One change to a document's bytes, with its random choices already made. */
type Mutation = (bytes: Buffer) => Buffer;

/**
 * Documents made from `seeds` by one to three mutations each (byte-level, text-level and JSON-level), the seeds
 * themselves among them.
 */
export function mutatedDocuments(seeds: readonly Buffer[], sizes: MutationSizes): fc.Arbitrary<Buffer> {
  if (seeds.length === 0) throw new Error('mutatedDocuments: no seed documents');
  return fc
    .tuple(fc.constantFrom(...seeds), fc.array(mutation(sizes), { minLength: 0, maxLength: 3 }))
    .map(([seed, changes]) => changes.reduce((bytes, change) => change(bytes), seed));
}

const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

function mutation(sizes: MutationSizes): fc.Arbitrary<Mutation> {
  return fc.oneof(
    {
      weight: 2,
      arbitrary: fraction.map(
        (f): Mutation =>
          (b) =>
            b.subarray(0, Math.floor(f * b.length)),
      ),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(fraction, fc.integer({ min: 0, max: 255 })).map(([f, byte]) => flipByte(f, byte)),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(fraction, fc.constantFrom(...INVALID_UTF8)).map(([f, seq]) => insertBytes(f, seq)),
    },
    { weight: 1, arbitrary: fc.constantFrom(...ENCODINGS) },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 1, max: 4096 }).map(
        (n): Mutation =>
          (b) =>
            Buffer.concat([Buffer.from(' \n'.repeat(n)), b]),
      ),
    },
    { weight: 1, arbitrary: fc.tuple(fraction, fraction).map(([f, g]) => duplicateSlice(f, g)) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fraction, fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e999', '-0', '0x10', '01', '1.', '.5'))
        .map(([f, token]) => replaceNumber(f, token)),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fraction, jsonValue(sizes), fc.boolean())
        .map(([f, value, last]) => duplicateKey(f, value, last)),
    },
    {
      weight: 6,
      arbitrary: fc
        .tuple(fraction, jsonValue(sizes), fc.boolean())
        .map(([f, value, pretty]) => replaceValue(f, value, pretty)),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fraction, fc.integer({ min: 2, max: sizes.deepNesting }))
        .map(([f, depth]) => nestDeeply(f, depth)),
    },
  );
}

const INVALID_UTF8: readonly number[][] = [
  [0xff],
  [0xc3],
  [0xe2, 0x82],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xc0, 0xaf],
  [0x00],
];

const ENCODINGS: readonly Mutation[] = [
  (b) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b]),
  (b) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), b]),
  (b) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(b.toString('utf8'), 'utf16le')]),
  (b) => Buffer.from(b.toString('utf8'), 'utf16le'),
  (b) => Buffer.from(b.toString('utf8'), 'utf16le').swap16(),
  (b) => {
    const text = b.toString('utf8');
    const out = Buffer.alloc(text.length * 4);
    for (let i = 0; i < text.length; i++) out.writeUInt32LE(text.charCodeAt(i), i * 4);
    return out;
  },
];

function flipByte(f: number, byte: number): Mutation {
  return (b) => {
    if (b.length === 0) return b;
    const out = Buffer.from(b);
    out[Math.floor(f * b.length)] = byte;
    return out;
  };
}

function insertBytes(f: number, sequence: readonly number[]): Mutation {
  return (b) => {
    const at = Math.floor(f * b.length);
    return Buffer.concat([b.subarray(0, at), Buffer.from(sequence), b.subarray(at)]);
  };
}

function duplicateSlice(f: number, g: number): Mutation {
  return (b) => {
    const [from, to] = [Math.floor(f * b.length), Math.floor(g * b.length)].sort((x, y) => x - y) as [number, number];
    return Buffer.concat([b.subarray(0, to), b.subarray(from, to), b.subarray(to)]);
  };
}

/** Replaces the number token nearest after a point of the text with a token JSON does not allow (or does). */
function replaceNumber(f: number, token: string): Mutation {
  return (b) => {
    const text = b.toString('latin1');
    const match = /[:[,]\s*(-?\d[\d.eE+-]*)/g;
    match.lastIndex = Math.floor(f * text.length);
    const found = match.exec(text) ?? /[:[,]\s*(-?\d[\d.eE+-]*)/.exec(text);
    if (!found) return b;
    const start = found.index + found[0].length - found[1]!.length;
    return Buffer.concat([b.subarray(0, start), Buffer.from(token), b.subarray(start + found[1]!.length)]);
  };
}

/** Repeats the first key of an object near a point of the text with another value, before or after the original. */
function duplicateKey(f: number, value: unknown, last: boolean): Mutation {
  return (b) => {
    const text = b.toString('latin1');
    const open = /\{\s*("(?:[^"\\]|\\.)*")\s*:/g;
    open.lastIndex = Math.floor(f * text.length);
    const found = open.exec(text) ?? /\{\s*("(?:[^"\\]|\\.)*")\s*:/.exec(text);
    if (!found) return b;
    const member = Buffer.from(`${found[1]}:${stringify(value)}`);
    if (!last) {
      const at = found.index + 1;
      return Buffer.concat([b.subarray(0, at), member, Buffer.from(','), b.subarray(at)]);
    }
    // After the original: just before the object's closing brace, found by depth (strings skipped roughly).
    let depth = 0;
    for (let i = found.index; i < text.length; i++) {
      const c = text[i];
      if (c === '"') i = skipString(text, i);
      else if (c === '{' || c === '[') depth++;
      else if ((c === '}' || c === ']') && --depth === 0) {
        return Buffer.concat([b.subarray(0, i), Buffer.from(','), member, b.subarray(i)]);
      }
    }
    return b;
  };
}

function skipString(text: string, quote: number): number {
  for (let i = quote + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return text.length;
}

/** The JSON text of a value, where a DeepNesting value stands for its brackets. */
function stringify(value: unknown, pretty = false): string {
  const marker = '"\u0000deep\u0000"';
  const nestings: DeepNesting[] = [];
  const text = JSON.stringify(
    value,
    (_key, v: unknown) => {
      if (v instanceof DeepNesting) {
        nestings.push(v);
        return '\u0000deep\u0000';
      }
      return v;
    },
    pretty ? 2 : undefined,
  );
  let i = 0;
  return (text ?? 'null').replaceAll(marker, () => nestings[i++]!.text());
}

/** A value nested `depth` arrays deep, written as brackets only when the text is made. */
class DeepNesting {
  constructor(
    readonly depth: number,
    readonly open: string,
  ) {}
  text(): string {
    if (this.open === '[') return `${'['.repeat(this.depth)}${']'.repeat(this.depth)}`;
    return `${'{"k":'.repeat(this.depth)}1${'}'.repeat(this.depth)}`;
  }
}

/** Replaces a value of the parsed document (picked by `f` among all of them) with `value`, then writes it back. */
function replaceValue(f: number, value: unknown, pretty: boolean): Mutation {
  return (b) => {
    const doc = parseOrUndefined(b);
    if (doc === undefined) return b;
    const holders = valueHolders(doc);
    const chosen = holders[Math.floor(f * holders.length)];
    if (chosen === undefined) return Buffer.from(stringify(value, pretty));
    const [holder, key] = chosen;
    (holder as Record<string | number, unknown>)[key] = value;
    return Buffer.from(stringify(doc, pretty));
  };
}

/** Wraps a value of the document (picked by `f`) in `depth` arrays. */
function nestDeeply(f: number, depth: number): Mutation {
  return replaceValue(f, new DeepNesting(depth, '['), false);
}

function parseOrUndefined(b: Buffer): unknown {
  try {
    return JSON.parse(b.toString('utf8').replace(/^\ufeff/, ''));
  } catch {
    return undefined;
  }
}

/** Every (container, key) pair of a document, up to 5,000 of them, in document order. */
function valueHolders(doc: unknown): [object, string | number][] {
  const holders: [object, string | number][] = [];
  const stack: unknown[] = [doc];
  while (stack.length > 0 && holders.length < 5000) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    for (const [key, child] of Object.entries(node)) {
      holders.push([node, Array.isArray(node) ? Number(key) : key]);
      stack.push(child);
    }
  }
  return holders;
}

/** A value of the wrong type, an edge value, an injection payload, a long string or a deep nesting. */
export function jsonValue(sizes: MutationSizes): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(
      null,
      true,
      false,
      0,
      -1,
      1.5,
      2 ** 53 + 1,
      -0,
      1e308,
      '',
      ' ',
      '2.1.0',
      [],
      {},
      [null],
      [[]],
      [{}],
    ),
    fc.constantFrom(...INJECTIONS),
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.integer({ min: 1, max: sizes.longString }).map((n) => 'x'.repeat(n)),
    fc
      .tuple(
        fc.constantFrom(...INJECTIONS),
        fc.integer({ min: 1, max: Math.max(1, Math.floor(sizes.longString / 300)) }),
      )
      .map(([payload, n]) => payload.repeat(n)),
    fc.integer({ min: 2, max: sizes.deepNesting }).map((depth) => new DeepNesting(depth, '[')),
    fc.integer({ min: 2, max: Math.min(sizes.deepNesting, 10_000) }).map((depth) => new DeepNesting(depth, '{')),
    fc.array(fc.constantFrom(1, 'x', null, [], {}), { maxLength: 5 }),
    fc.dictionary(
      fc.constantFrom('__proto__', 'constructor', 'toString', 'Target', 'runs', 'results', 'RuleID'),
      fc.constantFrom(1, 'x', null, [], {}),
      { maxKeys: 3 },
    ),
  );
}

// --- Report ---------------------------------------------------------------------------------------------------------

/** The counts of several runs as a text table, one row per subject. */
export function outcomeTable(results: readonly FuzzResult[]): string {
  const header = ['subject', 'inputs', ...OUTCOMES, 'largest input', 'peak heap growth', 'growth / input ≥ 1 MiB'];
  const rows = results.map((r) => [
    r.subject,
    String(r.runs),
    ...OUTCOMES.map((o) => String(r.counts[o])),
    `${Math.round(r.largestInput / KIB)} KiB`,
    `${Math.round(r.peakGrowth / KIB / KIB)} MiB`,
    r.peakMemoryRatio > 0 ? `${r.peakMemoryRatio.toFixed(1)}×` : '–',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}
