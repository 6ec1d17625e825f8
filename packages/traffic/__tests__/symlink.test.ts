// The release symlink: read, atomically replaced, and the errors for a link the switch cannot own.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SymlinkProvider } from '../src/symlink.js';
import { recordingLogger } from '@actions-kit/testkit';

let dir: string;
let current: string;
let provider: SymlinkProvider;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'traffic-symlink-'));
  current = path.join(dir, 'current');
  await mkdir(path.join(dir, 'releases', 'blue'), { recursive: true });
  await mkdir(path.join(dir, 'releases', 'green'));
  provider = new SymlinkProvider({
    symlinkPath: current,
    paths: { blue: path.join(dir, 'releases/blue'), green: path.join(dir, 'releases/green') },
  });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('SymlinkProvider', () => {
  it('reads the color the link points to, whether written relative or absolute', async () => {
    await symlink('releases/green', current);
    expect(await provider.current()).toMatchObject({ live: 'green', evidence: `${current} -> releases/green` });
    await rm(current);
    await symlink(path.join(dir, 'releases/blue'), current);
    expect((await provider.current()).live).toBe('blue');
  });

  it('replaces the link with a relative one and can put the previous one back', async () => {
    await symlink('releases/blue', current);
    const before = await provider.current();

    await provider.switchTo('green', before, recordingLogger());
    expect(await readlink(current)).toBe(path.join('releases', 'green'));

    await provider.restore(before, recordingLogger());
    expect(await readlink(current)).toBe('releases/blue');
  });

  it('creates the link on the first switch', async () => {
    const before = await provider.current();
    expect(before.live).toBe('none');
    await provider.switchTo('blue', before, recordingLogger());
    expect((await provider.current()).live).toBe('blue');
  });

  it('refuses to switch to a release that is not there', async () => {
    await rm(path.join(dir, 'releases/green'), { recursive: true });
    await expect(provider.switchTo('green', await provider.current(), recordingLogger())).rejects.toThrow(
      /green-path: .*releases\/green does not exist; deploy/,
    );
  });

  it('refuses a path that is a real file or folder, and a link to something else', async () => {
    await writeFile(current, 'x');
    await expect(provider.current()).rejects.toThrow(/exists but is not a symlink/);
    await rm(current);
    await symlink('/elsewhere', current);
    await expect(provider.current()).rejects.toThrow(/points to \/elsewhere, which is neither blue-path/);
  });
});
