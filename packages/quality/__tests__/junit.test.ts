import { describe, expect, it } from '@jest/globals';
import { readTestReports, type TestCase } from '../src/index.js';
import { workspace } from './support/workspace.js';

const ws = workspace();
ws.sources('src/test/kotlin/com/acme/CalcTest.kt', '__tests__/main.test.js');
const read = async (xml: string) =>
  (await readTestReports([ws.write(`junit-${Math.random()}.xml`, xml)], { root: ws.root, stripPrefixes: [] })).cases;
const outcomes = (cases: TestCase[]) => cases.map((c) => `${c.name}:${c.outcome}${c.flaky ? '+flaky' : ''}`);

describe('JUnit XML', () => {
  it('counts testcases, never the counts on suite elements, and orders error > failure > skipped', async () => {
    const cases = await read(
      '<testsuites tests="99" failures="50"><testsuite name="s" tests="42">' +
        '<testcase name="a"/>' +
        '<testcase name="b"><skipped/><failure message="f"/></testcase>' +
        '<testcase name="c"><failure message="f"/><error message="e">trace</error></testcase>' +
        '<testcase name="d"><skipped message="later"/></testcase>' +
        '</testsuite></testsuites>',
    );
    expect(outcomes(cases)).toEqual(['a:passed', 'b:failed', 'c:errored', 'd:skipped']);
    expect(cases[2]).toMatchObject({ message: 'e', details: 'trace' });
  });

  it('does not double-count nested suites, and names a case by its suite path', async () => {
    const cases = await read(
      '<testsuites><testsuite name="outer" tests="3"><testsuite name="inner" tests="2"><testcase name="x"/>' +
        '<testcase name="y"/></testsuite><testcase name="z"/></testsuite></testsuites>',
    );
    expect(cases.map((c) => `${c.suite}/${c.name}`)).toEqual(['outer › inner/x', 'outer › inner/y', 'outer/z']);
  });

  it("reads Surefire's flakyFailure on a passing test as a flaky pass, and a rerun that kept failing as a failure", async () => {
    const cases = await read(
      '<testsuite name="s"><testcase name="flaky" classname="C"><flakyFailure message="first try" type="AE">' +
        '<stackTrace>AE: first try</stackTrace></flakyFailure></testcase>' +
        '<testcase name="broken" classname="C"><failure message="no"/><rerunFailure message="still no"/></testcase>' +
        '</testsuite>',
    );
    expect(outcomes(cases)).toEqual(['flaky:passed+flaky', 'broken:failed']);
    expect(cases[0]!.message).toBe('first try');
  });

  it("folds a retry plugin's repeated testcase into one test: a flaky pass when the last attempt passed", async () => {
    const cases = await read(
      '<testsuite name="s"><testcase name="t" classname="C"><failure message="boom"/></testcase>' +
        '<testcase name="t" classname="C"/><testcase name="u" classname="C"><failure/></testcase>' +
        '<testcase name="u" classname="C"><failure message="again"/></testcase></testsuite>',
    );
    expect(outcomes(cases)).toEqual(['t:passed+flaky', 'u:failed']);
    expect(cases[0]!.message).toBe('boom');
  });

  it('takes file and line from attributes (pytest, whose lines count from 0), and a duration in milliseconds', async () => {
    const [test, first] = await read(
      '<testsuites><testsuite name="pytest"><testcase classname="t.T" name="n" file=".\\tests\\t.py" line="12" ' +
        'time="1.5"/><testcase classname="t.T" name="m" file="tests/t.py" line="0"/></testsuite></testsuites>',
    );
    expect(test).toMatchObject({ file: 'tests/t.py', line: 13, durationMs: 1500, classname: 't.T' });
    expect(first).toMatchObject({ file: 'tests/t.py', line: 1 });
  });

  it('takes a line attribute as written from other tools (PHPUnit counts from 1)', async () => {
    const [test] = await read(
      '<testsuites><testsuite name="Unit"><testcase name="n" file="tests/UnitTest.php" line="12"/></testsuite></testsuites>',
    );
    expect(test).toMatchObject({ file: 'tests/UnitTest.php', line: 12 });
  });

  it('takes the file from a jest-junit suite named by its path, the line from the stack trace', async () => {
    const [test] = await read(
      '<testsuites><testsuite name="__tests__\\main.test.js"><testcase classname="A" name="n"><failure>Error: x\n' +
        '    at Object.&lt;anonymous&gt; (C:\\Users\\dev\\app\\__tests__\\main.test.js:10:21)\n' +
        '    at node_modules\\jest\\x.js:4:1</failure></testcase></testsuite></testsuites>',
    );
    expect(test).toMatchObject({ file: '__tests__/main.test.js', line: 10, outcome: 'failed', message: 'Error: x' });
  });

  it("finds a JVM test's source file in the repository from its stack frame", async () => {
    const [test] = await read(
      '<testsuite name="com.acme.CalcTest"><testcase name="adds" classname="com.acme.CalcTest"><failure message="m">' +
        '<![CDATA[java.lang.AssertionError: m\n\tat org.junit.Assert.fail(Assert.java:88)\n' +
        '\tat com.acme.CalcTest.adds(CalcTest.kt:27)\n]]></failure></testcase></testsuite>',
    );
    expect(test).toMatchObject({ file: 'src/test/kotlin/com/acme/CalcTest.kt', line: 27 });
  });

  it('gives no file when the stack frame names a file the repository does not have', async () => {
    const [test] = await read(
      '<testsuite name="s"><testcase name="adds" classname="org.gone.Test"><failure>' +
        '\tat org.gone.Test.adds(Test.java:3)</failure></testcase></testsuite>',
    );
    expect(test!.file).toBeUndefined();
    expect(test!.line).toBeUndefined();
  });

  it('refuses a report with no testcase, saying why', async () => {
    await expect(read('<testsuites name="jest tests" tests="0"></testsuites>')).rejects.toThrow(
      /no <testcase> elements: no test ran/,
    );
  });
});
