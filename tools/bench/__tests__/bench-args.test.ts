import { describe, expect, it } from '@jest/globals';
import { DEFAULT_RUNS, parseBenchArgs } from '../src/bench-args.js';

describe('parseBenchArgs', () => {
  it('runs every benchmark with the default runs when given nothing', () => {
    expect(parseBenchArgs([])).toEqual({ names: [], runs: DEFAULT_RUNS, help: false });
  });

  it('reads names and --runs in either form', () => {
    expect(parseBenchArgs(['startup', '--runs', '20'])).toEqual({ names: ['startup'], runs: 20, help: false });
    expect(parseBenchArgs(['--runs=12'])).toMatchObject({ runs: 12 });
  });

  it('refuses too few runs, a missing value and unknown options, naming what it got', () => {
    expect(() => parseBenchArgs(['--runs', '3'])).toThrow("--runs: expected a whole number ≥ 10, got '3'");
    expect(() => parseBenchArgs(['--runs'])).toThrow("--runs: expected a whole number ≥ 10, got ''");
    expect(() => parseBenchArgs(['--fast'])).toThrow("unknown option '--fast'");
  });
});
