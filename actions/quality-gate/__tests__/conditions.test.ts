import { describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '@actions-kit/core';
import { compare, parseCondition, parseConditions, type Operator } from '../src/conditions.js';
import { METRIC_NAMES } from '../src/metrics.js';

const thrown = (action: () => unknown): ConfigurationError => {
  try {
    action();
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
};

describe('parseConditions', () => {
  it('reads one condition per line, skipping blank and comment lines', () => {
    const conditions = parseConditions(
      '  coverage.lines>=80\n\n# the team rule\nnew.lint.errors == 0   # none on new code\ncoverage.lines.delta >= -0.5\n',
      new Set(['coverage', 'lint']),
    );
    expect(conditions.map((c) => [c.text, c.metric.name, c.operator, c.threshold])).toEqual([
      ['coverage.lines >= 80', 'coverage.lines', '>=', 80],
      ['new.lint.errors == 0', 'new.lint.errors', '==', 0],
      ['coverage.lines.delta >= -0.5', 'coverage.lines.delta', '>=', -0.5],
    ]);
  });

  it('accepts every operator and a trailing % on the number', () => {
    for (const op of ['>=', '>', '<=', '<', '==', '!=']) {
      expect(parseCondition(`coverage.branches ${op} 75.5%`, 1)).toMatchObject({ operator: op, threshold: 75.5 });
    }
  });

  it('defaults to no failed or errored tests and no lint errors, for the kinds of reports given', () => {
    expect(parseConditions('', new Set(['tests', 'lint', 'coverage'])).map((c) => c.text)).toEqual([
      'tests.failed == 0',
      'tests.errored == 0',
      'lint.errors == 0',
    ]);
    expect(parseConditions('\n# nothing\n', new Set(['coverage', 'lint'])).map((c) => c.text)).toEqual([
      'lint.errors == 0',
    ]);
    expect(parseConditions('', new Set(['coverage']))).toEqual([]);
  });

  it('names the line and lists the known metrics for an unknown metric', () => {
    const error = thrown(() => parseConditions('tests.failed == 0\ncoverage.line >= 80', new Set(['tests'])));
    expect(error.message).toContain(
      "conditions: line 2 'coverage.line >= 80' names the unknown metric 'coverage.line'",
    );
    expect(error.message).toContain('did you mean one of coverage.lines, coverage.branches');
    expect(error.message).toContain(`Known metrics: ${METRIC_NAMES.join(', ')}`);
  });

  it('names the line and shows the form of a malformed one', () => {
    for (const line of ['coverage.lines', 'coverage.lines >= eighty', 'coverage.lines => 80', '>= 80', 'a b c']) {
      const error = thrown(() => parseCondition(line, 3));
      expect(error.message).toContain(`conditions: line 3 '${line}' is not '<metric> <operator> <number>'`);
      expect(error.message).toContain('Known metrics: coverage.lines');
    }
  });

  it("says to write == for '='", () => {
    expect(thrown(() => parseCondition('tests.failed = 0', 1)).message).toContain("write '==' to compare for equality");
  });
});

describe('compare', () => {
  it.each<[number, Operator, number, boolean]>([
    [80, '>=', 80, true],
    [79.99, '>=', 80, false],
    [80, '>', 80, false],
    [3, '<=', 3, true],
    [4, '<', 3, false],
    [0, '==', 0, true],
    [1, '!=', 0, true],
    [0, '!=', 0, false],
  ])('%s %s %s is %s', (value, operator, threshold, expected) => {
    expect(compare(value, operator, threshold)).toBe(expected);
  });
});

describe('the metric list', () => {
  it('has every metric the docs name, and a delta for each overall one but none for new code', () => {
    for (const name of [
      'coverage.lines',
      'coverage.branches',
      'coverage.functions',
      'new.coverage.lines',
      'new.coverage.branches',
      'new.coverage.functions',
      'coverage.lines.delta',
      'coverage.branches.delta',
      'coverage.functions.delta',
      'tests.total',
      'tests.passed',
      'tests.failed',
      'tests.errored',
      'tests.skipped',
      'tests.flaky',
      'lint.errors',
      'lint.warnings',
      'new.lint.errors',
      'new.lint.warnings',
      'tests.failed.delta',
      'lint.warnings.delta',
    ]) {
      expect(METRIC_NAMES).toContain(name);
    }
    expect(METRIC_NAMES.filter((name) => name.startsWith('new.') && name.endsWith('.delta'))).toEqual([]);
    expect(new Set(METRIC_NAMES).size).toBe(METRIC_NAMES.length);
  });
});
