// `pnpm demo` arguments: defaults, both spellings of a value, and refusals that say what is accepted.
import { describe, expect, it } from '@jest/globals';
import { parseDemoArguments } from '../src/demo-arguments.js';

describe('parseDemoArguments', () => {
  it('defaults to the real things when installed, written to demo-run/', () => {
    expect(parseDemoArguments([])).toEqual({ proxy: 'auto', scanners: 'auto', out: undefined });
  });

  it('reads --option value and --option=value, and skips the -- pnpm may pass through', () => {
    expect(parseDemoArguments(['--', '--proxy', 'node', '--scanners=recorded', '--out', 'x'])).toEqual({
      proxy: 'node',
      scanners: 'recorded',
      out: 'x',
    });
    expect(parseDemoArguments(['--out', 'x', '--help'])).toBe('help');
  });

  it('refuses unknown arguments, unknown values and missing values, naming them', () => {
    expect(() => parseDemoArguments(['--fast'])).toThrow("unknown argument '--fast'");
    expect(() => parseDemoArguments(['--proxy', 'nginx'])).toThrow("--proxy 'nginx' is not one of auto, haproxy, node");
    expect(() => parseDemoArguments(['--scanners'])).toThrow('--scanners needs a value');
  });
});
