import { describe, expect, it } from '@jest/globals';
import { CoverageSink } from '../src/coverage-sink.js';

describe('CoverageSink', () => {
  it('keys functions by name, and by name@line once a name is seen at two lines (overloads)', () => {
    const sink = new CoverageSink();
    const file = sink.file('A.java');
    file.fn('run', 3, 1);
    file.fn('stop', 20, 0);
    file.fn('run', 9, 0);
    file.fn('run', 3, 2);
    file.fn('run', undefined, 5);
    const functions = sink.result([]).files.get('A.java')!.functions!;
    expect(Object.fromEntries(functions)).toEqual({
      stop: { name: 'stop', line: 20, hits: 0 },
      'run@3': { name: 'run', line: 3, hits: 3 },
      'run@9': { name: 'run', line: 9, hits: 0 },
      'run@?': { name: 'run', hits: 5 },
    });
  });

  it('adds hits of a line listed twice and keeps a summary only for a file without records', () => {
    const sink = new CoverageSink();
    sink.file('a').line(2, 1);
    sink.file('a').line(2, 3);
    sink.file('a').summarise('lines', { covered: 1, total: 1 });
    sink.file('b').summarise('lines', { covered: 1, total: 4 });
    sink.file('b').summarise('lines', { covered: 2, total: 3 });
    const files = sink.result(['x']).files;
    expect([...files.get('a')!.lines]).toEqual([[2, 4]]);
    expect(files.get('a')!.summary).toBeUndefined();
    expect(files.get('b')!.summary).toEqual({ lines: { covered: 2, total: 4 } });
  });
});
