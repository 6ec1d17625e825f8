// The ignore file's path globs: picomatch's meaning on the documented subset (checked against picomatch itself on
// generated globs and paths), the few places it deliberately differs, and what it refuses.
import { describe, expect, it } from '@jest/globals';
import picomatch from 'picomatch';
import { fc } from '@actions-kit/testkit/fuzz';
import { GlobSyntaxError, compilePathGlob } from '../src/path-glob.js';

const matches = (glob: string, path: string) => compilePathGlob(glob)(path);

describe('compilePathGlob', () => {
  it('agrees with picomatch (dot: true) on the documented subset', () => {
    const token = fc.oneof(
      fc.constantFrom('a', 'b', 'c', '.', '-', '_'),
      fc.constantFrom('*', '?', '[ab]', '[a-c]', '{a,b}', '{a,.b}', '\\*'),
    );
    const segment = fc.oneof(
      { weight: 1, arbitrary: fc.constant('**') },
      {
        weight: 4,
        arbitrary: fc.array(token, { minLength: 1, maxLength: 4 }).map((t) => t.join('').replace(/\*+/g, '*')),
      },
    );
    // A trailing /** after a segment with wildcards is one of the documented differences (below).
    const glob = fc
      .array(segment, { minLength: 1, maxLength: 4 })
      .map((s) => s.join('/'))
      .filter((g) => !/(^|\/)[^/]*[*?[{][^/]*\/\*\*$/.test(g));
    const part = fc.stringMatching(/^[abc.\-_]{1,4}$/).filter((p) => p !== '.' && p !== '..');
    const path = fc.array(part, { minLength: 1, maxLength: 5 }).map((s) => s.join('/'));
    fc.assert(
      fc.property(glob, path, (g, p) => matches(g, p) === picomatch(g, { dot: true })(p)),
      { numRuns: 20_000, seed: 20260601 },
    );
  });

  it.each([
    ['services/api/**', 'services/api/package-lock.json', true],
    ['services/api/**', 'services/web/package-lock.json', false],
    ['tests/**', 'tests', true],
    ['**/*.py', 'a/b/c.py', true],
    ['**/*.py', 'c.py', true],
    ['*.py', 'a/c.py', false],
    ['a/**/b', 'a/b', true],
    ['a/**/b', 'a/x/y/b', true],
    ['**', '.github/workflows/ci.yml', true],
    ['**', '../outside.py', false],
    ['./src/*', 'src/a.js', true],
    ['!tests/**', 'src/a.py', true],
    ['!tests/**', 'tests/a.py', false],
    ['src/{api,web}/**', 'src/web/x', true],
    ['deploy/[a-z]*.sh', 'deploy/env.sh', true],
    ['deploy/[!e]*.sh', 'deploy/env.sh', false],
    ['file\\*.txt', 'file*.txt', true],
    ['file\\*.txt', 'fileX.txt', false],
  ])('%s matches %s: %s', (glob, path, expected) => {
    expect(matches(glob, path)).toBe(expected);
  });

  it.each([
    // picomatch reads [!a] as '!' or 'a'; here it is any character but 'a', as in a shell.
    ['[!a]', 'b', true, false],
    // picomatch reads parentheses as a regular expression's group; here they are the characters of the path.
    ['app/(auth)/**', 'app/(auth)/page.tsx', true, false],
    // picomatch lets a trailing /** match nothing only after a plain name; here after any segment.
    ['*/**', 'src', true, false],
  ])('differs from picomatch where documented: %s against %s', (glob, path, ours, theirs) => {
    expect([matches(glob, path), picomatch(glob, { dot: true })(path)]).toEqual([ours, theirs]);
  });

  it('refuses extended globs and braces that expand too far', () => {
    for (const glob of ['+(a|b)', 'src/@(x)', '*(a)', '?(a)', 'a/!(b)']) {
      expect(() => compilePathGlob(glob)).toThrow(GlobSyntaxError);
    }
    expect(() => compilePathGlob('{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}')).toThrow(
      'its {a,b} groups expand to more than 256 globs; write fewer',
    );
    expect(matches('\\+(a)', '+(a)')).toBe(true);
  });
});
