// The short fuzzing run of the inventory readers and the policy: documents mutated from real inventories, each read
// and judged, with no crash, hang or memory blow-up allowed; a refused one names the file.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '@actions-kit/reports';
import { fuzz, mutatedDocuments, type FuzzSubject } from '@actions-kit/testkit/fuzz';
import { licenseFindings } from '../src/license-findings.js';
import { parsePolicyList, type LicensePolicy } from '../src/policy.js';
import { readInventoryBytes } from '../src/read-inventory.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const FILE = 'fuzz/inventory.json';

const CYCLONEDX = {
  bomFormat: 'CycloneDX',
  specVersion: '1.6',
  components: [
    {
      type: 'library',
      group: 'org.example',
      name: 'lib',
      version: '1.0',
      licenses: [
        { license: { id: 'MIT', acknowledgement: 'declared' } },
        { expression: 'GPL-2.0-or-later WITH Classpath-exception-2.0 OR Apache-2.0', acknowledgement: 'concluded' },
      ],
      components: [{ type: 'library', name: 'inner', licenses: [{ license: { name: 'The MIT License' } }] }],
    },
  ],
};

const SEEDS = [
  Buffer.from(JSON.stringify(CYCLONEDX, null, 2)),
  ...[
    'cyclonedx-npm-6.0.1.json',
    'pip-licenses-5.0.0.json',
    'pip-licenses-5.0.0-from-all.json',
    'license-checker-25.0.1.json',
  ].map((name) => readFileSync(join(FIXTURES, name))),
];

const POLICY: LicensePolicy = {
  allow: parsePolicyList('license-allow', 'MIT, Apache-2.0, GPL-3.0-only WITH Classpath-exception-2.0'),
  deny: parsePolicyList('license-deny', 'AGPL-3.0-or-later'),
  severity: 'high',
  unknownSeverity: 'medium',
};

const subject: FuzzSubject<Buffer> = {
  name: 'license inventory readers and policy',
  run: (bytes) => void licenseFindings(readInventoryBytes(bytes, FILE), POLICY, FILE),
  isClean: (error) => error instanceof InputError && error.message.startsWith(`${FILE}: `),
  size: (bytes) => bytes.length,
};

describe('fuzzing (short run)', () => {
  it('license inventories: no crash, hang or blow-up', () => {
    const result = fuzz(subject, mutatedDocuments(SEEDS, { longString: 100_000, deepNesting: 5_000 }), {
      runs: 300,
      seed: 20261204,
      budgetMs: 2_000,
    });
    expect({ examples: result.examples }).toEqual({ examples: [] });
    expect(result.counts.crash + result.counts.hang + result.counts['memory blow-up']).toBe(0);
    expect(result.counts.success).toBeGreaterThan(0);
    expect(result.counts['clean failure']).toBeGreaterThan(0);
  });
});
