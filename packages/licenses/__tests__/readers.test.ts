// The inventory readers on files the real tools wrote (see fixtures/README.md), and an inventory checked end to end.
import { describe, expect, it } from '@jest/globals';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyse } from '@actions-kit/findings';
import { InputError } from '@actions-kit/reports';
import { checkInventory } from '../src/index.js';
import { parsePolicyList, type LicensePolicy } from '../src/policy.js';
import { readInventory, readInventoryBytes } from '../src/read-inventory.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const read = (name: string) => readInventory(join(FIXTURES, name), name).inventory;
const licenses = (name: string) =>
  Object.fromEntries(read(name).packages.map((p) => [`${p.name}@${p.version}`, p.licenses.map((l) => l.value)]));

describe('pip-licenses JSON', () => {
  it('reads each row, one entry per classifier, UNKNOWN as no license', () => {
    const inventory = read('pip-licenses-5.0.0.json');
    expect(inventory.format).toBe('pip-licenses JSON');
    expect(licenses('pip-licenses-5.0.0.json')).toEqual({
      'certifi@2026.10.19.post1': ['Mozilla Public License 2.0 (MPL 2.0)'],
      'charset-normalizer@3.5.3': ['MIT'],
      'idna@3.20': [],
      'python-dateutil@2.9.0.post0': ['Apache Software License', 'BSD License'],
      'requests@2.32.3': ['Apache Software License'],
      'six@1.17.0': ['MIT License'],
      'urllib3@2.8.0': [],
    });
    expect(inventory.packages[3]!.pointer).toBe('/3');
  });

  it('takes the metadata of --from=all when it is a short line, else the classifiers', () => {
    expect(read('pip-licenses-5.0.0-from-all.json').format).toBe('pip-licenses JSON (--from=all)');
    expect(licenses('pip-licenses-5.0.0-from-all.json')).toMatchObject({
      'certifi@2026.10.19.post1': ['MPL-2.0'],
      'requests@2.32.3': ['Apache-2.0'],
      'python-dateutil@2.9.0.post0': ['Dual License'],
      'idna@3.20': [],
    });
  });
});

describe('license-checker JSON', () => {
  it('splits name@version keys (scoped names too), reads expressions and guesses', () => {
    const inventory = read('license-checker-25.0.1.json');
    expect(inventory.format).toBe('license-checker JSON');
    expect(inventory.packages).toHaveLength(17);
    const byName = licenses('license-checker-25.0.1.json');
    expect(byName['jszip@3.10.1']).toEqual(['(MIT OR GPL-3.0-or-later)']);
    expect(byName['pako@1.0.11']).toEqual(['(MIT AND Zlib)']);
    expect(byName['vendored-helper@0.3.0']).toEqual(['MIT']);
    expect(byName['license-sample@1.0.0']).toEqual(['UNLICENSED']);
  });
});

describe('CycloneDX JSON from cyclonedx-npm', () => {
  it('reads the same project as license-checker, without the project itself and without guesses', () => {
    const inventory = read('cyclonedx-npm-6.0.1.json');
    expect(inventory.format).toBe('CycloneDX 1.6 JSON');
    expect(inventory.notes).toEqual([]);
    const sbom = licenses('cyclonedx-npm-6.0.1.json');
    const checker = licenses('license-checker-25.0.1.json');
    expect(Object.keys(sbom).sort()).toEqual(
      Object.keys(checker)
        .filter((key) => key !== 'license-sample@1.0.0')
        .sort(),
    );
    expect(sbom['jszip@3.10.1']).toEqual(['(MIT OR GPL-3.0-or-later)']);
    expect(sbom['vendored-helper@0.3.0']).toEqual([]);
    expect(checker['vendored-helper@0.3.0']).toEqual(['MIT']);
  });
});

