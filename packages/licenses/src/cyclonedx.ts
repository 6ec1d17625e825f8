// Reads the license inventory of a CycloneDX JSON SBOM (Trivy --format cyclonedx, Syft, cdxgen, the CycloneDX
// build plugins): every component, nested ones included, with its `licenses[]` entries (`license.id`,
// `license.name` or `expression`); a concluded license, when given, replaces the declared ones.
import { countOf } from '@actions-kit/core';
import { isObject, listOfObjects, objectAt, text } from '@actions-kit/reports';
import type { DeclaredLicense, Inventory, LicenseReader, LicensedPackage } from './inventory.js';

type Json = Record<string, unknown>;

/** Component types that are packages: the others (the operating system, an application's manifest, a file) are not. */
const PACKAGE_TYPES = new Set(['library', 'framework']);

function detect(doc: unknown): boolean {
  return isObject(doc) && doc['bomFormat'] === 'CycloneDX';
}

function read(doc: unknown, context: { file: string }): Inventory {
  const bom = doc as Json;
  const packages: LicensedPackage[] = [];
  const skipped = new Map<string, number>();
  const visit = (list: unknown, pointer: string) => {
    listOfObjects(list, context.file, pointer, 'CycloneDX component').forEach((element, i) => {
      const at = `${pointer}/${i}`;
      const component = objectAt(element, context.file, at, 'CycloneDX component');
      const type = typeof component['type'] === 'string' ? component['type'] : 'library';
      const licenses = declaredLicenses(component['licenses'], context.file, `${at}/licenses`);
      // A component of another type is checked when it declares a license: it then says it is licensed.
      if (PACKAGE_TYPES.has(type) || licenses.length > 0) packages.push(packageOf(component, licenses, at));
      else skipped.set(type, (skipped.get(type) ?? 0) + 1);
      if (component['components'] !== undefined) visit(component['components'], `${at}/components`);
    });
  };
  if (bom['components'] !== undefined) visit(bom['components'], '/components');
  const notes = [...skipped].map(
    ([type, count]) => `${countOf(count, `${type} component`)} without a license not checked (not a package).`,
  );
  const version = typeof bom['specVersion'] === 'string' ? ` ${bom['specVersion']}` : '';
  return { format: `CycloneDX${version} JSON`, packages, notes };
}

function packageOf(component: Json, licenses: DeclaredLicense[], pointer: string): LicensedPackage {
  const name = text(component['name'], 300) ?? '(no name)';
  const group = text(component['group'], 300);
  // Maven groups read group:name; npm scopes (@scope) read @scope/name.
  const fullName = group ? `${group}${group.startsWith('@') ? '/' : ':'}${name}` : name;
  const version = text(component['version'], 200);
  const purl = text(component['purl'], 1000);
  return { name: fullName, ...(version && { version }), ...(purl && { purl }), licenses, pointer };
}

/** A component's license entries; the concluded ones alone when any entry says it is concluded. */
function declaredLicenses(list: unknown, file: string, pointer: string): DeclaredLicense[] {
  if (list === undefined) return [];
  const entries = listOfObjects(list, file, pointer, 'CycloneDX license entry').map((element, i) => {
    const entry = objectAt(element, file, `${pointer}/${i}`, 'CycloneDX license entry');
    const license = isObject(entry['license']) ? entry['license'] : undefined;
    const acknowledgement = (license ?? entry)['acknowledgement'];
    return { declared: licenseOf(entry, license), concluded: acknowledgement === 'concluded' };
  });
  const chosen = entries.some((e) => e.concluded) ? entries.filter((e) => e.concluded) : entries;
  return chosen.flatMap((e) => (e.declared ? [e.declared] : []));
}

function licenseOf(entry: Json, license: Json | undefined): DeclaredLicense | undefined {
  const expression = text(entry['expression'], 1000);
  if (expression) return { kind: 'expression', value: expression };
  const id = text(license?.['id'], 200);
  if (id) return { kind: 'id', value: id };
  const name = text(license?.['name'], 500);
  return name ? { kind: 'name', value: name } : undefined;
}

export const cyclonedxReader: LicenseReader = {
  name: 'cyclonedx',
  format: 'CycloneDX JSON',
  detect,
  read,
};
