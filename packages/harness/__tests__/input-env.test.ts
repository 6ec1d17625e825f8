// The INPUT_* variables the harness sets, named and defaulted as the runner does.
import { describe, expect, it } from '@jest/globals';
import { parseActionManifest } from '../src/action-manifest.js';
import { HARNESS_GITHUB_TOKEN, inputEnvName, inputEnvironment } from '../src/input-env.js';

const manifest = parseActionManifest(
  `
name: t
inputs:
  name: { description: Who., required: true }
  greeting: { description: Word., default: Hello }
  fail-with: { description: Mode., default: none }
  retry count: { description: Count., default: 3 }
  token: { description: Token., default: '\${{ github.token }}' }
  actor: { description: Who runs., default: '\${{ github.actor }}' }
runs: { using: node24, main: dist/index.js }
`,
  'fixture/action.yml',
);

describe('inputEnvName', () => {
  it.each([
    ['name', 'INPUT_NAME'],
    ['fail-with', 'INPUT_FAIL-WITH'],
    ['retry count', 'INPUT_RETRY_COUNT'],
    ['a.b', 'INPUT_A.B'],
  ])('%s → %s', (name, variable) => {
    expect(inputEnvName(name)).toBe(variable);
  });
});

describe('inputEnvironment', () => {
  it('sets every declared input: given values, else defaults (numbers as text), else empty', () => {
    expect(inputEnvironment(manifest, { name: 'world', token: 't', actor: 'a' })).toEqual({
      INPUT_NAME: 'world',
      INPUT_GREETING: 'Hello',
      'INPUT_FAIL-WITH': 'none',
      INPUT_RETRY_COUNT: '3',
      INPUT_TOKEN: 't',
      INPUT_ACTOR: 'a',
    });
  });

  it('matches input names case-insensitively, as the runner does', () => {
    expect(inputEnvironment(manifest, { NAME: 'x', actor: 'a' }).INPUT_NAME).toBe('x');
  });

  it('refuses an undeclared input, naming it and listing the declared ones', () => {
    expect(() => inputEnvironment(manifest, { colour: 'red', token: 't' })).toThrow(
      "fixture/action.yml declares no input 'colour'; declared inputs: name, greeting, fail-with, retry count, token, actor",
    );
  });

  it("gives a ${{ github.token }} default the run's token, as the runner always has one", () => {
    expect(inputEnvironment(manifest, { name: 'n', actor: 'a' }).INPUT_TOKEN).toBe(HARNESS_GITHUB_TOKEN);
    expect(inputEnvironment(manifest, { name: 'n', actor: 'a' }, 'ghs_given').INPUT_TOKEN).toBe('ghs_given');
    expect(inputEnvironment(manifest, { name: 'n', actor: 'a', token: 'mine' }, 'ghs_given').INPUT_TOKEN).toBe('mine');
  });

  it('refuses to fall back to any other default it cannot evaluate', () => {
    expect(() => inputEnvironment(manifest, { token: 't' })).toThrow(
      "input 'actor' defaults to the expression '${{ github.actor }}', which the harness does not evaluate",
    );
  });
});
