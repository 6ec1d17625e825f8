import { describe, expect, it } from '@jest/globals';
import { location } from '../src/model.js';

describe('location', () => {
  it('shares one frozen location per path among those without a line', () => {
    const first = location({ path: 'package-lock.json' });
    expect(location({ path: 'package-lock.json' })).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(first).toEqual({ path: 'package-lock.json' });
    expect(location({ path: 'go.mod' })).not.toBe(first);
  });

  it('gives a location with a line an object of its own, every member present', () => {
    const a = location({ path: 'app.py', startLine: 3 });
    expect(location({ path: 'app.py', startLine: 3 })).not.toBe(a);
    expect(Object.keys(a)).toEqual(['path', 'startLine', 'endLine', 'startColumn', 'endColumn']);
    expect(Object.isFrozen(a)).toBe(false);
  });
});
