// Reads one license inventory file: JSON parsed whole (inventories are a few MB at most) and read by the reader
// whose format its content is.
import {
  InputError,
  chooseMember,
  describeJson,
  parseJsonBytes,
  readInputFile,
  refuseDeepNesting,
} from '@actions-kit/reports';
import type { Inventory } from './inventory.js';
import { LICENSE_READERS } from './registry.js';

/** Reads `path`, named `file` in messages; an InputError naming the file for anything the user must fix. */
export function readInventory(path: string, file: string): { inventory: Inventory; bytes: number } {
  const bytes = readInputFile(path, file);
  return { inventory: readInventoryBytes(bytes, file), bytes: bytes.length };
}

/** Reads an inventory held in memory (same rules as readInventory). */
export function readInventoryBytes(bytes: Buffer, file: string): Inventory {
  if (bytes.length === 0) {
    throw new InputError(
      file,
      'the file is empty (0 bytes). The tool that writes it probably failed; check its step log.',
    );
  }
  const doc = parseJsonBytes(bytes, file);
  if (Array.isArray(doc) && doc.length === 0) return { format: 'empty list', packages: [], notes: [] };
  const reader = chooseMember(doc, file, LICENSE_READERS, {
    describe: describeJson,
    advice:
      'write the inventory as JSON with one of them (e.g. trivy fs --format cyclonedx, pip-licenses --format=json, license-checker --json).',
  });
  // Components nest: a document nested deeper than any real SBOM is refused before it is walked.
  refuseDeepNesting(bytes, file);
  return reader.read(doc, { file });
}
