// Reads `pip-licenses --format=json`: a list of {Name, Version, License, ...}, where License joins the package's
// license classifiers with "; " (or is its License-Expression, or "UNKNOWN").
import { isObject, listOfObjects, objectAt, text } from '@actions-kit/reports';
import type { DeclaredLicense, Inventory, LicenseReader } from './inventory.js';

function isPipLicensesRow(row: unknown): boolean {
  return isObject(row) && typeof row['Name'] === 'string' && 'License' in row;
}

function read(doc: unknown, context: { file: string }): Inventory {
  const rows = listOfObjects(doc, context.file, '', 'pip-licenses row');
  const packages = rows.map((element, i) => {
    const row = objectAt(element, context.file, `/${i}`, 'pip-licenses row');
    const version = text(row['Version'], 200);
    return {
      name: text(row['Name'], 300) ?? '(no name)',
      ...(version && { version }),
      licenses: licensesOf(row['License']),
      pointer: `/${i}`,
    };
  });
  return { format: 'pip-licenses JSON', packages, notes: [] };
}

function licensesOf(value: unknown): DeclaredLicense[] {
  const written = text(value, 1000) ?? '';
  return written
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '' && part.toUpperCase() !== 'UNKNOWN')
    .map((part) => ({ kind: 'name', value: part }));
}

export const pipLicensesReader: LicenseReader = {
  name: 'piplicenses',
  format: 'pip-licenses JSON',
  detect: (doc) => Array.isArray(doc) && isPipLicensesRow(doc[0]),
  read,
};
