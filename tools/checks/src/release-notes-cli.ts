// CLI: `tsx tools/checks/src/release-notes-cli.ts v1.2.3` prints the notes of 1.2.3 from CHANGELOG.md, or says why
// there are none (exit 1). The release workflow writes them to a file and publishes them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './action-manifests.js';
import { CheckError } from './check-error.js';
import { runCheck } from './check-cli.js';
import { parseReleaseTag, releaseNotes } from './release-notes.js';

await runCheck('release-notes', () => {
  const tag = process.argv[2];
  if (tag === undefined) throw new CheckError('usage: release-notes-cli.ts <tag>, e.g. v1.2.0');
  const { version } = parseReleaseTag(tag);
  const changelog = readFileSync(path.join(repoRoot(), 'CHANGELOG.md'), 'utf8');
  return { ok: true, report: releaseNotes(changelog, version).trimEnd() };
});
