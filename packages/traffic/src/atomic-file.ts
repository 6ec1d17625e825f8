// Replacing a file or symlink in one rename, so a reader (nginx, a release link) sees the old or the new, never half.
import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat, symlink } from 'node:fs/promises';
import path from 'node:path';
import { errorCode } from './errors.js';

/** A temporary name in the same folder, because rename() is only atomic within one filesystem. */
function siblingTempPath(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Removes a temporary file that may never have been made. Its failure is never the news: the temp file could not be
 * made either (its folder is missing, or is a file: ENOTDIR), and the error that says why is the one to report.
 */
export async function removeTempFile(temp: string): Promise<void> {
  await rm(temp, { force: true }).catch(() => undefined);
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
    await removeTempFile(temp);
    throw error;
  }
}

/**
 * Fails as writeFileAtomically would (the folder missing or not writable, a folder in the file's place), without
 * touching the file: an empty temp file is made beside it and removed.
 */
export async function checkReplaceable(file: string): Promise<void> {
  const existing = await stat(file).catch((error: unknown) => {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  });
  if (existing?.isDirectory()) throw Object.assign(new Error(`${file} is a directory`), { code: 'EISDIR' });
  const temp = siblingTempPath(file);
  try {
    await (await open(temp, 'wx', 0o644)).close();
  } finally {
    await removeTempFile(temp);
  }
}

export async function replaceSymlinkAtomically(link: string, pointsTo: string): Promise<void> {
  const temp = siblingTempPath(link);
  try {
    await symlink(pointsTo, temp);
    await rename(temp, link);
  } catch (error) {
    await removeTempFile(temp);
    throw error;
  }
}
