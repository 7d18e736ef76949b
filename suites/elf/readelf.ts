import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs binutils `readelf` with `flags` on `bytes` written to a temporary file. */
export function readelf(bytes: Buffer, flags: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'elf-test-'));
  try {
    const path = join(dir, 'image.elf');
    writeFileSync(path, bytes);
    return execFileSync('readelf', [...flags, path], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
