// Adding a format is adding a file: a reader written in one place is detected, forced with its prefix, named in the
// "Supported" message and read end to end, only because it is in the list the entry point is given.
import { describe, expect, it } from '@jest/globals';
import { COVERAGE_READERS, readCoverageReports, type CoverageReader } from '../src/index.js';
import { documentOf } from '../src/quality-reader.js';
import { workspace } from './support/workspace.js';

/** "ACME-COV <path> <covered lines, comma separated>", one file per line. */
const acmeReader: CoverageReader = {
  name: 'acme',
  format: 'Acme coverage',
  detect: (doc) =>
    typeof doc === 'object' && doc !== null && 'firstLine' in doc && String(doc.firstLine).startsWith('ACME-COV '),
  read(doc, context) {
    let files = 0;
    for (const chunk of documentOf(doc, 'text').source.chunks()) {
      for (const line of chunk.split('\n').filter((l) => l.startsWith('ACME-COV '))) {
        const [, path, lines] = line.split(' ');
        const file = context.coverage.file(context.paths.map(path!));
        for (const n of lines!.split(',')) file.line(Number(n), 1);
        files++;
      }
    }
    return files;
  },
};

const ws = workspace();
const readers = [...COVERAGE_READERS, acmeReader];
const options = { root: ws.root, stripPrefixes: [] };

describe('the coverage reader family', () => {
  it('detects and reads a member that is only in the list', async () => {
    const file = ws.write('acme.txt', 'ACME-COV .\\src\\a.ts 1,2\n');
    const data = await readCoverageReports([file], options, readers);
    expect([...data.files.get('src/a.ts')!.lines]).toEqual([
      [1, 1],
      [2, 1],
    ]);
  });

  it('forces it with its prefix, checked against the content, and names it among the supported formats', async () => {
    const lcov = ws.write('x.lcov', 'SF:a\nDA:1,1\nend_of_record\n');
    await expect(readCoverageReports([`acme:${lcov}`], options, readers)).rejects.toThrow(
      /the 'acme:' prefix says Acme coverage, but the content is LCOV/,
    );
    const other = ws.write('other.txt', 'nothing known\n');
    await expect(readCoverageReports([other], options, readers)).rejects.toThrow(/Supported: .*Acme coverage/);
  });
});
