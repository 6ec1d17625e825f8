import { describe, expect, it } from '@jest/globals';
import { ByteNames } from '../src/byte-names.js';

describe('ByteNames', () => {
  it('gives the text of the bytes, UTF-8 included, and the same string for the same bytes wherever they sit', () => {
    const names = new ByteNames();
    const bytes = Buffer.from('FN:1,größe\nFNDA:2,größe\nFN:3,grosse\n');
    const first = names.name(bytes, 5, 12);
    const second = names.name(bytes, 20, 27);
    expect(first).toBe('größe');
    expect(second).toBe('größe');
    expect(names.name(bytes, 33, 39)).toBe('grosse');
  });

  it('keeps every name apart as the table grows past its first size', () => {
    const names = new ByteNames();
    const all = Array.from({ length: 5000 }, (_, i) => `handler_${i}`);
    const text = Buffer.from(all.join('\n'));
    const read = () => {
      const seen: string[] = [];
      let start = 0;
      for (const name of all) {
        const end = start + Buffer.byteLength(name);
        seen.push(names.name(text, start, end));
        start = end + 1;
      }
      return seen;
    };
    expect(read()).toEqual(all);
    expect(read()).toEqual(all);
  });

  it('decodes names longer than it shares, and empty ones', () => {
    const names = new ByteNames();
    const long = 'y'.repeat(1000);
    expect(names.name(Buffer.from(long), 0, 1000)).toBe(long);
    expect(names.name(Buffer.from('x'), 0, 0)).toBe('');
  });
});
