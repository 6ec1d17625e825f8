// The proof that adding a report reader is adding a file: a made-up reader (support/dummy-reader.ts), put in a list
// with the built-in ones, is detected, forced with its prefix, named among the supported formats, lends its hints
// to the SARIF reader and reads files end to end, with nothing else changed.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError, parseReportSpec as parseSpecWith } from '@actions-kit/reports';
import { chooseReader, parseReportSpec } from '../src/choose-reader.js';
import { readReportBytes, readReportFile } from '../src/read-report-file.js';
import { READERS } from '../src/registry.js';
import { dummyReader } from './support/dummy-reader.js';
import { banditReport, sarifLog, sarifResult, sarifRun } from './support/documents.js';

const WITH_DUMMY = [...READERS, dummyReader];

const dummyReport = {
  dummy: 1,
  issues: [
    { rule: 'D1', file: './src/a.txt', line: 3, level: 'SEVERE' },
    { rule: 'D2', file: 'src/b.txt', level: 'MILD' },
  ],
};

const bytes = (doc: unknown) => Buffer.from(JSON.stringify(doc, null, 2));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'reader-family-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a reader added in one file', () => {
  it('is detected from the content, only when it is in the list', () => {
    expect(chooseReader(dummyReport, 'd.json', undefined, WITH_DUMMY)).toBe(dummyReader);
    expect(() => chooseReader(dummyReport, 'd.json')).toThrow('unknown report format');
  });

  it('is forced with its name as a prefix', () => {
    expect(parseSpecWith('dummy:out/d.json', WITH_DUMMY)).toEqual({ reader: 'dummy', pattern: 'out/d.json' });
    expect(parseReportSpec('dummy:out/d.json')).toEqual({ pattern: 'dummy:out/d.json' });
    expect(chooseReader(dummyReport, 'd.json', 'dummy', WITH_DUMMY)).toBe(dummyReader);
    expect(() => chooseReader(banditReport([]), 'd.json', 'dummy', WITH_DUMMY)).toThrow(
      "d.json: the 'dummy:' prefix says Dummy JSON, but the content is Bandit JSON. Use 'bandit:' or no prefix",
    );
  });

  it('is named among the supported formats, before those any tool writes', () => {
    const toolFormats = READERS.filter((r) => r.name !== 'sarif')
      .map((r) => r.format)
      .join(', ');
    const unknown = bytes({ issues: [] });
    expect(() => readReportBytes(unknown, 'x.json', {}, WITH_DUMMY)).toThrow(
      `Supported: ${toolFormats}, Dummy JSON and SARIF 2.1.0 (from any tool); check that`,
    );
  });

  it('tells the SARIF reader how its tool writes SARIF', () => {
    const log = sarifLog([
      sarifRun({ name: 'Dummy' }, [sarifResult({ level: 'note', properties: { dummy_level: 'SEVERE' } })]),
    ]);
    const [hinted] = readReportBytes(bytes(log), 'dummy.sarif', {}, WITH_DUMMY).records;
    expect(hinted).toMatchObject({ tool: 'dummy', severity: 'critical', category: 'misconfiguration' });
    const [plain] = readReportBytes(bytes(log), 'dummy.sarif').records;
    expect(plain).toMatchObject({ tool: 'dummy', severity: 'low', category: 'code' });
  });

  it('reads a report file end to end, whole at any size when it cannot stream', () => {
    const path = join(dir, 'dummy.json');
    writeFileSync(path, bytes(dummyReport));
    for (const streamThreshold of [undefined, 0]) {
      const file = readReportFile(path, { displayPath: 'out/dummy.json', root: dir, streamThreshold }, WITH_DUMMY);
      expect(file).toMatchObject({ path: 'out/dummy.json', reader: 'dummy', format: 'Dummy JSON', streamed: false });
      expect(file.records.map((r) => [r.ruleId, r.severity, r.location.path, r.source.record])).toEqual([
        ['D1', 'critical', 'src/a.txt', '/issues/0'],
        ['D2', 'low', 'src/b.txt', '/issues/1'],
      ]);
    }
  });

  it('refuses a file too large to read whole, naming it, when it cannot stream', () => {
    const path = join(dir, 'huge-dummy.json');
    writeFileSync(path, bytes(dummyReport));
    const read = () =>
      readReportFile(path, { displayPath: 'out/huge.json', streamThreshold: 0, wholeLimit: 100 }, WITH_DUMMY);
    expect(read).toThrow(InputError);
    expect(read).toThrow(/^out\/huge\.json: the file is \d+ bytes, too large to read whole \(at most 100 bytes\)/);
  });
});
