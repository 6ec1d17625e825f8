import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '../src/errors.js';
import { getBoolean, getDuration, getEnum, getInteger, getList, getString } from '../src/inputs.js';
import { type FakeRunner, fakeRunner } from '@actions-kit/testkit';

let runner: FakeRunner;
beforeEach(() => {
  runner = fakeRunner();
});
afterEach(() => runner.restore());

function rejection(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigurationError, but the input was accepted');
}

describe('getString', () => {
  it('reads INPUT_<NAME> as @actions/core does: upper case, spaces as _, trimmed', () => {
    runner.setInput('api url', '  https://example.test  ');
    expect(process.env['INPUT_API_URL']).toBe('  https://example.test  ');
    expect(getString('api url')).toBe('https://example.test');
  });

  it('keeps hyphens in the variable name', () => {
    process.env['INPUT_FAIL-ON'] = 'high';
    expect(getString('fail-on')).toBe('high');
  });

  it('uses the default for an empty input, else returns "" unless required', () => {
    runner.setInput('name', '   ');
    expect(getString('name', { default: 'world' })).toBe('world');
    expect(getString('name')).toBe('');
    expect(rejection(() => getString('name', { required: true }))).toBe(
      "name: a value is required, got ''; set name in the step's with:",
    );
  });
});

describe('typed getters', () => {
  it('read and parse the input', () => {
    runner.setInput('level', 'warning');
    runner.setInput('retries', '3');
    runner.setInput('dry-run', 'True');
    runner.setInput('timeout', '1m30s');
    expect(getEnum('level', ['error', 'warning'] as const)).toBe('warning');
    expect(getInteger('retries', { min: 0, max: 5 })).toBe(3);
    expect(getBoolean('dry-run')).toBe(true);
    expect(getDuration('timeout')).toBe(90_000);
  });

  it('use the default only when the input is empty', () => {
    expect(getEnum('level', ['error', 'warning'] as const, { default: 'error' })).toBe('error');
    expect(getInteger('retries', { default: 2 })).toBe(2);
    expect(getBoolean('dry-run', { default: false })).toBe(false);
    expect(getDuration('timeout', { default: '30s' })).toBe(30_000);
    runner.setInput('retries', 'x');
    expect(() => getInteger('retries', { default: 2 })).toThrow(ConfigurationError);
  });

  it('fail on an empty input without a default, naming the accepted form', () => {
    expect(rejection(() => getDuration('timeout', { required: true }))).toBe(
      "timeout: a value is required, got ''; use a number with a unit such as 500ms, 30s, 5m, 1h or 1m30s",
    );
    expect(rejection(() => getBoolean('dry-run'))).toBe(
      "dry-run: a value is required, got ''; use true or false (YAML 1.2 core schema: true, True, TRUE, false, False, FALSE)",
    );
    expect(rejection(() => getEnum('level', ['error', 'warning']))).toBe(
      "level: a value is required, got ''; use one of 'error', 'warning'",
    );
    expect(rejection(() => getInteger('retries'))).toMatch(/^retries: a value is required, got ''; use decimal digits/);
  });

  it('pass the input name and value into parse errors', () => {
    runner.setInput('timeout', '5 minutes');
    expect(rejection(() => getDuration('timeout'))).toBe(
      "timeout: '5 minutes' is not a duration; use a number with a unit such as 500ms, 30s, 5m, 1h or 1m30s",
    );
    runner.setInput('retries', '0x10');
    expect(rejection(() => getInteger('retries'))).toMatch(/^retries: '0x10' is not an integer/);
    runner.setInput('dry-run', 'yes');
    expect(rejection(() => getBoolean('dry-run', { default: false }))).toMatch(/^dry-run: 'yes' is not a boolean/);
  });

  it('getDuration applies min and max written as durations', () => {
    runner.setInput('interval', '100ms');
    expect(rejection(() => getDuration('interval', { min: '1s', max: '1m' }))).toBe(
      "interval: '100ms' is less than the minimum of 1s; use a duration from 1s to 1m",
    );
    runner.setInput('interval', '200h');
    expect(rejection(() => getDuration('interval'))).toMatch(/is more than the maximum of 168h/);
    runner.setInput('interval', '200h');
    expect(getDuration('interval', { max: '300h' })).toBe(200 * 3_600_000);
  });

  it('getDuration blames the action, not the user, for a bad default', () => {
    expect(() => getDuration('interval', { default: '5 minutes' })).toThrow(
      "getDuration('interval'): the default '5 minutes' is not a duration",
    );
    expect(() => getDuration('interval', { default: '5 minutes' })).not.toThrow(ConfigurationError);
  });
});

describe('getList', () => {
  it('getList reads a list and fails when required and only comments were given', () => {
    runner.setInput('paths', 'a, b\n# c\nd');
    expect(getList('paths')).toEqual(['a', 'b', 'd']);
    runner.setInput('paths', '# nothing');
    expect(getList('paths')).toEqual([]);
    expect(rejection(() => getList('paths', { required: true }))).toBe(
      "paths: a value is required, got '# nothing'; give one or more values, one per line or separated by commas",
    );
  });
});
