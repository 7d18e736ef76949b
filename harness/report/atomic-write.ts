import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `data` to `path` so that a reader sees either the old file or the whole new one, never
 * a partial report. The data goes to a temporary file in the same folder, because rename(2) is
 * atomic only within one file system. It is flushed to disk and then renamed over `path`. On
 * failure the temporary file is removed and the error is raised.
 */
export async function writeFileAtomic(
  path: string,
  data: string,
): Promise<void> {
  const suffix = `${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const temporary = join(dirname(path), `.${basename(path)}.${suffix}`);
  try {
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(data, 'utf8');
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
