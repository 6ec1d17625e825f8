import { describe, expect, it } from '@jest/globals';
import { CheckError } from '../src/check-error.js';
import { parseReleaseTag, releaseNotes } from '../src/release-notes.js';

const CHANGELOG = `# Changelog

## [Unreleased]

- Something not released yet.

## [1.10.0] - 2026-12-01

### Added
- quality-gate.

## [1.1.0] - 2026-11-01

- Older.
`;

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CheckError);
    return (error as Error).message;
  }
  throw new Error('expected a CheckError');
}

describe('parseReleaseTag', () => {
  it('gives the version and the major tag users pin to', () => {
    expect(parseReleaseTag('v1.10.0')).toEqual({ version: '1.10.0', majorTag: 'v1' });
    expect(parseReleaseTag('v0.3.12')).toEqual({ version: '0.3.12', majorTag: 'v0' });
  });

  it.each(['1.2.3', 'v1.2', 'v1.2.3-rc.1', 'v01.2.3', 'v1.2.3+build', 'v1', 'main'])('refuses %s', (tag) => {
    expect(refusal(() => parseReleaseTag(tag))).toContain(`'${tag}' is not a release tag`);
  });
});

describe('releaseNotes', () => {
  it('takes the body of the version section, up to the next heading', () => {
    expect(releaseNotes(CHANGELOG, '1.10.0')).toBe('### Added\n- quality-gate.\n');
    expect(releaseNotes(CHANGELOG, '1.1.0')).toBe('- Older.\n');
  });

  it('does not take 1.1.0 for 1.10.0 or the other way round', () => {
    expect(releaseNotes(CHANGELOG, '1.1.0')).not.toContain('quality-gate');
  });

  it('refuses a version without a section, saying how to add one', () => {
    expect(refusal(() => releaseNotes(CHANGELOG, '2.0.0'))).toBe(
      "CHANGELOG.md has no section for 2.0.0: move the entries under '## [Unreleased]' to a new " +
        "'## [2.0.0] - YYYY-MM-DD' heading, commit, and tag that commit",
    );
  });

  it('refuses an empty section', () => {
    expect(refusal(() => releaseNotes('## [1.0.0] - 2026-01-01\n\n## [0.9.0]\n- x\n', '1.0.0'))).toContain(
      'the section for 1.0.0 is empty',
    );
  });
});
