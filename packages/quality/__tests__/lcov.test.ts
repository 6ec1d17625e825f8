import { describe, expect, it } from '@jest/globals';
import { readCoverageReports } from '../src/index.js';
import { pathsOf, totalsOf, workspace } from './support/workspace.js';

const ws = workspace();
const read = (...files: string[]) => readCoverageReports(files, { root: ws.root, stripPrefixes: [] });

describe('LCOV', () => {
  it('counts DA records, never the LF/LH, BRF/BRH and FNF/FNH headers', async () => {
    const file = ws.write(
      'headers.lcov',
      'TN:\nSF:src/a.ts\nFN:1,start\nFNDA:0,start\nFNF:9\nFNH:9\nDA:1,1\nDA:2,0\nDA:3,4\nLF:100\nLH:100\n' +
        'BRDA:3,0,0,1\nBRDA:3,0,1,-\nBRF:50\nBRH:50\nend_of_record\n',
    );
    const coverage = await read(file);
    expect(totalsOf(coverage.files.get('src/a.ts'))).toEqual({
      lines: { covered: 2, total: 3 },
      branches: { covered: 1, total: 2 },
      functions: { covered: 0, total: 1 },
    });
    expect(coverage.sources).toEqual([file]);
  });

  it("reads lcov 2.x functions (FNL/FNA, aliases adding up) and FN's end-line form", async () => {
    const file = ws.write(
      'v2.lcov',
      'SF:lib/calc.cpp\nFNL:0,3,4\nFNA:0,0,add\nFNA:0,2,add_alias\nFNL:1,7\nFNA:1,0,divide\nFN:10,12,other\n' +
        'FNDA:5,other\nDA:3,1\nend_of_record\n',
    );
    const functions = (await read(file)).files.get('lib/calc.cpp')!.functions!;
    expect([...functions.values()].sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'add', line: 3, hits: 2 },
      { name: 'divide', line: 7, hits: 0 },
      { name: 'other', line: 10, hits: 5 },
    ]);
  });

  it('merges several TN: sections and reports for one file per line by union, branches by their ids', async () => {
    const first = ws.write(
      'shard-1.lcov',
      'TN:unit\nSF:src/a.ts\nDA:1,1\nDA:2,0\nBRDA:2,0,0,0\nBRDA:2,0,1,1\nend_of_record\n' +
        'TN:more\nSF:./src/a.ts\nDA:3,0\nend_of_record\n',
    );
    const second = ws.write(
      'shard-2.lcov',
      'TN:e2e\nSF:src\\a.ts\nDA:2,3\nDA:3,0\nBRDA:2,0,0,1\nBRDA:2,0,1,0\nend_of_record\n',
    );
    const file = (await read(first, second)).files.get('src/a.ts')!;
    expect([...file.lines].sort((a, b) => a[0] - b[0])).toEqual([
      [1, 1],
      [2, 3],
      [3, 0],
    ]);
    expect(file.branches!.get(2)).toEqual({ covered: 2, total: 2 });
  });

  it('gives no branch or function data (n/a) for a file whose records have none', async () => {
    const file = (await read(ws.write('plain.lcov', 'SF:b.py\nDA:1,0\nend_of_record\n'))).files.get('b.py')!;
    expect(file.branches).toBeUndefined();
    expect(file.functions).toBeUndefined();
  });

  it('tells functions that share a name apart by their line', async () => {
    const file = ws.write(
      'anon.lcov',
      'SF:x.js\nFN:3,(anonymous)\nFN:9,(anonymous)\nFNDA:1,(anonymous)\nDA:3,1\nend_of_record\n',
    );
    // FNDA names one of them only: LCOV cannot say which, so the hits go with the name, on the later FN's line.
    const functions = (await read(file)).files.get('x.js')!.functions!;
    expect(functions.size).toBe(1);
  });

  it('accepts CRLF line ends, a checksum after DA and a trailing space after end_of_record', async () => {
    const file = ws.write('crlf.lcov', 'TN:\r\nSF:c.c\r\nDA:1,2,abcdef\r\nDA:2,0\r\nend_of_record \r\n');
    expect(totalsOf((await read(file)).files.get('c.c')).lines).toEqual({ covered: 1, total: 2 });
  });

  it.each([
    [
      'a truncated record',
      'TN:\nSF:a.ts\nDA:1,1\n',
      /record for 'a\.ts' that starts at line 2 has no end_of_record.*truncated/,
    ],
    ['a broken DA', 'SF:a.ts\nDA:1,many\nend_of_record\n', /line 2: 'DA:1,many' is not a valid DA record/],
    ['a DA outside a record', 'TN:\nDA:1,1\n', /line 2: DA outside a record/],
    ['no records at all', 'TN:\n', /has no SF: records/],
    [
      'a line that is no record',
      'SF:a.ts\nhello world\nend_of_record\n',
      /line 2: 'hello world' is not an LCOV record/,
    ],
    ['a new SF before end_of_record', 'SF:a.ts\nDA:1,1\nSF:b.ts\n', /line 3: SF: starts a record while/],
  ])('refuses %s, naming the file and line', async (_what, text, message) => {
    const file = ws.write(`bad-${Math.random()}.lcov`, text);
    await expect(read(file)).rejects.toThrow(message);
    await expect(read(file)).rejects.toThrow(file);
  });

  it('keeps hit counts too large for a number at the largest safe integer', async () => {
    const file = ws.write('huge.lcov', 'SF:h.c\nDA:1,99999999999999999999\nend_of_record\n');
    expect((await read(file)).files.get('h.c')!.lines.get(1)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('keeps a line number no real file has without allocating for every line before it', async () => {
    const file = ws.write('far.lcov', 'SF:f.c\nDA:999999999,1\nDA:3,0\nDA:3,2\nend_of_record\n');
    const lines = (await read(file)).files.get('f.c')!.lines;
    expect([...lines].sort((a, b) => a[0] - b[0])).toEqual([
      [3, 2],
      [999_999_999, 1],
    ]);
  });

  it('maps runner-absolute SF paths under the root', async () => {
    const file = ws.write('abs.lcov', `SF:${ws.root}/pkg/src/a.ts\nDA:1,1\nend_of_record\n`);
    expect(pathsOf(await read(file))).toEqual(['pkg/src/a.ts']);
  });
  it('reads lines the 1 MiB read chunks cut anywhere, a line longer than a chunk and CRLF split between chunks', async () => {
    // Records of varying length, so that chunk ends fall inside DA, FN and FNDA lines and between '\r' and '\n'.
    const longName = `long_${'x'.repeat(1_200_000)}`;
    const parts: string[] = [];
    let lines = 0;
    let covered = 0;
    for (let file = 0; file < 400; file++) {
      const end = file % 2 === 0 ? '\n' : '\r\n';
      const name = `fn_${'n'.repeat(file % 37)}`;
      parts.push(`SF:src/f${file}.ts${end}FN:1,${name}${end}FNDA:${file},${name}${end}`);
      if (file === 200) parts.push(`FN:2,${longName}${end}FNDA:3,${longName}${end}`);
      for (let line = 1; line <= 700 + (file % 13); line++) {
        const hits = (line * 7 + file) % 5;
        parts.push(`DA:${line},${hits}${end}`);
        lines++;
        if (hits > 0) covered++;
      }
      parts.push(`end_of_record${end}`);
    }
    const text = parts.join('');
    expect(text.length).toBeGreaterThan(4 * 1024 * 1024);
    const coverage = await read(ws.write('chunked.lcov', text));
    let readLines = 0;
    let readCovered = 0;
    for (const file of coverage.files.values()) {
      readLines += file.lines.size;
      for (const hits of file.lines.values()) if (hits > 0) readCovered++;
    }
    expect(coverage.files.size).toBe(400);
    expect({ lines: readLines, covered: readCovered }).toEqual({ lines, covered });
    expect([...coverage.files.get('src/f200.ts')!.functions!.values()]).toEqual([
      { name: `fn_${'n'.repeat(200 % 37)}`, line: 1, hits: 200 },
      { name: longName, line: 2, hits: 3 },
    ]);
    expect(coverage.files.get('src/f399.ts')!.functions!.get(`fn_${'n'.repeat(399 % 37)}`)?.hits).toBe(399);
  });
});
