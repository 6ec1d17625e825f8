import { describe, expect, it } from '@jest/globals';
import { parseActionMetadata } from '@actions-kit/harness';
import { findRuntimeProblems, summariseRuntimes } from '../src/runtime-rules.js';

function action(dir: string, runs: string) {
  return parseActionMetadata(`name: ${dir}\nruns:\n${runs}`, `${dir}/action.yml`);
}

const built = new Set(['actions/a/dist/index.js', 'actions/b/dist/index.js', 'actions/b/dist/post.js']);
const exists = (file: string) => built.has(file);

describe('findRuntimeProblems', () => {
  it('passes when every action runs on node24 and its entry files exist', () => {
    const manifests = [
      action('actions/a', '  using: node24\n  main: dist/index.js\n'),
      action('actions/b', '  using: node24\n  main: dist/index.js\n  post: dist/post.js\n'),
    ];
    expect(findRuntimeProblems(manifests, exists)).toEqual([]);
    expect(summariseRuntimes(manifests)).toBe("'node24' ×2");
  });

  it('lists each action whose runtime differs, with the value it declares', () => {
    const manifests = [
      action('actions/a', '  using: node24\n  main: dist/index.js\n'),
      action('actions/b', '  using: node20\n  main: dist/index.js\n'),
      action('actions/c', '  using: composite\n  steps: []\n'),
    ];
    expect(findRuntimeProblems(manifests, exists)).toEqual([
      "actions/b/action.yml: runs.using is 'node20'; expected 'node24'",
      "actions/c/action.yml: runs.using is 'composite'; expected 'node24'",
      'actions/c/action.yml: runs.main is missing',
    ]);
    expect(summariseRuntimes(manifests)).toBe("'node24' ×1, 'node20' ×1, 'composite' ×1");
  });

  it('reports entry files that do not exist, relative to the action folder', () => {
    const manifests = [action('actions/a', '  using: node24\n  main: dist/main.js\n  post: dist/post.js\n')];
    expect(findRuntimeProblems(manifests, exists)).toEqual([
      "actions/a/action.yml: runs.main 'dist/main.js' does not exist (actions/a/dist/main.js)",
      "actions/a/action.yml: runs.post 'dist/post.js' does not exist (actions/a/dist/post.js)",
    ]);
  });

  it('reports a missing runs block and a non-string entry', () => {
    expect(findRuntimeProblems([action('actions/a', '  main: 3\n')], exists)).toEqual([
      "actions/a/action.yml: runs.using is missing; expected 'node24'",
      "actions/a/action.yml: runs.main is 3; expected a path such as 'dist/index.js'",
    ]);
  });
});
