import { describe, expect, it } from '@jest/globals';
import { readCoverageReports } from '../src/index.js';
import { pathsOf, totalsOf, workspace } from './support/workspace.js';

const ws = workspace();
ws.sources('app/src/main/java/com/acme/App.java', 'lib/src/main/java/com/acme/App.java', 'py/pkg/mod.py');
const read = (files: string[], stripPrefixes: string[] = []) =>
  readCoverageReports(files, { root: ws.root, stripPrefixes });

const cobertura = (sources: string, classes: string, root = 'line-rate="1.0" lines-valid="999"') =>
  `<?xml version="1.0" ?>\n<coverage ${root} version="7.4">\n<sources>${sources}</sources>\n<packages><package name="p">` +
  `<classes>${classes}</classes></package></packages>\n</coverage>\n`;

describe('Cobertura', () => {
  it('counts class lines once (never the copies under <methods>) and ignores the root line-rate', async () => {
    const file = ws.write(
      'cobertura.xml',
      cobertura(
        '<source>--source</source>',
        '<class name="A" filename="a.py"><methods><method name="f"><lines><line number="1" hits="1"/>' +
          '<line number="2" hits="0"/></lines></method></methods><lines><line number="1" hits="1"/>' +
          '<line number="2" hits="0"/><line number="3" hits="2" branch="true" condition-coverage="50% (1/2)"/></lines></class>',
      ),
    );
    const coverage = await read([file]);
    expect(totalsOf(coverage.files.get('a.py'))).toEqual({
      lines: { covered: 2, total: 3 },
      branches: { covered: 1, total: 2 },
    });
  });

  it('joins a filename to the <source> root under which it exists in the repository', async () => {
    const file = ws.write(
      'cov-sources.xml',
      cobertura(
        `<source>/elsewhere/build</source><source>${ws.root}/py</source>`,
        '<class name="m" filename="pkg/mod.py"><lines><line number="1" hits="1"/></lines></class>',
      ),
    );
    expect(pathsOf(await read([file]))).toEqual(['py/pkg/mod.py']);
  });

  it('uses an absolute source root mapped by a strip prefix when the file is not in the checkout', async () => {
    const file = ws.write(
      'cov-strip.xml',
      cobertura(
        '<source>C:\\build\\agent\\src</source>',
        '<class name="m" filename="gone/x.py"><lines><line number="1" hits="1"/></lines></class>',
      ),
    );
    expect(pathsOf(await read([file], ['C:/build/agent']))).toEqual(['src/gone/x.py']);
    expect(pathsOf(await read([file]))).toEqual(['gone/x.py']);
  });

  it('takes counts from branch lines without condition-coverage as lines only', async () => {
    const file = ws.write(
      'cov-nocond.xml',
      cobertura('', '<class name="m" filename="n.py"><lines><line number="4" hits="0" branch="true"/></lines></class>'),
    );
    expect(totalsOf((await read([file])).files.get('n.py'))).toEqual({ lines: { covered: 0, total: 1 } });
  });

  it('refuses a line without a number, naming the file and line', async () => {
    const file = ws.write(
      'cov-bad.xml',
      cobertura('', '<class name="m" filename="n.py"><lines>\n<line hits="1"/></lines></class>'),
    );
    await expect(read([file])).rejects.toThrow(/cov-bad\.xml: line 5: a <line> has number missing and hits "1"/);
  });
});

const jacoco = (body: string) =>
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><!DOCTYPE report PUBLIC "-//JACOCO//DTD Report 1.1//EN" ' +
  `"report.dtd"><report name="r">${body}<counter type="LINE" missed="0" covered="99"/></report>`;

