import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { findActionFiles, loadActionManifests, parseActionManifest } from '../src/action-manifests.js';
import { CheckError } from '../src/check-error.js';

const SAMPLE = `
name: Sample
description: Greets someone.
inputs:
  name:
    description: Who to greet.
    required: true
  greeting:
    description: |
      What to say.
    required: false
    default: Hello
  retries:
    description: How often.
    default: 3
outputs:
  message:
    description: The greeting.
runs:
  using: node24
  main: dist/index.js
  post: dist/post.js
`;

describe('parseActionManifest', () => {
  it('reads inputs, outputs and runs in declaration order', () => {
    const manifest = parseActionManifest(SAMPLE, 'actions/sample/action.yml');
    expect(manifest.dir).toBe('actions/sample');
    expect(manifest.inputs).toEqual([
      { name: 'name', description: 'Who to greet.', required: true, default: undefined },
      { name: 'greeting', description: 'What to say.\n', required: false, default: 'Hello' },
      { name: 'retries', description: 'How often.', required: false, default: '3' },
    ]);
    expect(manifest.outputs).toEqual([{ name: 'message', description: 'The greeting.' }]);
    expect(manifest.runs).toEqual({ using: 'node24', main: 'dist/index.js', pre: undefined, post: 'dist/post.js' });
  });

  it('accepts an action without inputs or outputs', () => {
    const manifest = parseActionManifest('name: x\nruns:\n  using: node24\n  main: a.js\n', 'a/x/action.yml');
    expect(manifest.inputs).toEqual([]);
    expect(manifest.outputs).toEqual([]);
  });

  it('names the file when the YAML is broken', () => {
    expect(() => parseActionManifest('name: [unclosed', 'actions/bad/action.yml')).toThrow(CheckError);
    expect(() => parseActionManifest('name: [unclosed', 'actions/bad/action.yml')).toThrow(
      /^actions\/bad\/action\.yml: not valid YAML/,
    );
  });

  it('rejects inputs that are not a mapping', () => {
    expect(() => parseActionManifest('inputs: [a, b]\n', 'actions/x/action.yml')).toThrow(
      "actions/x/action.yml: 'inputs' must be a mapping of name → settings",
    );
  });
});

describe('findActionFiles', () => {
  let root = '';
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function write(file: string, content: string): void {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }

  it('finds nothing, without failing, when neither actions/ nor the fixtures exist', () => {
    root = mkdtempSync(path.join(tmpdir(), 'checks-'));
    expect(findActionFiles(root)).toEqual([]);
  });

  it('finds actions and fixtures, action.yml or action.yaml, and skips folders without metadata', () => {
    root = mkdtempSync(path.join(tmpdir(), 'checks-'));
    write('actions/b/action.yml', SAMPLE);
    write('actions/a/action.yaml', SAMPLE);
    write('actions/not-an-action/README.md', '# nothing');
    write('packages/harness/__fixtures__/sample-action/action.yml', SAMPLE);
    expect(findActionFiles(root)).toEqual([
      'actions/a/action.yaml',
      'actions/b/action.yml',
      'packages/harness/__fixtures__/sample-action/action.yml',
    ]);
    expect(loadActionManifests(root).map((manifest) => manifest.dir)).toEqual([
      'actions/a',
      'actions/b',
      'packages/harness/__fixtures__/sample-action',
    ]);
  });
});
