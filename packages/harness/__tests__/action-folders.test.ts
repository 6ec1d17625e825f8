// Finding the repository's actions: every folder with an action.yml under actions/ and the harness' fixtures.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { findActionDir, findActionFiles, listActionNames } from '../src/action-folders.js';

let root = '';
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'harness-folders-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(file: string, content = 'name: x\n'): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), content);
}

describe('findActionFiles', () => {
  it('finds nothing, without failing, when neither actions/ nor the fixtures exist', () => {
    expect(findActionFiles(root)).toEqual([]);
  });

  it('finds actions and fixtures, action.yml or action.yaml, and skips folders without metadata', () => {
    write('actions/b/action.yml');
    write('actions/a/action.yaml');
    write('actions/not-an-action/README.md', '# nothing');
    write('packages/harness/__fixtures__/sample-action/action.yml');
    expect(findActionFiles(root)).toEqual([
      'actions/a/action.yaml',
      'actions/b/action.yml',
      'packages/harness/__fixtures__/sample-action/action.yml',
    ]);
  });

  it('takes action.yml when a folder has both, as the runner does', () => {
    write('actions/a/action.yml');
    write('actions/a/action.yaml');
    expect(findActionFiles(root)).toEqual(['actions/a/action.yml']);
  });
});

describe('findActionDir', () => {
  it('finds an action by its folder name, or by the name without -action', () => {
    write('actions/security-scan/action.yml');
    write('packages/harness/__fixtures__/sample-action/action.yml');
    expect(findActionDir(root, 'security-scan')).toBe(path.join(root, 'actions/security-scan'));
    expect(findActionDir(root, 'sample')).toBe(path.join(root, 'packages/harness/__fixtures__/sample-action'));
    expect(listActionNames(root)).toEqual(['sample-action', 'security-scan']);
  });

  it('names the actions it knows when there is none by that name', () => {
    write('actions/security-scan/action.yml');
    expect(() => findActionDir(root, '../security-scan')).toThrow(
      "no action named '../security-scan' under actions/ or packages/harness/__fixtures__/; known actions: security-scan",
    );
  });
});
