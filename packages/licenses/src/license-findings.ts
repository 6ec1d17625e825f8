// Turns inventories into findings: one per license a package cannot avoid that the policy does not accept (rule
// `license/<id>`), and one per package whose license is not known (rule `license/unknown`), so they share the ignore
// file, the baseline, SARIF and the summary with every other finding.
import { findingRecord, packageInfo, type FindingRecord } from '@actions-kit/findings';
import type { Inventory, LicensedPackage } from './inventory.js';
import { denies, judge, type LicensePolicy } from './policy.js';
import { isKnownLicense, toExpression, type LicenseTerm } from './spdx.js';

/** The tool name license findings carry: they come from this policy, whichever tool wrote the inventory. */
export const LICENSE_TOOL = 'license-policy';

export const UNKNOWN_LICENSE_RULE = 'license/unknown';

/** The findings of one inventory read from `file` (as the user sees its path). */
export function licenseFindings(inventory: Inventory, policy: LicensePolicy, file: string): FindingRecord[] {
  return inventory.packages.flatMap((pkg) => packageFindings(pkg, inventory.format, policy, file));
}

function packageFindings(pkg: LicensedPackage, format: string, policy: LicensePolicy, file: string): FindingRecord[] {
  const verdict = judge(
    pkg.licenses.map((license) => toExpression(license.value)),
    policy,
  );
  const declared = pkg.licenses.map((license) => license.value);
  const description =
    declared.length === 0
      ? `${format} gives no license for this package.`
      : `Licenses in ${format}: ${declared.join('; ')}.` +
        (declared.length > 1
          ? ' The inventory does not say whether they are a choice, so all are taken to apply.'
          : '');
  const record = (ruleId: string, title: string, term?: LicenseTerm) =>
    findingRecord({
      tool: LICENSE_TOOL,
      ruleId,
      title,
      description,
      severity: term ? policy.severity : policy.unknownSeverity,
      category: 'license',
      location: { path: file },
      package: packageInfo({ name: pkg.name, version: pkg.version, purl: pkg.purl }),
      // The same package in two inventories (an SBOM and license-checker) is one finding.
      identity: { kind: 'package', ids: [ruleId], package: pkg.name, version: pkg.version ?? '', target: '' },
      source: { file, tool: LICENSE_TOOL, record: pkg.pointer },
      helpUri:
        term && isKnownLicense(term.license) && !term.license.includes('LicenseRef-')
          ? `https://spdx.org/licenses/${term.license}.html`
          : undefined,
    });
  const label = pkg.version ? `${pkg.name}@${pkg.version}` : pkg.name;
  const seen = new Set<string>();
  const findings = verdict.violations.flatMap((term) => {
    if (seen.has(term.declared)) return [];
    seen.add(term.declared);
    const why = denies(policy, term) ? 'is denied by license-deny' : 'is not in license-allow';
    return [record(`license/${term.declared}`, `${label}: ${term.declared} ${why}`, term)];
  });
  if (verdict.unknown.length > 0) {
    const names = verdict.unknown.filter((name) => name !== '');
    const title =
      names.length === 0
        ? `${label}: no license given`
        : `${label}: license not known: ${names.map((name) => `"${name}"`).join(', ')} (no SPDX id or known name)`;
    findings.push(record(UNKNOWN_LICENSE_RULE, title));
  }
  return findings;
}
