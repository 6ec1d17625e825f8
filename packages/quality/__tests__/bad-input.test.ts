// Every kind of bad input is an InputError naming the file (and line where there is one), what is wrong and the fix.
import { describe, expect, it } from '@jest/globals';
import { InputError } from '@actions-kit/reports';
import { readCoverageReports, readLintReports, readTestReports } from '../src/index.js';
import { workspace } from './support/workspace.js';

const ws = workspace();
const options = { root: ws.root, stripPrefixes: [] };

async function failure(read: () => Promise<unknown>): Promise<InputError> {
  try {
    await read();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('the read succeeded');
}

describe('bad input', () => {
  it.each([
    ['malformed XML', '<coverage line-rate="1">\n<packages>\n</coverage>', /line 3, column \d+: unexpected close tag/],
    ['truncated XML', '<coverage line-rate="1">\n<packages>', /truncated/],
    [
      'a DOCTYPE declaring entities',
      '<!DOCTYPE c [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<coverage>&x;</coverage>',
      /internal subset.*never expanded/,
    ],
    [
      'an entity beyond the predefined five',
      '<coverage line-rate="1">&nbsp;</coverage>',
      /line 1, column \d+: undefined entity.*never expanded/,
    ],
    ['malformed JSON', '{"total": {"lines": \n', /not valid JSON: .*line 2/],
    [
      'an unknown format',
      'hello, I am a text summary\n',
      /unknown report format: the content is text starting 'hello, I am a text summary'.*Supported: LCOV, Cobertura XML/,
    ],
    [
      'an unknown XML format',
      '<html><body/></html>',
      /unknown report format: the content is XML whose root element is <html>/,
    ],
    ['an empty file', '', /the file is empty/],
    ['a file of white space', '  \n\n', /only white space/],
  ])('%s', async (_what, text, message) => {
    const file = ws.write(`bad-${Math.random()}.txt`, text);
    const error = await failure(() => readCoverageReports([file], options));
    expect(error.message.startsWith(`${file}: `)).toBe(true);
    expect(error.message).toMatch(message);
  });

  it('a test report given as coverage says what it is', async () => {
    const file = ws.write('tests.xml', '<testsuites><testsuite name="s"><testcase name="t"/></testsuite></testsuites>');
    expect((await failure(() => readCoverageReports([file], options))).message).toMatch(/root element is <testsuites>/);
  });

  it('a name: prefix forcing a format the content is not', async () => {
    const file = ws.write('forced.lcov', 'SF:a\nDA:1,1\nend_of_record\n');
    expect((await failure(() => readCoverageReports([`cobertura:${file}`], options))).message).toMatch(
      /the 'cobertura:' prefix says Cobertura XML, but the content is LCOV/,
    );
    const read = await readCoverageReports([`lcov:${file}`], options);
    expect(read.sources).toEqual([file]);
  });

  it('a missing file', async () => {
    await expect(readTestReports([`${ws.root}/nope.xml`], options)).rejects.toThrow(
      /nope\.xml: the file does not exist/,
    );
  });

  it('UTF-16 text', async () => {
    const file = ws.write('utf16.json', '');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, Buffer.from('\ufeff[]', 'utf16le'));
    await expect(readLintReports([file], options)).rejects.toThrow(/UTF-16/);
  });
});

describe('XML encodings', () => {
  it('reads ISO-8859-1 as it declares, and refuses an encoding it cannot read', async () => {
    const file = `${ws.root}/latin1.xml`;
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      file,
      Buffer.from(
        '<?xml version="1.0" encoding="ISO-8859-1"?><testsuite name="s"><testcase name="caf\xe9"/></testsuite>',
        'latin1',
      ),
    );
    expect((await readTestReports([file], options)).cases[0]!.name).toBe('café');
    const ebcdic = ws.write('ebcdic.xml', '<?xml version="1.0" encoding="EBCDIC-US"?><testsuite/>');
    await expect(readTestReports([ebcdic], options)).rejects.toThrow(
      /declares encoding="EBCDIC-US"; UTF-8 and ISO-8859-1/,
    );
  });
});
