import { describe, expect, it } from '@jest/globals';
import type { ActionInput } from '@actions-kit/harness';
import { BenchInputError, checkRequiredInputs, parseBenchSetting } from '../src/bench-inputs.js';

const FILE = 'actions/x/bench.json';

describe('parseBenchSetting: inputs', () => {
  it('reads the inputs of the named benchmark and ignores the others', () => {
    const text = JSON.stringify({ startup: { inputs: { name: 'world' } }, parsing: { inputs: { file: 'big.json' } } });
    expect(parseBenchSetting(text, FILE, 'startup')).toEqual({ inputs: { name: 'world' } });
    expect(parseBenchSetting(text, FILE, 'proxy')).toEqual({ inputs: {} });
  });

  it('names the file and the value when the shape is wrong', () => {
    expect(() => parseBenchSetting('{', FILE, 'startup')).toThrow(BenchInputError);
    expect(() => parseBenchSetting('{', FILE, 'startup')).toThrow(/^actions\/x\/bench\.json: not valid JSON/);
    expect(() => parseBenchSetting('{"startup": {"name": "x"}}', FILE, 'startup')).toThrow(
      'actions/x/bench.json: "startup" must be { "inputs": { "<name>": "<value>" } }',
    );
    expect(() => parseBenchSetting('{"startup": {"inputs": {"retries": 3}}}', FILE, 'startup')).toThrow(
      'actions/x/bench.json: "startup".inputs.retries is 3; inputs are strings, as in a workflow',
    );
  });
});

describe('checkRequiredInputs', () => {
  const declared: ActionInput[] = [
    { name: 'name', description: '', required: true, default: undefined },
    { name: 'greeting', description: '', required: true, default: 'Hello' },
    { name: 'extra', description: '', required: false, default: undefined },
  ];

  it('accepts required inputs given a value or a default', () => {
    expect(() => checkRequiredInputs(declared, { name: 'world' }, FILE, 'startup')).not.toThrow();
  });

  it('says which input is missing and what to add to bench.json', () => {
    expect(() => checkRequiredInputs(declared, {}, FILE, 'startup')).toThrow(
      `actions/x/bench.json: required input(s) 'name' have no default and no bench value; add {"startup":{"inputs":{"name":"…"}}}`,
    );
  });
});

describe('parseBenchSetting: not-measured', () => {
  it('gives the reason an action is left out of a benchmark, and nothing for the others', () => {
    const text = '{"startup": {"not-measured": "needs a Docker engine"}, "proxy": {"inputs": {"name": "x"}}}';
    expect(parseBenchSetting(text, FILE, 'startup')).toEqual({ notMeasured: 'needs a Docker engine' });
    expect(parseBenchSetting(text, FILE, 'proxy')).toEqual({ inputs: { name: 'x' } });
  });

  it('refuses an empty reason, or a reason beside inputs, naming the file', () => {
    expect(() => parseBenchSetting('{"startup": {"not-measured": " "}}', FILE, 'startup')).toThrow(
      /^actions\/x\/bench\.json: "startup"."not-measured" must be the reason/,
    );
    expect(() => parseBenchSetting('{"startup": {"not-measured": "why", "inputs": {}}}', FILE, 'startup')).toThrow(
      BenchInputError,
    );
  });
});
