// Reading action.yml: what the harness needs from it, and clear refusals of what it cannot run.
import { describe, expect, it } from '@jest/globals';
import { parseActionManifest } from '../src/action-manifest.js';

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
