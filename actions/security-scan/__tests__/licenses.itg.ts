// The bundled security-scan action checking license inventories only (no scanner reports), through the harness
// under Node 24: findings per license, the verdict, the outputs, SARIF, the JSON report and the summary.
// Needs `pnpm build` first. The Node 24 binary is resolved inside each test, so a missing one fails them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { node24Path, runBundledAction } from '@actions-kit/harness';
import { tempWorkspace, type TempWorkspace } from './temp-workspace.js';

const actionDir = fileURLToPath(new URL('..', import.meta.url));

const readJson = (file: string): Record<string, unknown> => JSON.parse(readFileSync(file, 'utf8'));

/** A CycloneDX SBOM as `trivy fs --format cyclonedx` writes one: a license per entry, as an id or a name. */
function sbom(
  components: { name: string; version: string; licenses: ({ id: string } | { name: string })[] }[],
): string {
  return JSON.stringify({
    $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    version: 1,
    metadata: { component: { type: 'application', name: 'app' } },
    components: [
      { type: 'application', name: 'package-lock.json' },
      ...components.map((c) => ({
        'bom-ref': `pkg:npm/${c.name}@${c.version}`,
        type: 'library',
        name: c.name,
        version: c.version,
        licenses: c.licenses.map((license) => ({ license })),
        purl: `pkg:npm/${c.name}@${c.version}`,
      })),
    ],
  });
}

describe('security-scan with licenses only', () => {
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = tempWorkspace();
    ws.write(
      'sbom/app.cdx.json',
      sbom([
        { name: 'left-pad', version: '1.3.0', licenses: [{ id: 'MIT' }] },
        { name: 'gpl-lib', version: '2.0.0', licenses: [{ name: 'GPL-3.0' }] },
        { name: 'dual-lib', version: '1.0.0', licenses: [{ id: 'MIT' }, { name: 'Apache License 2.0' }] },
        { name: 'mystery', version: '0.1.0', licenses: [{ name: 'Some Custom License' }] },
      ]),
    );
  });
  afterEach(() => ws.remove());

  const run = (inputs: Record<string, string>) =>
    runBundledAction({ actionDir, nodePath: node24Path(), workspace: ws.dir, inputs });

  it('fails on a denied license, reports an unknown one below fail-on, and writes SARIF, JSON and the summary', async () => {
    const result = await run({ licenses: 'sbom/*.json', 'license-deny': 'GPL-3.0-only, AGPL-3.0-only' });

    expect(result.exitCode).toBe(1);
    expect(result.outputs).toMatchObject({ total: '2', high: '1', medium: '1', passed: 'false' });
    const sarif = readJson(result.outputs['sarif-file']!) as {
      runs: { tool: { driver: { name: string } }; results: { ruleId: string; level: string }[] }[];
    };
    expect(sarif.runs.map((r) => r.results.map((x) => [x.ruleId, x.level]))).toEqual([
      [
        ['license/GPL-3.0-only', 'error'],
        ['license/unknown', 'warning'],
      ],
    ]);
    const report = readJson(result.outputs['report-file']!) as {
      files: { path: string; tool: string; format: string; raw: number; notes: string[] }[];
      findings: { title: string; category: string; package: { name: string } }[];
    };
    expect(report.files).toEqual([
      {
        path: 'sbom/app.cdx.json',
        tool: 'license-policy',
        format: 'CycloneDX 1.6 JSON',
        raw: 2,
        suppressed: 0,
        notes: [
          '4 packages checked against the license policy.',
          '1 application component without a license not checked (not a package).',
        ],
      },
    ]);
    expect(report.findings.map((f) => [f.category, f.title])).toEqual([
      ['license', 'gpl-lib@2.0.0: GPL-3.0-only is denied by license-deny'],
      ['license', 'mystery@0.1.0: license not known: "Some Custom License" (no SPDX id or known name)'],
    ]);
    expect(result.summary).toContain('## Security scan: ❌ failed');
    expect(result.summary).toContain('| license-policy | 0 | 1 | 1 | 0 | 0 | 2 | 0 |');
    expect(result.debug.join('\n')).toMatch(/time spent \(ms\): .*licenses checked \d+/);
  });

  it('passes when the packages outside license-allow are suppressed in the ignore file', async () => {
    ws.write(
      '.security-ignore.yml',
      '- rule: license/unknown\n  reason: mystery is our own vendored code\n- rule: license/GPL-3.0-only\n  reason: build tool only\n',
    );
    const result = await run({
      licenses: 'sbom/app.cdx.json',
      'license-allow': 'MIT, Apache-2.0',
      'ignore-file': '.security-ignore.yml',
    });

    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ total: '0', suppressed: '2', passed: 'true' });
    expect(result.summary).toContain('## Security scan: ✅ passed');
  });

  it('refuses a step with neither reports nor licenses, naming both', async () => {
    const result = await run({});
    expect(result.exitCode).toBe(1);
    expect(result.annotations.map((a) => a.message)).toEqual([
      'security-scan: reports: empty, and so is licenses; set reports to the scanner reports to read (e.g. trivy-results.json), licenses to the license inventories to check (e.g. sbom.cdx.json), or both',
    ]);
  });
});
