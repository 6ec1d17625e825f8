import { describe, expect, it } from '@jest/globals';
import { RepositoryPaths } from '../src/repository-paths.js';
import { workspace } from './support/workspace.js';

const ws = workspace();
ws.sources('src/app/main.ts', 'pkg/a/util.ts', 'pkg/b/util.ts', 'node_modules/dep/src/app/main.ts');

describe('RepositoryPaths', () => {
  const paths = new RepositoryPaths(ws.root, ['/container/app', 'D:\\a\\repo\\']);

  it.each([
    ['Windows separators and ./ prefixes', '.\\src\\app\\main.ts', 'src/app/main.ts'],
    ['a doubled slash', 'src//app/main.ts', 'src/app/main.ts'],
    ['an absolute path under the root', `${ws.root}/src/app/main.ts`, 'src/app/main.ts'],
    ['a strip prefix, at a segment boundary', '/container/app/src/x.ts', 'src/x.ts'],
    ['no strip at a partial segment', '/container/application/x.ts', '/container/application/x.ts'],
    ['a Windows strip prefix', 'D:\\a\\repo\\src\\y.ts', 'src/y.ts'],
    [
      'an absolute path from another machine, by its longest ending in the repository',
      '/home/dev/proj/src/app/main.ts',
      'src/app/main.ts',
    ],
    ['an ambiguous ending, left absolute', '/elsewhere/util.ts', '/elsewhere/util.ts'],
    ['an ending that exists nowhere, left absolute', '/elsewhere/none.ts', '/elsewhere/none.ts'],
    ['a relative path, kept', 'lib/z.ts', 'lib/z.ts'],
  ])('maps %s', (_what, raw, expected) => {
    expect(paths.map(raw)).toBe(expected);
  });

  it('never finds files under node_modules', () => {
    expect(paths.findEndingWith('dep/src/app/main.ts')).toBe('none');
  });

  it('picks the match nearest a folder when several files end the same way', () => {
    expect(paths.findEndingWith('util.ts', 'pkg/b/build')).toBe('pkg/b/util.ts');
    expect(paths.findEndingWith('util.ts')).toBeUndefined();
  });

  it('compares drive letters without case', () => {
    const windows = new RepositoryPaths('D:\\a\\app\\app', []);
    expect(windows.map('d:/a/app/app/src/x.cs')).toBe('src/x.cs');
  });
});
