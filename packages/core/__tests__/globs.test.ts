// resolveGlobs: patterns read from a directory, `!` exclusions, and the messages for patterns that match nothing.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '../src/errors.js';
import { resolveGlobs } from '../src/globs.js';

describe('resolveGlobs', () => {
  let workspace: string;
  beforeEach(() => {
    // realpath: the temp folder may sit behind a symlink (macOS), and globs return real paths
    workspace = realpathSync(mkdtempSync(join(tmpdir(), 'actions-kit-globs-')));
    mkdirSync(join(workspace, 'out', 'nested'), { recursive: true });
    for (const file of ['out/b.json', 'out/a.json', 'out/skip.json', 'out/nested/c.json', 'out/notes.txt']) {
      writeFileSync(join(workspace, file), '{}');
    }
  });
  afterEach(() => rmSync(workspace, { recursive: true, force: true }));

  const resolve = (patterns: string[], options: { allowMissing?: boolean; directory?: string } = {}) =>
    resolveGlobs('reports', patterns, options.directory ?? workspace, { allowMissing: options.allowMissing ?? false });

  it('resolves from the directory: absolute, sorted, de-duplicated, files only, ! excludes', async () => {
    expect(await resolve(['out/*.json', './out/a.json', '!out/skip.json', 'out/nested'])).toEqual([
      join(workspace, 'out/a.json'),
      join(workspace, 'out/b.json'),
      join(workspace, 'out/nested/c.json'),
    ]);
  });

  it('resolves relative patterns from the directory given, and accepts absolute patterns', async () => {
    expect(
      await resolve(['nested/*.json', join(workspace, 'out/a.json')], { directory: join(workspace, 'out') }),
    ).toEqual([join(workspace, 'out/a.json'), join(workspace, 'out/nested/c.json')]);
  });

  it('expands {a,b} groups, which @actions/glob reads literally, in patterns and exclusions', async () => {
    expect(await resolve(['out/{a,nested/c}.json', 'out/{b,missing}.json'])).toEqual(
      ['out/a.json', 'out/b.json', 'out/nested/c.json'].map((file) => join(workspace, file)),
    );
    expect(await resolve(['out/*.json', '!out/{skip,b}.json'])).toEqual([join(workspace, 'out/a.json')]);
    await expect(resolve(['out/{x,y}.json'])).rejects.toThrow("reports: no file matches 'out/{x,y}.json'");
    await expect(resolve(['{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}'])).rejects.toThrow(
      "reports: '{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}' has {a,b} groups that expand to more than 256 patterns; write fewer",
    );
  });

  it("answers plain paths as @actions/glob does: the file itself, a folder's files, nothing for a missing one", async () => {
    expect(await resolve(['./out/b.json', 'out/a.json', 'out/a.json'])).toEqual([
      join(workspace, 'out/a.json'),
      join(workspace, 'out/b.json'),
    ]);
    expect(await resolve(['out/a.json', 'out/nested'])).toEqual([
      join(workspace, 'out/a.json'),
      join(workspace, 'out/nested/c.json'),
    ]);
    expect(await resolve(['out/a.json', 'out/missing.json'], { allowMissing: true })).toEqual([
      join(workspace, 'out/a.json'),
    ]);
    await expect(resolve(['out/a.json', 'out/missing.json'])).rejects.toThrow(
      `reports: no file matches 'out/missing.json' (checked from ${workspace}); fix the pattern or the path`,
    );
  });

  it('fails on a pattern that matches nothing, naming the pattern and the directory', async () => {
    await expect(resolve(['out/*.json', 'out/trivy-*.json'])).rejects.toThrow(
      new ConfigurationError(
        `reports: no file matches 'out/trivy-*.json' (checked from ${workspace}); fix the pattern or the path`,
      ),
    );
    await expect(resolve(['out/*.json', 'out/trivy-*.json'], { allowMissing: true })).resolves.toHaveLength(3);
  });

  it('says when exclusions removed every match', async () => {
    await expect(resolve(['out/skip.json', '!out/skip.json'])).rejects.toThrow(
      `reports: no file matches 'out/skip.json' (checked from ${workspace}, after the ! exclusions)`,
    );
  });

  it('rejects . and .. segments, which @actions/glob refuses, with a message about the pattern as written', async () => {
    await expect(resolve(['out/../out/*.json'])).rejects.toThrow(
      new ConfigurationError(
        `reports: 'out/../out/*.json' contains a '.' or '..' segment; write the path from ${workspace} without them, or an absolute path`,
      ),
    );
  });
});
