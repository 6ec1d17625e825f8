import { describe, expect, it } from '@jest/globals';
import { InputError } from '../src/input-error.js';
import { looksLikeJsonLines, parseJsonLines } from '../src/json-lines.js';

const bytes = (text: string) => Buffer.from(text);

describe('JSON Lines', () => {
  it('is told from one JSON document by a whole object on the first line and an object on the next', () => {
    expect(looksLikeJsonLines(bytes('{"a":1}\n{"a":2}'))).toBe(true);
    expect(looksLikeJsonLines(bytes('{"a":1}\r\n\r\n  {"a":2}\n'))).toBe(true);
    expect(looksLikeJsonLines(bytes('{"a":1}'))).toBe(false);
    expect(looksLikeJsonLines(bytes('{\n  "a": 1\n}\n'))).toBe(false);
    expect(looksLikeJsonLines(bytes('[1]\n[2]'))).toBe(false);
    expect(looksLikeJsonLines(bytes('{"a":\n{"b":1}}'))).toBe(false);
  });

  it('keeps each line with its number, blank lines allowed, no final newline needed', () => {
    const lines = parseJsonLines(bytes('{"a":1}\n\n{"a":2}'), 'r.json');
    expect(lines.values).toEqual([{ a: 1 }, { a: 2 }]);
    expect(lines.lineNumbers).toEqual([1, 3]);
  });

  it('names the file and the line that is not JSON', () => {
    expect(() => parseJsonLines(bytes('{"a":1}\n{"a":}'), 'r.json')).toThrow(InputError);
    expect(() => parseJsonLines(bytes('{"a":1}\n{"a":}'), 'r.json')).toThrow(/^r\.json: line 2 is not valid JSON: /);
  });
});
