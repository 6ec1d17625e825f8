// Public API of @actions-kit/licenses, as security-scan uses it (loaded only when its `licenses` input is given, so
// the SPDX lists never weigh on a run without it): parse the policy, and check inventory files against it.
import { countOf } from '@actions-kit/core';
import type { ReportFile } from '@actions-kit/findings';
import { LICENSE_TOOL, licenseFindings } from './license-findings.js';
import type { LicensePolicy } from './policy.js';
import { readInventory } from './read-inventory.js';

export { parsePolicyList, type LicensePolicy, type PolicyEntry } from './policy.js';
export { LICENSE_TOOL, UNKNOWN_LICENSE_RULE } from './license-findings.js';

/**
 * Reads one inventory and checks each of its packages: a report file of license findings, as the findings
 * package's readers give for scanner reports, so it goes through the same analysis.
 */
export function checkInventory(path: string, file: string, policy: LicensePolicy): ReportFile {
  const { inventory, bytes } = readInventory(path, file);
  const records = licenseFindings(inventory, policy, file);
  return {
    tools: [LICENSE_TOOL],
    format: inventory.format,
    records,
    suppressed: [],
    notes: [`${countOf(inventory.packages.length, 'package')} checked against the license policy.`, ...inventory.notes],
    path: file,
    bytes,
    streamed: false,
  };
}
