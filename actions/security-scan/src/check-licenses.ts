// Checks the license inventories of the `licenses` input: each one becomes a report file of license findings, read
// with the same strict rule as the reports. The license package (and its SPDX lists) is loaded only here.
import { ConfigurationError } from '@actions-kit/core';
import { failedFileEntry, fileEntry } from '@actions-kit/findings';
import type { LicenseInputs } from './inputs.js';
import { describeProblem, type ReadReports } from './read-reports.js';

export async function checkLicenses(licenses: LicenseInputs, strict: boolean): Promise<ReadReports> {
  const { checkInventory } = await import('@actions-kit/licenses');
  const read: ReadReports = { files: [], entries: [], failures: [] };
  for (const inventory of licenses.inventories) {
    try {
      const file = checkInventory(inventory.file, inventory.displayPath, licenses.policy);
      read.files.push(file);
      read.entries.push(fileEntry(file));
    } catch (error) {
      const problem = describeProblem(error, inventory.displayPath);
      if (strict) {
        throw new ConfigurationError(
          `licenses: ${problem} (With strict: false an unreadable inventory is listed in the summary and the others are still checked.)`,
        );
      }
      read.failures.push(problem);
      read.entries.push(failedFileEntry(inventory.displayPath, problem));
    }
  }
  return read;
}
