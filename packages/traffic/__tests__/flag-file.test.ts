// The flag-file provider: green while the file exists, blue while it does not.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FlagFileProvider } from '../src/flag-file.js';
import { recordingLogger } from '@actions-kit/testkit';

let dir: string;
let flag: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'traffic-flag-'));
  flag = path.join(dir, 'app.green');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('FlagFileProvider', () => {
  it('reads blue without the file, creates it for green, removes it for blue', async () => {
    const provider = new FlagFileProvider({ flagFile: flag });
    const before = await provider.current();
    expect(before).toMatchObject({ live: 'blue', evidence: `${flag} does not exist` });

    await provider.switchTo('green', before, recordingLogger());
    expect(existsSync(flag)).toBe(true);
    expect((await provider.current()).live).toBe('green');

    await provider.restore(before, recordingLogger());
    expect(existsSync(flag)).toBe(false);
  });

  it('names the folder that does not exist', async () => {
    const provider = new FlagFileProvider({ flagFile: path.join(dir, 'missing', 'app.green') });
    await expect(provider.switchTo('green', await provider.current(), recordingLogger())).rejects.toThrow(
      /flag-file: cannot create .*missing\/app\.green \(ENOENT\); its folder must exist/,
    );
  });
});
