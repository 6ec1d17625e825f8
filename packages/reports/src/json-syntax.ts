// Finds where a JSON document stops being valid, in bytes, because V8's JSON.parse messages give no byte offset.

/** A JSON syntax problem at a byte offset of the input. */
export class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {
    super(`${problem} at byte ${offset}`);
    this.name = 'JsonSyntaxError';
  }
}

const enum Expect {
  Value,
  ValueOrClose,
  Key,
  KeyOrClose,
  Colon,
  CommaOrClose,
  End,
}

const OBJECT = 1;
const ARRAY = 2;

/**
 * Validates `bytes[start, end)` as one JSON text and returns the first problem, or undefined when it is valid.
 * Iterative (an explicit stack), so any nesting depth and any string length is handled in linear time.
 */
export function findJsonSyntaxError(bytes: Uint8Array, start = 0, end = bytes.length): JsonSyntaxError | undefined {
  const stack: number[] = [];
  let expect = Expect.Value;
  let i = start;
  const fail = (at: number, problem: string) => new JsonSyntaxError(at, problem);
  const afterValue = () => (stack.length === 0 ? Expect.End : Expect.CommaOrClose);

  while (true) {
    while (i < end && isWhitespace(bytes[i]!)) i++;
    if (i >= end) {
      if (expect === Expect.End) return undefined;
      if (i === start) return fail(i, 'empty input: expected a JSON value');
      return fail(i, `unexpected end of input${stack.length > 0 ? ` (${stack.length} unclosed object/array)` : ''}`);
    }
    const c = bytes[i]!;
    switch (expect) {
      case Expect.End:
        return fail(i, `unexpected ${describeByte(c)} after the end of the JSON value`);
      case Expect.Colon:
        if (c !== 0x3a) return fail(i, `expected ':' after an object key but found ${describeByte(c)}`);
        i++;
        expect = Expect.Value;
        continue;
      case Expect.CommaOrClose: {
        const top = stack[stack.length - 1];
        if (c === 0x2c) {
          i++;
          expect = top === OBJECT ? Expect.Key : Expect.Value;
          continue;
        }
        if ((c === 0x7d && top === OBJECT) || (c === 0x5d && top === ARRAY)) {
          stack.pop();
          i++;
          expect = afterValue();
          continue;
        }
        return fail(i, `expected ',' or '${top === OBJECT ? '}' : ']'}' but found ${describeByte(c)}`);
      }
      case Expect.Key:
      case Expect.KeyOrClose:
        if (c === 0x7d && expect === Expect.KeyOrClose) {
          stack.pop();
          i++;
          expect = afterValue();
          continue;
        }
        if (c !== 0x22) return fail(i, `expected a double-quoted object key but found ${describeByte(c)}`);
        {
          const stringEnd = scanString(bytes, i + 1, end);
          if (typeof stringEnd !== 'number') return fail(stringEnd.at, stringEnd.problem);
          i = stringEnd;
        }
        expect = Expect.Colon;
        continue;
      case Expect.Value:
      case Expect.ValueOrClose: {
        if (c === 0x5d && expect === Expect.ValueOrClose) {
          stack.pop();
          i++;
          expect = afterValue();
          continue;
        }
        if (c === 0x7b) {
          stack.push(OBJECT);
          i++;
          expect = Expect.KeyOrClose;
          continue;
        }
        if (c === 0x5b) {
          stack.push(ARRAY);
          i++;
          expect = Expect.ValueOrClose;
          continue;
        }
        if (c === 0x22) {
          const stringEnd = scanString(bytes, i + 1, end);
          if (typeof stringEnd !== 'number') return fail(stringEnd.at, stringEnd.problem);
          i = stringEnd;
        } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
          const numberEnd = scanNumber(bytes, i, end);
          if (typeof numberEnd !== 'number') return fail(numberEnd.at, numberEnd.problem);
          i = numberEnd;
        } else if (c === 0x74 || c === 0x66 || c === 0x6e) {
          const word = c === 0x74 ? 'true' : c === 0x66 ? 'false' : 'null';
          for (let k = 0; k < word.length; k++) {
            if (i + k >= end) {
              return end < bytes.length
                ? fail(i, `invalid literal (expected '${word}')`)
                : fail(end, 'unexpected end of input inside a literal');
            }
            if (bytes[i + k] !== word.charCodeAt(k)) return fail(i, `invalid literal (expected '${word}')`);
          }
          i += word.length;
        } else {
          return fail(i, `unexpected ${describeByte(c)} where a value was expected`);
        }
        expect = afterValue();
        continue;
      }
    }
  }
}

