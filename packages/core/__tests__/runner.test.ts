// runner.ts writes the runner protocol itself instead of importing @actions/core (start-up cost). This checks it
// byte for byte against @actions/core 3.0.1: the same calls, the same stdout and the same command files.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import * as actionsCore from '@actions/core';
import { AnnotationBudget } from '../src/annotations.js';
import { debug, error, getState, info, isDebug, saveState, setOutput, setSecret, warning } from '../src/runner.js';
import { getInput } from '../src/runner.js';
import { type FakeRunner, fakeRunner } from '@actions-kit/testkit';

const HOSTILE = [
  '::error::pwned',
  '%0A::add-mask::x',
  'a\r\nb, c: d %',
  '</details><img src=x onerror=alert(1)>',
  '@org/team',
];

interface Trace {
  stdout: string;
  output: string;
  state: string;
}

let runner: FakeRunner;
beforeEach(() => {
  runner = fakeRunner();
});
afterEach(() => runner.restore());

/** Runs `calls` with a fresh fake runner and returns what it wrote, with the random heredoc delimiters made equal. */
function trace(calls: () => void): Trace {
  const local = fakeRunner();
  try {
    calls();
    const same = (text: string): string => text.replace(/ghadelimiter_[0-9a-f-]{36}/g, 'ghadelimiter_X');
    return { stdout: local.stdout(), output: same(local.file('OUTPUT')), state: same(local.file('STATE')) };
  } finally {
    local.restore();
  }
}

describe('runner protocol parity with @actions/core', () => {
  it.each(HOSTILE)('writes log commands for %j as @actions/core does', (text) => {
    const ours = trace(() => {
      info(text);
      debug(text);
      warning(text);
      error(text);
      setSecret(text);
    });
    const theirs = trace(() => {
      actionsCore.info(text);
      actionsCore.debug(text);
      actionsCore.warning(text);
      actionsCore.error(text);
      actionsCore.setSecret(text);
    });
    expect(ours).toEqual(theirs);
  });

  it.each(HOSTILE)('writes annotation properties for %j as @actions/core does', (text) => {
    const properties = { title: text, file: `src/${text}.ts`, startLine: 1, endLine: 2, startColumn: 3, endColumn: 4 };
    const ours = trace(() => new AnnotationBudget().notice(text, properties));
    const theirs = trace(() => actionsCore.notice(text, properties));
    expect(ours).toEqual(theirs);
  });

  it('writes outputs and state to the command files as @actions/core does', () => {
    const ours = trace(() => {
      setOutput('report', 'line 1\nline 2');
      saveState('isPost', 'true');
    });
    const theirs = trace(() => {
      actionsCore.setOutput('report', 'line 1\nline 2');
      actionsCore.saveState('isPost', 'true');
    });
    expect(ours.output).toBe('report<<ghadelimiter_X\nline 1\nline 2\nghadelimiter_X\n');
    expect(ours).toEqual(theirs);
  });

  it('falls back to the deprecated commands without command files, as @actions/core does', () => {
    const withoutFiles = (calls: () => void): string => {
      const local = fakeRunner();
      delete process.env['GITHUB_OUTPUT'];
      delete process.env['GITHUB_STATE'];
      try {
        calls();
        return local.stdout();
      } finally {
        local.restore();
      }
    };
    const ours = withoutFiles(() => {
      setOutput('a', 'x,y:z');
      saveState('b', '1');
    });
    const theirs = withoutFiles(() => {
      actionsCore.setOutput('a', 'x,y:z');
      actionsCore.saveState('b', '1');
    });
    expect(ours).toBe(theirs);
    expect(ours).toContain('::set-output name=a::x,y:z');
  });

  it('reads inputs, state and the debug flag as @actions/core does', () => {
    runner.setInput('my input', '  value with spaces \n');
    process.env['INPUT_FAIL-ON'] = 'high';
    process.env['STATE_token_id'] = 'abc';
    process.env['RUNNER_DEBUG'] = '1';
    expect(getInput('my input')).toBe(actionsCore.getInput('my input'));
    expect(getInput('fail-on')).toBe(actionsCore.getInput('fail-on'));
    expect(getInput('missing')).toBe(actionsCore.getInput('missing'));
    expect(getState('token_id')).toBe(actionsCore.getState('token_id'));
    expect(getState('none')).toBe(actionsCore.getState('none'));
    expect(isDebug()).toBe(actionsCore.isDebug());
  });

  it('refuses, as @actions/core does, a command file that does not exist', () => {
    process.env['GITHUB_OUTPUT'] = `${runner.dir}/missing-output`;
    expect(() => setOutput('a', 'b')).toThrow('GITHUB_OUTPUT names a file that does not exist');
    expect(() => actionsCore.setOutput('a', 'b')).toThrow('Missing file at path');
  });
});
