// Reads `pip-licenses --format=json`: a list of {Name, Version, License, ...}, where License joins the package's
// license classifiers with "; " (else it is the metadata's License field, or "UNKNOWN"). With `--from=all` a row has
// License-Metadata and License-Classifier instead: the metadata is taken when it is a short line (an id such as
// "Apache-2.0", where the classifier says only "Apache Software License"), else the classifiers.
import { isObject, listOfObjects, objectAt, text } from '@actions-kit/reports';
import type { DeclaredLicense, Inventory, LicenseReader } from './inventory.js';

type Json = Record<string, unknown>;

/** Longer metadata is a license's text pasted into the License field, not a name. */
const SHORT_METADATA = 100;

function isPipLicensesRow(row: unknown): boolean {
  return isObject(row) && typeof row['Name'] === 'string' && ('License' in row || 'License-Classifier' in row);
}

function read(doc: unknown, context: { file: string }): Inventory {
  const rows = listOfObjects(doc, context.file, '', 'pip-licenses row');
  const packages = rows.map((element, i) => {
    const row = objectAt(element, context.file, `/${i}`, 'pip-licenses row');
    const version = text(row['Version'], 200);
    return {
      name: text(row['Name'], 300) ?? '(no name)',
      ...(version && { version }),
      licenses: licensesOf(row),
      pointer: `/${i}`,
    };
  });
  const from = isObject(rows[0]) && 'License-Classifier' in rows[0] ? ' (--from=all)' : '';
  return { format: `pip-licenses JSON${from}`, packages, notes: [] };
}

function licensesOf(row: Json): DeclaredLicense[] {
  if ('License' in row) return split(row['License']);
  const metadata = text(row['License-Metadata'], 1000)?.trim() ?? '';
  if (metadata !== 'UNKNOWN' && metadata !== '' && metadata.length <= SHORT_METADATA && !metadata.includes('\n')) {
    return [{ kind: 'name', value: metadata }];
  }
  return split(row['License-Classifier']);
}

/** "Apache Software License; BSD License" → one entry per classifier; "UNKNOWN" → none. */
function split(value: unknown): DeclaredLicense[] {
  return (text(value, 1000) ?? '')
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '' && part !== 'UNKNOWN')
    .map((part) => ({ kind: 'name', value: part }));
}

export const pipLicensesReader: LicenseReader = {
  name: 'piplicenses',
  format: 'pip-licenses JSON',
  detect: (doc) => Array.isArray(doc) && isPipLicensesRow(doc[0]),
  read,
};