/**
 * Reports are read to this depth of nested objects and arrays: real ones stay under 30, and a deeper document is
 * refused, as parsing millions of nested arrays takes ~50 times the bytes in memory.
 */
export const MAX_JSON_DEPTH = 128;

/** The document nests objects and arrays more than MAX_JSON_DEPTH deep; `offset` is the bracket that goes too deep. */
export class JsonNestingError extends Error {
  constructor(
    readonly offset: number,
    readonly maxDepth: number,
  ) {
    super(`nested more than ${maxDepth} levels deep at byte ${offset}`);
    this.name = 'JsonNestingError';
  }
}

/**
 * The offset of the first opening bracket nested deeper than `maxDepth` in `bytes[start, end)`, or undefined. A text
 * with at most `maxDepth` opening brackets cannot nest deeper, which native searches tell quickly (most list
 * elements have a few); others are walked, with strings skipped by a native search for their closing quote.
 */
export function findTooDeep(bytes: Buffer, maxDepth: number, start = 0, end = bytes.length): number | undefined {
  if (fewBrackets(bytes.subarray(start, end), maxDepth)) return undefined;
  let depth = 0;
  for (let i = start; i < end; i++) {
    const c = bytes[i]!;
    if (c === 0x22) {
      // The closing quote: the first one not escaped by an odd run of backslashes.
      for (;;) {
        const q = bytes.indexOf(0x22, i + 1);
        if (q < 0 || q >= end) return undefined;
        let k = q - 1;
        while (bytes[k] === 0x5c) k--;
        i = q;
        if ((q - 1 - k) % 2 === 0) break;
      }
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) return i;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return undefined;
}

/** True when `bytes` holds at most `count` opening brackets ('[' and '{'), in or out of strings. */
function fewBrackets(bytes: Buffer, count: number): boolean {
  let seen = 0;
  for (const bracket of [0x5b, 0x7b]) {
    for (let i = bytes.indexOf(bracket); i >= 0; i = bytes.indexOf(bracket, i + 1)) if (++seen > count) return false;
  }
  return true;
}

/** Returns the offset just after the closing quote, or the problem. `i` is just after the opening quote. */
function scanString(bytes: Uint8Array, i: number, end: number): number | { at: number; problem: string } {
  const opening = i - 1;
  while (i < end) {
    const c = bytes[i]!;
    if (c === 0x22) return i + 1;
    if (c === 0x5c) {
      const e = bytes[i + 1];
      if (i + 1 >= end) break;
      if (e === 0x75) {
        for (let k = 2; k < 6; k++) {
          if (i + k >= end)
            return { at: end, problem: `unexpected end of input inside the string starting at byte ${opening}` };
          if (!isHex(bytes[i + k]!)) return { at: i, problem: 'invalid \\u escape in a string' };
        }
        i += 6;
        continue;
      }
      if (e === undefined || !'"\\/bfnrt'.includes(String.fromCharCode(e))) {
        return { at: i, problem: 'invalid escape sequence in a string' };
      }
      i += 2;
      continue;
    }
    if (c < 0x20) return { at: i, problem: 'unescaped control character in a string' };
    i++;
  }
  return { at: end, problem: `unexpected end of input inside the string starting at byte ${opening}` };
}

function scanNumber(bytes: Uint8Array, i: number, end: number): number | { at: number; problem: string } {
  const digitsFrom = (k: number) => {
    const from = k;
    while (k < end && bytes[k]! >= 0x30 && bytes[k]! <= 0x39) k++;
    return k === from ? -1 : k;
  };
  if (bytes[i] === 0x2d) i++;
  if (bytes[i] === 0x30) i++;
  else {
    const next = digitsFrom(i);
    if (next < 0) return { at: i, problem: 'invalid number' };
    i = next;
  }
  if (bytes[i] === 0x2e) {
    const next = digitsFrom(i + 1);
    if (next < 0) return { at: i + 1, problem: 'invalid number: expected digits after the decimal point' };
    i = next;
  }
  if (bytes[i] === 0x65 || bytes[i] === 0x45) {
    i++;
    if (bytes[i] === 0x2b || bytes[i] === 0x2d) i++;
    const next = digitsFrom(i);
    if (next < 0) return { at: i, problem: 'invalid number: expected digits in the exponent' };
    i = next;
  }
  return i;
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** A byte as a user can read it in an error message. */
export function describeByte(c: number): string {
  if (c >= 0x21 && c <= 0x7e) return `'${String.fromCharCode(c)}'`;
  return `byte 0x${c.toString(16).padStart(2, '0')}`;
}

/** 1-based line and column (in bytes) of an offset, for error messages. */
export function lineAndColumn(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const stop = Math.min(offset, bytes.length);
  for (let i = 0; i < stop; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
