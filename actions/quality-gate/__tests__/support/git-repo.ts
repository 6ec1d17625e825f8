// A real git repository in a temp folder for the diff-base tests: commits on branches, clones, files written and
// removed. Needs git; a missing git fails the test (execFileSync throws ENOENT).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface GitRepo {
  dir: string;
  git(...args: string[]): string;
  write(relative: string, text: string): string;
  /** Stages everything and commits with `message`. */
  commit(message: string): void;
  remove(): void;
}

const IDENTITY = [
  '-c',
  'user.name=quality-gate test',
  '-c',
  'user.email=test@example.invalid',
  '-c',
  'commit.gpgsign=false',
];

export function gitRepo(dir = mkdtempSync(path.join(os.tmpdir(), 'quality-gate-git-'))): GitRepo {
  const git = (...args: string[]): string =>
    execFileSync('git', [...IDENTITY, ...args], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return {
    dir,
    git,
    write(relative, text) {
      const file = path.join(dir, relative);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
      return file;
    },
    commit(message) {
      git('add', '--all');
      git('commit', '--quiet', '--allow-empty', '-m', message);
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A new repository on branch main. */
export function initRepo(): GitRepo {
  const repo = gitRepo();
  repo.git('init', '--quiet', '--initial-branch=main');
  return repo;
}

/** Numbered lines, 'line 1' to 'line <count>', each ending in a newline. */
export function numberedLines(count: number, change: (line: number) => string = (line) => `line ${line}`): string {
  return Array.from({ length: count }, (_, i) => `${change(i + 1)}\n`).join('');
}
