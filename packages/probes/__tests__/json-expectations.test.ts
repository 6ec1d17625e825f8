import { describe, expect, it } from '@jest/globals';
import { findFailedJsonExpectation, formatPath, parseJsonExpectations } from '../src/json-expectations.js';
import { configurationError } from './support/configuration-error.js';

/** The problem the first failing line finds in `body`, or 'ok'. */
function problemIn(lines: string, body: unknown): string {
  return findFailedJsonExpectation(parseJsonExpectations(lines), body)?.problem ?? 'ok';
}

describe('parseJsonExpectations', () => {
  it('reads the three forms of the issue', () => {
    const text = '$.status == "ok"\n  $.checks[*].healthy == true\n\n# the queue drains\n$.queue.depth < 100\n';
    expect(parseJsonExpectations(text)).toEqual([
      { line: 1, text: '$.status == "ok"', path: [{ kind: 'member', name: 'status' }], operator: '==', expected: 'ok' },
      {
        line: 2,
        text: '$.checks[*].healthy == true',
        path: [{ kind: 'member', name: 'checks' }, { kind: 'every' }, { kind: 'member', name: 'healthy' }],
        operator: '==',
        expected: true,
      },
      {
        line: 5,
        text: '$.queue.depth < 100',
        path: [
          { kind: 'member', name: 'queue' },
          { kind: 'member', name: 'depth' },
        ],
        operator: '<',
        expected: 100,
      },
    ]);
  });

  it.each([
    ['$.a != null', '!=', null],
    ['$.a<=1.5', '<=', 1.5],
    ['$.a >= -2', '>=', -2],
    ['$.a > 0', '>', 0],
    ['$.a == false', '==', false],
    ['$.a == "x # not a comment"', '==', 'x # not a comment'],
  ])('reads %j', (line, operator, expected) => {
    expect(parseJsonExpectations(line)[0]).toMatchObject({ operator, expected });
  });

  it.each([
    [`$['content-type'].v == 1`, '$.content-type.v'],
    [`$['a.b'] == 1`, '$["a.b"]'],
    [`$["a b"][0][*] == 1`, '$["a b"][0][*]'],
    ['$.x-y._z == 1', '$.x-y._z'],
    ['$ == 1', '$'],
  ])('reads the path of %j', (line, path) => {
    expect(formatPath(parseJsonExpectations(line)[0]?.path ?? [])).toBe(path);
  });

  it('reads blank text as no expectations', () => {
    expect(parseJsonExpectations(' \n# only a comment\n')).toEqual([]);
  });

  it.each([
    ['status == "ok"', `line 1 'status == "ok"': start with the path, which begins with $`],
    ['$.status = "ok"', `line 1 '$.status = "ok"': put one of == != <= >= < > after the path $.status`],
    ['$.status', `line 1 '$.status': put one of == != <= >= < > after the path $.status`],
    ['$.status == ok', `line 1 '$.status == ok': 'ok' is not a JSON value; write a string in double quotes ("ok")`],
    [`$.status == 'ok'`, `''ok'' is not a JSON value; write a string in double quotes`],
    ['$.status ==', `line 1 '$.status ==': '' is not a JSON value`],
    ['$.a == {"b": 1}', 'compare with one value (a string, a number, true, false or null), not an object or a list'],
    ['$.a == [1]', 'not an object or a list'],
    ['$.a < "10"', '< compares numbers: put a number after it ($.a < 100)'],
    ['$.a[x] == 1', `cannot read the path at '[x] == 1'; write members as .name or ['name'], elements as [0] or [*]`],
    ['$.a.[0] == 1', `cannot read the path at '.[0] == 1'`],
    ['$.a[-1] == 1', `cannot read the path at '[-1] == 1'`],
    ['$["\\x"] == 1', `cannot read the path at '["\\x"] == 1'`],
  ])('refuses %j, naming the input, the line and the fix', (line, message) => {
    const error = configurationError(() => parseJsonExpectations(`$.fine == 1\n${line}`));
    expect(error.startsWith('expect-json: line 2 ')).toBe(true);
    expect(error).toContain(message.replace(/^line 1 /, ''));
  });

  it('names the input it is given and shortens a long line', () => {
    const error = configurationError(() =>
      parseJsonExpectations(`$.a == ${'x'.repeat(10_000)}`, 'rollback-expect-json'),
    );
    expect(error).toMatch(/^rollback-expect-json: line 1 '\$\.a == x+…': /);
    expect(error.length).toBeLessThan(400);
  });
});

