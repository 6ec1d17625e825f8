// A throw-away workspace folder with the files a test writes into it, removed after the test.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TempWorkspace {
  dir: string;
  /** Writes `text` at `relative` (folders created) and returns the absolute path. */
  write(relative: string, text: string): string;
  remove(): void;
}

export function tempWorkspace(): TempWorkspace {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'security-scan-test-'));
  return {
    dir,
    write(relative, text) {
      const file = path.join(dir, relative);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
      return file;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
