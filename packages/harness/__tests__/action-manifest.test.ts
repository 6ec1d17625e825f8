// Reading action.yml: what it declares, what the harness needs to run it, and clear refusals of what it cannot run.
import { describe, expect, it } from '@jest/globals';
import { ActionManifestError, parseActionManifest, parseActionMetadata } from '../src/action-manifest.js';

const runs = (body: string): string => `name: t\nruns:\n${body}\n`;

describe('parseActionManifest', () => {
  it('reads inputs, outputs and the node entry points', () => {
    const manifest = parseActionManifest(
      `
name: Sample
inputs:
  name: { description: Who., required: true }
  wait: { description: How long., default: 0s }
outputs:
  message: { description: The greeting. }
runs: { using: node24, main: dist/index.js, post: dist/index.js, post-if: always() }
`,
      'a/action.yml',
    );
    expect(manifest).toEqual({
      file: 'a/action.yml',
      name: 'Sample',
      inputs: [
        { name: 'name', description: 'Who.', required: true, default: undefined },
        { name: 'wait', description: 'How long.', required: false, default: '0s' },
      ],
      outputs: [{ name: 'message', description: 'The greeting.' }],
      runs: { using: 'node24', main: 'dist/index.js', post: 'dist/index.js', postIf: 'always()' },
    });
  });

  it.each([
    [
      runs('  using: node16\n  main: i.js'),
      'a/action.yml: runs.using is "node16"; the harness runs node actions: node20 or node24',
    ],
    [runs('  using: composite'), 'a/action.yml: runs.using is "composite"'],
    [runs('  using: node20'), "a/action.yml: runs.main is missing; expected a path such as 'dist/index.js'"],
    [runs('  using: node20\n  main: i.js\n  pre: p.js'), 'a/action.yml: runs.pre is set'],
    ['name: [unclosed', 'a/action.yml: not valid YAML'],
    ['- a list', 'a/action.yml: expected a mapping at the top level'],
  ])('refuses what it cannot run (%#)', (text, message) => {
    expect(() => parseActionManifest(text, 'a/action.yml')).toThrow(message);
  });
});

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

describe('parseActionMetadata', () => {
  it('reads inputs, outputs and runs in declaration order', () => {
    const manifest = parseActionMetadata(SAMPLE, 'actions/sample/action.yml');
    expect(manifest.dir).toBe('actions/sample');
    expect(manifest.description).toBe('Greets someone.');
    expect(manifest.inputs).toEqual([
      { name: 'name', description: 'Who to greet.', required: true, default: undefined },
      { name: 'greeting', description: 'What to say.\n', required: false, default: 'Hello' },
      { name: 'retries', description: 'How often.', required: false, default: '3' },
    ]);
    expect(manifest.outputs).toEqual([{ name: 'message', description: 'The greeting.' }]);
    expect(manifest.runs).toEqual({ using: 'node24', main: 'dist/index.js', pre: undefined, post: 'dist/post.js' });
  });

  it('keeps runs as written, for the checks to judge', () => {
    const manifest = parseActionMetadata('runs:\n  using: composite\n  main: 3\n  pre: ~\n', 'a/x/action.yml');
    expect(manifest.runs).toEqual({ using: 'composite', main: 3, pre: null, post: undefined, postIf: undefined });
  });

  it('refuses a ${{ }} expression in a description, which the runner refuses to load, and allows it in a default', () => {
    const action = (inputs: string) =>
      `name: x\ndescription: d\ninputs:\n${inputs}runs:\n  using: node24\n  main: dist/index.js\n`;
    const token = '  github-token:\n    description: the token\n    default: ${{ github.token }}\n';
    expect(parseActionMetadata(action(token), 'actions/x/action.yml').inputs[0]!.default).toBe('${{ github.token }}');
    const described = '  github-token:\n    description: defaults to ${{ github.token }}\n';
    expect(() => parseActionMetadata(action(described), 'actions/x/action.yml')).toThrow(
      "actions/x/action.yml: the description of input 'github-token' contains '${{'",
    );
  });

  it('accepts an action without inputs or outputs', () => {
    const manifest = parseActionMetadata('name: x\nruns:\n  using: node24\n  main: a.js\n', 'a/x/action.yml');
    expect(manifest.inputs).toEqual([]);
    expect(manifest.outputs).toEqual([]);
  });

  it.each([
    ['inputs: [a, b]\n', "actions/x/action.yml: 'inputs' must be a mapping of name → settings"],
    ['name: [unclosed', 'actions/x/action.yml: not valid YAML: '],
    ['- a list', 'actions/x/action.yml: expected a mapping at the top level, got a list'],
    ['', 'actions/x/action.yml: expected a mapping at the top level, got nothing'],
  ])('refuses a file that is not action metadata, naming it (%#)', (text, message) => {
    expect(() => parseActionMetadata(text, 'actions/x/action.yml')).toThrow(ActionManifestError);
    expect(() => parseActionMetadata(text, 'actions/x/action.yml')).toThrow(message);
  });
});
