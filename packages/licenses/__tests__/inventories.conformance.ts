// Conformance with real SBOMs in ../shared/fixtures (CycloneDX's specification and bom-examples, Trivy's test data):
// the components, license entries and effective licenses their MANIFESTs list, and what the policy makes of them.
import { expect, it } from '@jest/globals';
import { join } from 'node:path';
import { checkInventory } from '../src/index.js';
import type { Inventory } from '../src/inventory.js';
import { parsePolicyList, type LicensePolicy } from '../src/policy.js';
import { readInventory } from '../src/read-inventory.js';
import { sharedFixtures } from '@actions-kit/testkit/shared-fixtures';

const { root: FIXTURES, suite } = sharedFixtures('licenses', '', 'cyclonedx-bom-examples-upstream/MANIFEST.md');

const DROPWIZARD = 'cyclonedx-bom-examples-upstream/cyclonedx/dropwizard-1.3.15-bom.json';
const CHOICE = 'cyclonedx-specification-upstream/cyclonedx/valid-license-choice-1.7.json';
const CONCLUDED = 'cyclonedx-specification-upstream/cyclonedx/valid-license-declared-concluded-mix-1.7.json';
const TRIVY_POM = 'trivy-upstream/cyclonedx/license-cyclonedx.json';
const FLUENTD = 'trivy-upstream/cyclonedx/fluentd-multiple-lockfiles.cdx.json.golden';

const read = (path: string): Inventory => readInventory(join(FIXTURES, path), path).inventory;

function entryKinds(inventory: Inventory): Record<string, number> {
  const kinds: Record<string, number> = {};
  for (const license of inventory.packages.flatMap((p) => p.licenses))
    kinds[license.kind] = (kinds[license.kind] ?? 0) + 1;
  return kinds;
}

const licensesOf = (inventory: Inventory, name: string) =>
  inventory.packages.find((p) => p.name === name)?.licenses.map((l) => `${l.kind}:${l.value}`);

const policy = (allow: string, deny: string): LicensePolicy => ({
  ...(allow && { allow: parsePolicyList('license-allow', allow) }),
  deny: parsePolicyList('license-deny', deny),
  severity: 'high',
  unknownSeverity: 'medium',
});

suite('CycloneDX bom-examples: dropwizard 1.3.15 (CycloneDX Maven plugin, CycloneDX 1.2)', () => {
  it('reads 167 components, 34 without a license, 165 entries (142 ids, 22 names, 1 expression)', () => {
    const inventory = read(DROPWIZARD);
    expect(inventory.format).toBe('CycloneDX 1.2 JSON');
    expect(inventory.packages).toHaveLength(167);
    expect(inventory.packages.filter((p) => p.licenses.length === 0)).toHaveLength(34);
    expect(inventory.packages.filter((p) => p.licenses.length > 1)).toHaveLength(30);
    expect(entryKinds(inventory)).toEqual({ id: 142, name: 22, expression: 1 });
    expect(new Set(inventory.packages.flatMap((p) => p.licenses.map((l) => l.value))).size).toBe(23);
  });

  it('keeps the spot values of the MANIFEST', () => {
    const inventory = read(DROPWIZARD);
    expect(licensesOf(inventory, 'org.glassfish.hk2:osgi-resource-locator')).toEqual([
      'expression:(CDDL-1.0 OR GPL-2.0-with-classpath-exception)',
    ]);
    expect(licensesOf(inventory, 'com.rabbitmq:amqp-client')).toEqual(['name:ASL 2.0', 'name:GPL v2', 'id:MPL-1.1']);
    expect(licensesOf(inventory, 'com.h2database:h2')).toEqual(['name:MPL 2.0 or EPL 1.0']);
    expect(licensesOf(inventory, 'ch.qos.logback:logback-classic')).toEqual([
      'id:EPL-1.0',
      'name:GNU Lesser General Public License',
    ]);
  });

  it('checks them: a deprecated id in an expression matches its current form, unknown names are their own rule', () => {
    const file = checkInventory(join(FIXTURES, DROPWIZARD), DROPWIZARD, policy('', 'GPL-2.0-only, CDDL-1.0'));
    const locator = file.records.filter((r) => r.package?.name === 'org.glassfish.hk2:osgi-resource-locator');
    expect(locator.map((r) => r.ruleId)).toEqual(['license/CDDL-1.0']);
    const amqp = file.records.filter((r) => r.package?.name === 'com.rabbitmq:amqp-client');
    // "ASL 2.0" is Apache-2.0; "GPL v2" leaves the version choice open, so it is unknown, not a GPL-2.0-only violation.
    expect(amqp.map((r) => r.ruleId)).toEqual(['license/unknown']);
    const unknown = file.records.filter((r) => r.ruleId === 'license/unknown');
    expect(unknown.filter((r) => r.title.endsWith('no license given'))).toHaveLength(34);
    expect(file.notes).toEqual(['167 packages checked against the license policy.']);
  });
});

