import { describe, expect, it } from '@jest/globals';
import { findUsesProblems, type DocsRepository } from '../src/docs-examples.js';

const repository: DocsRepository = {
  actions: new Set(['security-scan', 'blue-green-switch']),
  exists: (relative) => ['packages/harness/__fixtures__/sample-action', '.github/workflows/ci.yml'].includes(relative),
};
const problems = (markdown: string): string[] => findUsesProblems('README.md', markdown, repository);

describe('findUsesProblems', () => {
  it('accepts this project’s actions under actions/, local paths, reusable workflows and SHA-pinned actions', () => {
    expect(
      problems(
        [
          '```yaml',
          '- uses: actions/checkout@34e114876b0b11c390a56381ad16ebd13914f8d5 # v4.3.1',
          '- uses: your-org/actions-kit/actions/security-scan@v1',
          "  uses: 'your-org/actions-kit/actions/blue-green-switch@0123456789abcdef0123456789abcdef01234567'",
          '- uses: ./packages/harness/__fixtures__/sample-action',
          '  uses: your-org/actions-kit/.github/workflows/ci.yml@v1',
          '- uses: docker://alpine:3.20',
          '```',
          '| x | `uses: your-org/actions-kit/actions/security-scan@v1` |',
        ].join('\n'),
      ),
    ).toEqual([]);
  });

  it('names the line and the form GitHub needs when an action of ours is written without actions/', () => {
    expect(problems('intro\n- uses: org/actions/security-scan@v1')).toEqual([
      "README.md:2: uses org/actions/security-scan@v1: GitHub reads this as the action in folder 'security-scan' of " +
        "repository org/actions; this project's actions live under actions/: write <owner>/actions-kit/actions/security-scan@<ref>",
    ]);
  });

  it('refuses an action of this repository that does not exist, listing the ones that do', () => {
    expect(problems('`uses: your-org/actions-kit/actions/health-check@v1`')).toEqual([
      'README.md:1: uses your-org/actions-kit/actions/health-check@v1: not an action of this repository; write ' +
        '<owner>/actions-kit/actions/<name>@<ref> with one of: blue-green-switch, security-scan',
    ]);
  });

  it('refuses a third-party action pinned by a tag, a missing local path and a missing reusable workflow', () => {
    expect(
      problems(
        [
          '- uses: actions/checkout@v4',
          '- uses: ./actions/nothing-here',
          '- uses: your-org/actions-kit/.github/workflows/deploy.yml@v1',
          '- uses: actions/checkout',
        ].join('\n'),
      ),
    ).toEqual([
      'README.md:1: uses actions/checkout@v4: a third-party action must be pinned by its full commit SHA, with the ' +
        'version in a comment (# v4.3.1)',
      'README.md:2: uses ./actions/nothing-here: no such folder or file in this repository',
      'README.md:3: uses your-org/actions-kit/.github/workflows/deploy.yml@v1: no reusable workflow ' +
        '.github/workflows/deploy.yml in this repository',
      'README.md:4: uses actions/checkout: no @<ref>; GitHub needs one (a tag such as v1, or a commit SHA)',
    ]);
  });
});
