// Which post-if expressions the harness evaluates, and when the post entry runs.
import { describe, expect, it } from '@jest/globals';
import { parsePostCondition, shouldRunPost } from '../src/post-condition.js';

describe('parsePostCondition', () => {
  it('defaults to always(), as the runner does', () => {
    expect(parsePostCondition(undefined, 'action.yml')).toBe('always');
  });

  it.each([
    ['always()', 'always'],
    ['success()', 'success'],
    [' failure( ) ', 'failure'],
    ['${{ cancelled() }}', 'cancelled'],
  ])('reads %j', (expression, condition) => {
    expect(parsePostCondition(expression, 'action.yml')).toBe(condition);
  });

  it.each(["runner.os == 'Linux'", 'always() && success()', 'Always()', 'true'])('refuses %j clearly', (expression) => {
    expect(() => parsePostCondition(expression, 'x/action.yml')).toThrow(
      `x/action.yml: post-if '${expression}' is not one the harness can evaluate; use always(), success(), failure() or cancelled()`,
    );
  });
});

describe('shouldRunPost', () => {
  it('runs always() after any outcome and the others after their own', () => {
    const outcomes = ['success', 'failure', 'cancelled'] as const;
    expect(outcomes.map((outcome) => shouldRunPost('always', outcome))).toEqual([true, true, true]);
    expect(outcomes.map((outcome) => shouldRunPost('success', outcome))).toEqual([true, false, false]);
    expect(outcomes.map((outcome) => shouldRunPost('failure', outcome))).toEqual([false, true, false]);
    expect(outcomes.map((outcome) => shouldRunPost('cancelled', outcome))).toEqual([false, false, true]);
  });
});
