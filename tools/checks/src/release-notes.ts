// The release notes of one version, taken from CHANGELOG.md (Keep a Changelog layout: `## [1.2.3] - 2026-12-03`
// headings, newest first). The release workflow publishes them; a tag whose version has no section is refused, so a
// release never goes out with empty or wrong notes.
import { CheckError } from './check-error.js';

/** A release tag as the release workflow accepts it: v, then MAJOR.MINOR.PATCH, nothing else. */
const RELEASE_TAG = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

export interface ReleaseVersion {
  /** '1.2.3' */
  version: string;
  /** 'v1': the tag users pin to, moved to each release of that major version. */
  majorTag: string;
}

export function parseReleaseTag(tag: string): ReleaseVersion {
  const match = RELEASE_TAG.exec(tag);
  if (!match) {
    throw new CheckError(
      `'${tag}' is not a release tag: release tags are vMAJOR.MINOR.PATCH, e.g. v1.4.0 (no pre-release or build suffix)`,
    );
  }
  return { version: `${match[1]}.${match[2]}.${match[3]}`, majorTag: `v${match[1]}` };
}

/** The body of the `## [version]` section of a changelog, without its heading; refused when missing or empty. */
export function releaseNotes(changelog: string, version: string, file = 'CHANGELOG.md'): string {
  const lines = changelog.split(/\r?\n/);
  const heading = new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\](\\s|$)`);
  const start = lines.findIndex((line) => heading.test(line));
  if (start === -1) {
    throw new CheckError(
      `${file} has no section for ${version}: move the entries under '## [Unreleased]' to a new ` +
        `'## [${version}] - YYYY-MM-DD' heading, commit, and tag that commit`,
    );
  }
  const next = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  const body = lines
    .slice(start + 1, next === -1 ? undefined : next)
    .join('\n')
    .trim();
  if (body === '') {
    throw new CheckError(`${file}: the section for ${version} is empty: say what changed in it before releasing`);
  }
  return `${body}\n`;
}
