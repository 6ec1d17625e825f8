// The license inventory readers, in the order detection tries them: a format is added by its file and a line here.
import { cyclonedxReader } from './cyclonedx.js';
import type { LicenseReader } from './inventory.js';
import { licenseCheckerReader } from './license-checker.js';
import { pipLicensesReader } from './pip-licenses.js';

export const LICENSE_READERS: readonly LicenseReader[] = [cyclonedxReader, pipLicensesReader, licenseCheckerReader];