describe('JaCoCo', () => {
  it('reads per-line records, METHOD counters, accepts the DOCTYPE it always writes (never fetched)', async () => {
    const file = ws.write(
      'jacoco.xml',
      jacoco(
        '<package name="org/x"><class name="org/x/A" sourcefilename="A.java"><method name="run" desc="()V" line="3">' +
          '<counter type="METHOD" missed="0" covered="1"/></method><method name="stop" desc="()V" line="9">' +
          '<counter type="METHOD" missed="1" covered="0"/></method></class><sourcefile name="A.java">' +
          '<line nr="3" mi="0" ci="4" mb="1" cb="1"/><line nr="9" mi="2" ci="0" mb="0" cb="0"/></sourcefile></package>',
      ),
    );
    expect(totalsOf((await read([file])).files.get('org/x/A.java'))).toEqual({
      lines: { covered: 1, total: 2 },
      branches: { covered: 1, total: 2 },
      functions: { covered: 1, total: 2 },
    });
  });

  it('has no branch data (n/a, not 0%) for a file without branches', async () => {
    const file = ws.write(
      'jacoco-nobranch.xml',
      jacoco(
        '<package name="org/y"><sourcefile name="B.java"><line nr="1" mi="0" ci="2" mb="0" cb="0"/></sourcefile></package>',
      ),
    );
    expect((await read([file])).files.get('org/y/B.java')!.branches).toBeUndefined();
  });

  it('finds the package path in the repository, the module nearest the report when several match', async () => {
    const body =
      '<package name="com/acme"><sourcefile name="App.java"><line nr="1" mi="0" ci="1" mb="0" cb="0"/></sourcefile></package>';
    const inApp = ws.write('app/build/reports/jacoco.xml', jacoco(body));
    const inLib = ws.write('lib/build/reports/jacoco.xml', jacoco(body));
    const cwd = process.cwd();
    process.chdir(ws.root);
    try {
      expect(pathsOf(await read(['app/build/reports/jacoco.xml']))).toEqual(['app/src/main/java/com/acme/App.java']);
      expect(pathsOf(await read(['lib/build/reports/jacoco.xml']))).toEqual(['lib/src/main/java/com/acme/App.java']);
    } finally {
      process.chdir(cwd);
    }
    expect(inApp).not.toBe(inLib);
  });
});

const clover = (version: string, lines: string) =>
  `<?xml version="1.0"?><coverage generated="1" clover="${version}"><project><package name="p">` +
  `<file name="f.js" path="src/f.js">${lines}</file></package></project></coverage>`;

describe('Clover', () => {
  it("reads Istanbul's truecount/falsecount as covered and uncovered branches", async () => {
    const file = ws.write(
      'clover-istanbul.xml',
      clover(
        '3.2.0',
        '<line num="1" count="2" type="cond" truecount="1" falsecount="2"/><line num="2" count="0" type="stmt"/>',
      ),
    );
    expect(totalsOf((await read([file])).files.get('src/f.js'))).toEqual({
      lines: { covered: 1, total: 2 },
      branches: { covered: 1, total: 3 },
    });
  });

  it("reads OpenClover's truecount/falsecount as how often each of two outcomes happened; method lines are functions", async () => {
    const file = ws.write(
      'clover-open.xml',
      clover(
        '4.5.2',
        '<line num="1" count="3" type="method" name="run"/><line num="2" count="3" type="cond" truecount="3" falsecount="0"/>',
      ),
    );
    expect(totalsOf((await read([file])).files.get('src/f.js'))).toEqual({
      lines: { covered: 1, total: 1 },
      branches: { covered: 1, total: 2 },
      functions: { covered: 1, total: 1 },
    });
  });
});

describe('count-only branches merged from two reports', () => {
  it('keep the larger count, never more than either report proves', async () => {
    const one = ws.write(
      'm1.xml',
      cobertura(
        '',
        '<class name="a" filename="z.py"><lines><line number="1" hits="1" branch="true" condition-coverage="50% (1/2)"/></lines></class>',
      ),
    );
    const two = ws.write(
      'm2.xml',
      cobertura(
        '',
        '<class name="a" filename="z.py"><lines><line number="1" hits="0" branch="true" condition-coverage="0% (0/2)"/></lines></class>',
      ),
    );
    expect((await read([one, two])).files.get('z.py')!.branches!.get(1)).toEqual({ covered: 1, total: 2 });
  });
});