suite('CycloneDX specification: license choice and declared/concluded (1.7)', () => {
  it('reads the four mixed entries of one component', () => {
    const inventory = read(CHOICE);
    expect(inventory.packages).toHaveLength(1);
    expect(entryKinds(inventory)).toEqual({ id: 1, name: 1, expression: 2 });
    expect(inventory.packages[0]!.licenses.map((l) => l.value)).toEqual([
      'Apache-2.0',
      'EPL-2.0 OR GPL-2.0 WITH Classpath-exception-2.0',
      'My Own License',
      'LicenseRef-MIT-Style-2',
    ]);
  });

  it('takes the concluded license of each component as its effective one', () => {
    const inventory = read(CONCLUDED);
    expect(inventory.packages.map((p) => p.licenses.map((l) => l.value))).toEqual([
      ['(MIT OR PostgreSQL OR Apache-2.0)'],
      ['(GPL-3.0-only AND LGPL-2.0-only)'],
      ['GPL-3.0-only'],
      ['GPL-3.0-only'],
      ['(MIT AND PostgreSQL AND Apache-2.0)'],
    ]);
    const file = checkInventory(join(FIXTURES, CONCLUDED), CONCLUDED, policy('MIT, PostgreSQL, Apache-2.0', ''));
    expect(file.records.map((r) => `${r.package?.name} ${r.ruleId}`)).toEqual([
      'com.example:situation-B license/GPL-3.0-only',
      'com.example:situation-B license/LGPL-2.0-only',
      'com.example:situation-C license/GPL-3.0-only',
      'com.example:situation-D license/GPL-3.0-only',
    ]);
  });
});

suite('Trivy --format cyclonedx', () => {
  it('license-cyclonedx.json: SPDX ids written as names are read as ids, the pom.xml application is no package', () => {
    const inventory = read(TRIVY_POM);
    expect(inventory.format).toBe('CycloneDX 1.5 JSON');
    expect(inventory.packages.map((p) => `${p.name}@${p.version} ${p.licenses.map((l) => l.value).join()}`)).toEqual([
      'org.eclipse.sisu:org.eclipse.sisu.plexus@0.3.0.M1 EPL-1.0',
      'org.ow2.asm:asm@9.5 BSD-3-Clause',
      'org.slf4j:slf4j-api@2.0.11 MIT License',
    ]);
    expect(inventory.notes).toEqual(['1 application component without a license not checked (not a package).']);
    const file = checkInventory(join(FIXTURES, TRIVY_POM), TRIVY_POM, policy('MIT, BSD-3-Clause', ''));
    expect(file.records.map((r) => r.title)).toEqual([
      'org.eclipse.sisu:org.eclipse.sisu.plexus@0.3.0.M1: EPL-1.0 is not in license-allow',
    ]);
  });

  it('fluentd image: 160 packages (the operating system is none), 19 without a license, 465 entries', () => {
    const inventory = read(FLUENTD);
    expect(inventory.format).toBe('CycloneDX 1.7 JSON');
    expect(inventory.packages).toHaveLength(160);
    expect(inventory.notes).toEqual(['1 operating-system component without a license not checked (not a package).']);
    expect(inventory.packages.filter((p) => p.licenses.length === 0)).toHaveLength(19);
    expect(inventory.packages.filter((p) => p.licenses.length > 1)).toHaveLength(62);
    expect(entryKinds(inventory)).toEqual({ id: 405, name: 60 });
    expect(licensesOf(inventory, 'libnettle6')).toHaveLength(9);
    expect(licensesOf(inventory, 'bash')).toEqual(['id:GPL-3.0-only']);
    expect(licensesOf(inventory, 'libc6')).toEqual(['id:LGPL-2.1-only', 'id:GPL-2.0-only']);
    expect(licensesOf(inventory, 'fluentd')).toEqual(['id:Apache-2.0']);
  });

  it('fluentd image: denying GPL-2.0 and GPL-3.0 flags bash and libc6; an exception Trivy writes as a name keeps its license', () => {
    const file = checkInventory(join(FIXTURES, FLUENTD), FLUENTD, policy('', 'GPL-3.0-only, GPL-2.0-only'));
    const rules = (name: string) => file.records.filter((r) => r.package?.name === name).map((r) => r.ruleId);
    expect(rules('bash')).toEqual(['license/GPL-3.0-only']);
    expect(rules('libc6')).toEqual(['license/GPL-2.0-only']);
    // GPL-2.0-or-later offers GPL-2.0-only and GPL-3.0-only, both denied; "other", "public-domain", "GAP" are unknown.
    expect(rules('libnettle6')).toEqual([
      'license/GPL-2.0-or-later',
      'license/GPL-2.0-only WITH autoconf-exception+',
      'license/GPL-2.0-only',
      'license/unknown',
    ]);
    expect(rules('libunistring2')).toEqual([
      'license/GPL-2.0-or-later',
      'license/GPL-2.0-or-later WITH distribution-exception',
      'license/GPL-3.0-or-later',
      'license/GPL-3.0-only',
      'license/GPL-2.0-only',
      'license/unknown',
    ]);
    expect(rules('fluentd')).toEqual([]);
  });
});
