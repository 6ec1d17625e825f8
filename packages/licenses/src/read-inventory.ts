// Reads one license inventory file: JSON parsed whole (inventories are a few MB at most) and read by the reader
// whose format its content is.
import { InputError, chooseMember, describeJson, parseJsonBytes, readInputFile } from '@actions-kit/reports';
import type { Inventory } from './inventory.js';
import { LICENSE_READERS } from './registry.js';

/** Reads `path`, named `file` in messages; an InputError naming the file for anything the user must fix. */
export function readInventory(path: string, file: string): { inventory: Inventory; bytes: number } {
  const bytes = readInputFile(path, file);
  if (bytes.length === 0) {
    throw new InputError(
      file,
      'the file is empty (0 bytes). The tool that writes it probably failed; check its step log.',
    );
  }
  const doc = parseJsonBytes(bytes, file);
  if (Array.isArray(doc) && doc.length === 0) {
    return { inventory: { format: 'empty list', packages: [], notes: [] }, bytes: bytes.length };
  }
  const reader = chooseMember(doc, file, LICENSE_READERS, {
    describe: describeJson,
    advice:
      'write the inventory as JSON with one of them (e.g. trivy fs --format cyclonedx, pip-licenses --format=json, license-checker --json).',
  });
  return { inventory: reader.read(doc, { file }), bytes: bytes.length };
}
