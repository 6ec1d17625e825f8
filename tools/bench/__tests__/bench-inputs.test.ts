import { describe, expect, it } from '@jest/globals';
import type { ActionInput } from '@actions-kit/harness';
import { BenchInputError, checkRequiredInputs, parseBenchInputs, parseNotMeasured } from '../src/bench-inputs.js';

const FILE = 'actions/x/bench.json';

describe('parseBenchInputs', () => {
  it('reads the inputs of the named benchmark and ignores the others', () => {
    const text = JSON.stringify({ startup: { inputs: { name: 'world' } }, parsing: { inputs: { file: 'big.json' } } });
    expect(parseBenchInputs(text, FILE, 'startup')).toEqual({ name: 'world' });
    expect(parseBenchInputs(text, FILE, 'proxy')).toEqual({});
  });

  it('names the file and the value when the shape is wrong', () => {
    expect(() => parseBenchInputs('{', FILE, 'startup')).toThrow(BenchInputError);
    expect(() => parseBenchInputs('{', FILE, 'startup')).toThrow(/^actions\/x\/bench\.json: not valid JSON/);
    expect(() => parseBenchInputs('{"startup": {"name": "x"}}', FILE, 'startup')).toThrow(
      'actions/x/bench.json: "startup" must be { "inputs": { "<name>": "<value>" } }',
    );
    expect(() => parseBenchInputs('{"startup": {"inputs": {"retries": 3}}}', FILE, 'startup')).toThrow(
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

describe('parseNotMeasured', () => {
  it('gives the reason an action is left out of a benchmark, and nothing for the others', () => {
    const text = '{"startup": {"not-measured": "needs a Docker engine"}, "proxy": {"inputs": {"name": "x"}}}';
    expect(parseNotMeasured(text, FILE, 'startup')).toBe('needs a Docker engine');
    expect(parseNotMeasured(text, FILE, 'proxy')).toBeUndefined();
    expect(parseBenchInputs(text, FILE, 'startup')).toEqual({});
  });

  it('refuses an empty reason, or a reason beside inputs, naming the file', () => {
    expect(() => parseNotMeasured('{"startup": {"not-measured": " "}}', FILE, 'startup')).toThrow(
      /^actions\/x\/bench\.json: "startup"."not-measured" must be the reason/,
    );
    expect(() => parseNotMeasured('{"startup": {"not-measured": "why", "inputs": {}}}', FILE, 'startup')).toThrow(
      BenchInputError,
    );
  });
});
