import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Temporary folders the harness uses while VMMs run: control and QMP sockets, probe kernels.
 * They are removed when their run ends, and also when an interrupt ends the harness early, so
 * that Ctrl-C leaves nothing in the temporary directory.
 */
const liveDirs = new Set<string>();

/** Creates a folder under the system temporary directory whose name starts with `prefix`. */
export async function makeTempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  liveDirs.add(dir);
  return dir;
}

/** Removes a folder made by `makeTempDir`, with its contents. */
export async function removeTempDir(dir: string): Promise<void> {
  liveDirs.delete(dir);
  await rm(dir, { recursive: true, force: true });
}

/** Removes every folder still held; runs from signal and exit handlers, so it is synchronous. */
export function removeAllTempDirsSync(): void {
  for (const dir of liveDirs) rmSync(dir, { recursive: true, force: true });
  liveDirs.clear();
}
