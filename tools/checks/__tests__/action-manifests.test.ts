// Loading every action's metadata for the checks: what is found, and a malformed file as a CheckError.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { loadActionManifests } from '../src/action-manifests.js';
import { CheckError } from '../src/check-error.js';

const SAMPLE = 'name: x\nruns:\n  using: node24\n  main: a.js\n';

describe('loadActionManifests', () => {
  let root = '';
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'checks-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function write(file: string, content: string): void {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }

  it('reads the actions and fixtures found, each folder relative to the root', () => {
    write('actions/b/action.yml', SAMPLE);
    write('actions/a/action.yaml', SAMPLE);
    write('actions/not-an-action/README.md', '# nothing');
    write('packages/harness/__fixtures__/sample-action/action.yml', SAMPLE);
    expect(loadActionManifests(root).map((manifest) => manifest.dir)).toEqual([
      'actions/a',
      'actions/b',
      'packages/harness/__fixtures__/sample-action',
    ]);
  });

  it('names the file when the YAML is broken', () => {
    write('actions/bad/action.yml', 'name: [unclosed');
    expect(() => loadActionManifests(root)).toThrow(CheckError);
    expect(() => loadActionManifests(root)).toThrow(/^actions\/bad\/action\.yml: not valid YAML/);
  });
});
