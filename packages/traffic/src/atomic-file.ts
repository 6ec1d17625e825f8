// Replacing a file or symlink in one rename, so a reader (nginx, a release link) sees the old or the new, never half.
import { randomBytes } from 'node:crypto';
import { open, rename, rm, symlink } from 'node:fs/promises';
import path from 'node:path';

/** A temporary name in the same folder, because rename() is only atomic within one filesystem. */
function siblingTempPath(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

export async function writeFileAtomically(file: string, content: string): Promise<void> {
  const temp = siblingTempPath(file);
  try {
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(content);
      // Flushed before the rename so a crash cannot leave the new name pointing at empty content.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export async function replaceSymlinkAtomically(link: string, pointsTo: string): Promise<void> {
  const temp = siblingTempPath(link);
  try {
    await symlink(pointsTo, temp);
    await rename(temp, link);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
