// A runner's environment for one test: GITHUB_* command files in a temp folder, INPUT_*/STATE_* cleared, stdout
// captured. restore() puts process.env and stdout back and removes the folder.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface FakeRunner {
  /** A temp folder the test may use (e.g. as GITHUB_WORKSPACE). */
  dir: string;
  /** Everything written to stdout since the fake runner started. */
  stdout(): string;
  /** The content of GITHUB_OUTPUT, GITHUB_STATE or GITHUB_STEP_SUMMARY. */
  file(kind: 'OUTPUT' | 'STATE' | 'STEP_SUMMARY'): string;
  setInput(name: string, value: string): void;
  restore(): void;
}

export function fakeRunner(): FakeRunner {
  const savedEnv = { ...process.env };
  const dir = mkdtempSync(join(tmpdir(), 'actions-kit-core-'));
  for (const key of Object.keys(process.env)) {
    if (/^(INPUT|STATE)_/.test(key) || key === 'GITHUB_WORKSPACE' || key === 'RUNNER_DEBUG') delete process.env[key];
  }
  for (const kind of ['OUTPUT', 'STATE', 'STEP_SUMMARY', 'ENV']) {
    const path = join(dir, kind.toLowerCase());
    writeFileSync(path, '');
    process.env[`GITHUB_${kind}`] = path;
  }
  const chunks: string[] = [];
  const realWrite = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  }) as typeof process.stdout.write;
  return {
    dir,
    stdout: () => chunks.join(''),
    file: (kind) => readFileSync(process.env[`GITHUB_${kind}`] ?? '', 'utf8'),
    setInput: (name, value) => {
      process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
    },
    restore: () => {
      process.stdout.write = realWrite;
      for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
      Object.assign(process.env, savedEnv);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Splits captured stdout into lines, dropping the final empty one. */
export function lines(text: string): string[] {
  return text.split(/\r?\n/).filter((line, index, all) => line !== '' || index < all.length - 1);
}
