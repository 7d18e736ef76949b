import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { DEFAULT_QEMU_BINARY } from './argv.js';

/**
 * Finds a QEMU executable without starting it: `binary` itself when it contains a slash,
 * otherwise the first executable of that name on `PATH`. Returns undefined when none is found.
 */
export function findQemu(
  binary: string = DEFAULT_QEMU_BINARY,
  path: string = process.env.PATH ?? '',
): string | undefined {
  const candidates = binary.includes('/')
    ? [binary]
    : path
        .split(delimiter)
        .filter((dir) => isAbsolute(dir))
        .map((dir) => join(dir, binary));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not present or not executable here: try the next directory.
    }
  }
  return undefined;
}

/** The reason printed when QEMU suites are skipped. */
export const QEMU_MISSING_REASON =
  `${DEFAULT_QEMU_BINARY} not found on PATH; install it (Debian package qemu-system-x86) ` +
  'to run the fixtures on QEMU';
