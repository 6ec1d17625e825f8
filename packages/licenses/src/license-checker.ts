// Reads npm `license-checker --json`: an object keyed by "name@version", each with `licenses` (a string or a list;
// a trailing "*" marks a license guessed from the license file's text).
import { isObject, objectAt, text } from '@actions-kit/reports';
import type { DeclaredLicense, Inventory, LicenseReader, LicensedPackage } from './inventory.js';

/** "name@version", the name possibly scoped ("@scope/name@1.0.0"). */
const PACKAGE_KEY = /^(.+)@([^@]*)$/;

function detect(doc: unknown): boolean {
  if (!isObject(doc) || Array.isArray(doc)) return false;
  const first = Object.entries(doc)[0];
  return first !== undefined && PACKAGE_KEY.test(first[0]) && isObject(first[1]) && 'licenses' in first[1];
}

function read(doc: unknown, context: { file: string }): Inventory {
  const packages: LicensedPackage[] = Object.entries(doc as Record<string, unknown>).map(([key, value]) => {
    const pointer = `/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    const entry = objectAt(value, context.file, pointer, 'license-checker package');
    const [, name = key, version = ''] = PACKAGE_KEY.exec(key) ?? [];
    return { name, ...(version && { version }), licenses: licensesOf(entry['licenses']), pointer };
  });
  return { format: 'license-checker JSON', packages, notes: [] };
}

function licensesOf(value: unknown): DeclaredLicense[] {
  const written = Array.isArray(value) ? value : [value];
  return written.flatMap((item): DeclaredLicense[] => {
    const license = text(item, 1000)?.trim();
    if (!license || license === 'UNKNOWN') return [];
    // A guess is still the license the package most likely has: it is checked, and named as a guess.
    if (license.endsWith('*')) return [{ kind: 'name', value: license.slice(0, -1).trim() }];
    return [{ kind: 'expression', value: license }];
  });
}

export const licenseCheckerReader: LicenseReader = {
  name: 'licensechecker',
  format: 'license-checker JSON',
  detect,
  read,
};
