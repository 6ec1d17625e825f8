// Reads pip-audit JSON: the `{"dependencies": [...], "fixes": [...]}` of 2.0 and later and the bare list before it.
// pip-audit rates nothing (its records are info, tagged not rated), and a dependency it could not audit
// (`skip_reason`) is said in a note: the audit is incomplete, which is never reported as clean.
import { Interner, isObject, list, listOfObjects, objectAt, text } from '@actions-kit/reports';
import type { FindingReadContext, FindingReader, ReadResult } from './finding-reader.js';
import type { FindingRecord } from './model.js';
import { fixFor, packageVulnerability } from './package-vulnerability.js';

function isDependency(value: unknown): boolean {
  return (
    isObject(value) &&
    typeof value['name'] === 'string' &&
    (Array.isArray(value['vulns']) || typeof value['skip_reason'] === 'string')
  );
}

function detect(doc: unknown): boolean {
  if (Array.isArray(doc)) return isDependency(doc[0]);
  if (!isObject(doc) || !Array.isArray(doc['dependencies'])) return false;
  const first: unknown = doc['dependencies'][0];
  return first === undefined ? Array.isArray(doc['fixes']) : isDependency(first);
}

function read(doc: unknown, context: FindingReadContext): ReadResult {
  const modern = isObject(doc);
  const listPointer = modern ? '/dependencies' : '';
  const dependencies = listOfObjects(
    modern ? doc['dependencies'] : doc,
    context.file,
    modern ? '/dependencies' : 'the document',
    'pip-audit dependency',
  );
  const shared = new Interner();
  const records: FindingRecord[] = [];
  const skipped: string[] = [];
  dependencies.forEach((element, d) => {
    const pointer = `${listPointer}/${d}`;
    const dependency = objectAt(element, context.file, pointer, 'pip-audit dependency');
    const name = text(dependency['name'], 300) ?? 'unknown package';
    const skipReason = text(dependency['skip_reason'], 500);
    if (skipReason !== undefined) {
      skipped.push(`${name} (${skipReason})`);
      return;
    }
    const version = text(dependency['version'], 200) ?? '';
    listOfObjects(dependency['vulns'], context.file, `${pointer}/vulns`, 'pip-audit vulnerability record').forEach(
      (v, i) => {
        const vulnPointer = `${pointer}/vulns/${i}`;
        const vuln = objectAt(v, context.file, vulnPointer, 'pip-audit vulnerability record');
        const id = text(vuln['id'], 200) ?? 'unknown';
        records.push(
          packageVulnerability(
            {
              tool: 'pip-audit',
              id,
              aliases: list(vuln['aliases']).filter((a): a is string => typeof a === 'string'),
              package: name,
              version,
              fixedVersion: fixFor(version, list(vuln['fix_versions'])),
              severity: undefined,
              description: text(vuln['description']),
              helpUri: advisoryLink(id),
              pointer: vulnPointer,
            },
            context,
            shared,
          ),
        );
      },
    );
  });
  return {
    tools: ['pip-audit'],
    format: `pip-audit JSON (${modern ? '2.0 or later' : 'before 2.0'})`,
    records,
    suppressed: [],
    notes: skippedNote(skipped),
  };
}

/** Dependencies pip-audit could not audit: the report does not cover them, whatever else it says. */
function skippedNote(skipped: readonly string[]): string[] {
  if (skipped.length === 0) return [];
  const shown = skipped.slice(0, 5).join('; ');
  const more = skipped.length > 5 ? ` and ${skipped.length - 5} more` : '';
  const count = skipped.length === 1 ? '1 dependency was' : `${skipped.length} dependencies were`;
  return [`pip-audit: ${count} not audited, so not known to be free of vulnerabilities: ${shown}${more}`];
}

/** Where an id's advisory is read: OSV has every PYSEC and GHSA record pip-audit reports. */
function advisoryLink(id: string): string | undefined {
  return /^(PYSEC|GHSA|CVE)-[\w-]+$/i.test(id) ? `https://osv.dev/vulnerability/${id}` : undefined;
}

export const pipAuditReader: FindingReader = {
  name: 'pip-audit',
  format: 'pip-audit JSON',
  detect,
  read,
};
