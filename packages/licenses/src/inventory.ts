// What a license inventory is once read: the packages it lists and the licenses each declares, as written, and the
// reader family that reads the inventory formats (CycloneDX SBOMs, pip-licenses, license-checker) into it.
import type { ReadContext, ReportReader } from '@actions-kit/reports';

/** One license statement of a package, as the inventory wrote it. */
export interface DeclaredLicense {
  /** `id`: given as an SPDX id; `expression`: as an SPDX expression; `name`: free text (which may still be either). */
  kind: 'id' | 'expression' | 'name';
  value: string;
}

/** One package of an inventory. */
export interface LicensedPackage {
  name: string;
  version?: string;
  purl?: string;
  /**
   * Its license statements; several mean all of them apply (inventories do not say whether they are a choice, and
   * assuming a choice could pass a package that is not allowed). Empty: the inventory gives no license.
   */
  licenses: DeclaredLicense[];
  /** Where the package is in the file (a JSON pointer). */
  pointer: string;
}

/** Everything read from one inventory file. */
export interface Inventory {
  /** The format recognised, e.g. 'CycloneDX 1.5 JSON'. */
  format: string;
  packages: LicensedPackage[];
  /** What the reader left out and why (e.g. components that are not packages). */
  notes: string[];
}

/** One inventory format: its file exports this descriptor, and registry.ts lists it. */
export type LicenseReader = ReportReader<Inventory, ReadContext>;