describe('CycloneDX JSON', () => {
  const bom = (components: unknown) =>
    readInventoryBytes(
      Buffer.from(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components })),
      'b.json',
    );

  it('reads nested components, each at its own pointer, and scoped npm names', () => {
    const inventory = bom([
      {
        type: 'framework',
        group: '@angular',
        name: 'core',
        version: '17.0.0',
        licenses: [{ license: { id: 'MIT' } }],
        components: [{ name: 'inner', licenses: [{ expression: 'MIT OR Apache-2.0' }] }],
      },
    ]);
    expect(inventory.packages.map((p) => [p.name, p.pointer, p.licenses])).toEqual([
      ['@angular/core', '/components/0', [{ kind: 'id', value: 'MIT' }]],
      ['inner', '/components/0/components/0', [{ kind: 'expression', value: 'MIT OR Apache-2.0' }]],
    ]);
  });

  it('refuses a damaged component list instead of reading it as no packages', () => {
    expect(() => bom({ name: 'x' })).toThrow(InputError);
    expect(() => bom([{ name: 'x', licenses: 'MIT' }])).toThrow(/^b\.json: /);
  });
});

describe('checkInventory', () => {
  const policy = (allow: string, deny: string): LicensePolicy => ({
    ...(allow && { allow: parsePolicyList('license-allow', allow) }),
    deny: parsePolicyList('license-deny', deny),
    severity: 'high',
    unknownSeverity: 'medium',
  });

  it('gives one finding per license a package cannot avoid and one per unknown license', () => {
    const file = checkInventory(
      join(FIXTURES, 'license-checker-25.0.1.json'),
      'licenses.json',
      policy('MIT, ISC, Zlib, CC0-1.0', ''),
    );
    expect(file.tools).toEqual(['license-policy']);
    expect(file.notes[0]).toBe('17 packages checked against the license policy.');
    expect(file.records.map((r) => [r.ruleId, r.severity, r.title])).toEqual([
      ['license/unknown', 'medium', 'license-sample@1.0.0: license not known: "UNLICENSED" (no SPDX id or known name)'],
      ['license/CC-BY-3.0', 'high', 'spdx-exceptions@2.5.0: CC-BY-3.0 is not in license-allow'],
    ]);
    const [, ccBy] = file.records;
    expect(ccBy).toMatchObject({
      category: 'license',
      location: { path: 'licenses.json' },
      package: { name: 'spdx-exceptions', version: '2.5.0' },
      source: { file: 'licenses.json', tool: 'license-policy', record: '/spdx-exceptions@2.5.0' },
      helpUri: 'https://spdx.org/licenses/CC-BY-3.0.html',
    });
  });

  it('passes a dual-licensed package under its allowed side and fails it when both sides are denied', () => {
    const path = join(FIXTURES, 'license-checker-25.0.1.json');
    const denyGpl = checkInventory(path, 'l.json', policy('', 'GPL-3.0-only'));
    expect(denyGpl.records.filter((r) => r.ruleId !== 'license/unknown')).toEqual([]);
    const denyBoth = checkInventory(path, 'l.json', policy('', 'GPL-3.0-or-later, MIT'));
    expect(denyBoth.records.filter((r) => r.package?.name === 'jszip').map((r) => r.title)).toEqual([
      'jszip@3.10.1: MIT is denied by license-deny',
    ]);
  });

  it('makes one finding of a package two inventories list, with both as its sources', () => {
    const files = ['cyclonedx-npm-6.0.1.json', 'license-checker-25.0.1.json'].map((name) =>
      checkInventory(join(FIXTURES, name), name, policy('MIT, ISC, Zlib, CC0-1.0', '')),
    );
    const { findings } = analyse(files, { policy: { failOn: 'high', scope: 'all' }, today: new Date(0) });
    expect(findings.map((f) => [f.ruleId, f.title, f.sources.map((s) => s.file)])).toEqual([
      [
        'license/CC-BY-3.0',
        'spdx-exceptions@2.5.0: CC-BY-3.0 is not in license-allow',
        ['cyclonedx-npm-6.0.1.json', 'license-checker-25.0.1.json'],
      ],
      ['license/unknown', 'vendored-helper@0.3.0: no license given', ['cyclonedx-npm-6.0.1.json']],
      [
        'license/unknown',
        'license-sample@1.0.0: license not known: "UNLICENSED" (no SPDX id or known name)',
        ['license-checker-25.0.1.json'],
      ],
    ]);
  });

  it('refuses a file that is no inventory, naming it and the formats', () => {
    const attempt = () => readInventory(join(FIXTURES, 'README.md'), 'README.md');
    expect(attempt).toThrow(InputError);
    expect(attempt).toThrow(/^README\.md: /);
  });
});