describe('findFailedJsonExpectation', () => {
  const healthy = { status: 'ok', checks: [{ healthy: true }, { healthy: true }], queue: { depth: 12 } };
  const all = '$.status == "ok"\n$.checks[*].healthy == true\n$.queue.depth < 100';

  it('finds nothing when every line holds', () => {
    expect(findFailedJsonExpectation(parseJsonExpectations(all), healthy)).toBeUndefined();
  });

  it('names the expectation, the place and the value seen', () => {
    const body = { ...healthy, checks: [{ healthy: true }, { healthy: false }] };
    expect(findFailedJsonExpectation(parseJsonExpectations(all), body)).toEqual({
      expectation: expect.objectContaining({ line: 2, text: '$.checks[*].healthy == true' }),
      path: '$.checks[1].healthy',
      problem: '$.checks[1].healthy is false (expected == true)',
      seen: "'false'",
    });
  });

  it.each([
    ['$.status == "ok"', { status: 'degraded' }, `$.status is the string 'degraded' (expected == "ok")`],
    ['$.status != "down"', { status: 'down' }, `$.status is the string 'down' (expected != "down")`],
    ['$.queue.depth < 100', { queue: { depth: 100 } }, '$.queue.depth is 100 (expected < 100)'],
    ['$.queue.depth <= 100', { queue: { depth: 101 } }, '$.queue.depth is 101 (expected <= 100)'],
    ['$.ratio >= 0.95', { ratio: 0.5 }, '$.ratio is 0.5 (expected >= 0.95)'],
    ['$.ratio > 0.95', { ratio: 0.95 }, '$.ratio is 0.95 (expected > 0.95)'],
    ['$.error == null', { error: 'boom' }, `$.error is the string 'boom' (expected == null)`],
    ['$.count == 1', { count: '1' }, `$.count is the string '1' (expected == 1)`],
  ])('%s fails on %j', (line, body, problem) => {
    expect(problemIn(line, body)).toBe(problem);
  });

  it.each([
    ['$.status == "ok"', { status: 'ok' }],
    ['$.status != "down"', { status: 'up' }],
    ['$.queue.depth < 100', { queue: { depth: 99.5 } }],
    ['$.queue.depth <= 100', { queue: { depth: 100 } }],
    ['$.error == null', { error: null }],
    ['$.items[1] == 2', { items: [1, 2] }],
    [`$['x-ready'] == true`, { 'x-ready': true }],
    ['$[*].up == true', [{ up: true }]],
    ['$.a[*][*] > 0', { a: [[1, 2], [3]] }],
    ['$ == 7', 7],
  ])('%s holds for %j', (line, body) => {
    expect(problemIn(line, body)).toBe('ok');
  });

  it.each([
    ['$.queue.depth < 100', {}, '$.queue is missing'],
    ['$.queue.depth < 100', { queue: {} }, '$.queue.depth is missing'],
    ['$.status != "down"', {}, '$.status is missing'],
    ['$.error == null', {}, '$.error is missing'],
    ['$.checks[*].healthy == true', { checks: [] }, '$.checks is an empty array, so [*] has nothing to check'],
    ['$.checks[*].healthy == true', { checks: [{ healthy: true }, {}] }, '$.checks[1].healthy is missing'],
    ['$.checks[*].healthy == true', {}, '$.checks is missing'],
    ['$.items[2] == 1', { items: [1, 2] }, '$.items[2] is missing (the array has 2 elements)'],
    ['$.checks[*].healthy == true', { checks: { a: 1 } }, `$.checks is an object '{"a":1}', not an array`],
    ['$.queue.depth < 100', { queue: 'full' }, `$.queue is the string 'full', not an object`],
    ['$.queue.depth < 100', { queue: null }, '$.queue is null, not an object'],
    ['$.queue.depth < 100', { queue: [1] }, '$.queue is an array of 1 elements, not an object'],
    [
      '$.queue.depth < 100',
      { queue: { depth: '7' } },
      `$.queue.depth is the string '7', not a number (expected < 100)`,
    ],
    ['$.queue.depth < 100', { queue: { depth: null } }, '$.queue.depth is null, not a number (expected < 100)'],
    ['$.status == "ok"', { status: [] }, '$.status is an empty array (expected == "ok")'],
  ])('%s fails on %j, naming the path', (line, body, problem) => {
    expect(problemIn(line, body)).toBe(problem);
  });

  it('reports the first line that fails, in the order written', () => {
    const failure = findFailedJsonExpectation(parseJsonExpectations(all), { status: 'down', queue: {} });
    expect(failure?.expectation.line).toBe(1);
  });

  it('shortens a long value from the body and makes its control characters visible', () => {
    const body = { status: `::error::pwned\n${'x'.repeat(10_000)}` };
    const failure = findFailedJsonExpectation(parseJsonExpectations('$.status == "ok"'), body);
    expect(failure?.problem).toMatch(/^\$\.status is the string '::error::pwned\\nx+…' \(expected == "ok"\)$/);
    expect(failure?.problem.length).toBeLessThan(200);
    expect(failure?.seen?.length).toBeLessThan(110);
    expect(failure?.problem).not.toContain('\n');
  });
});
