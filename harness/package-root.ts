import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Returns the nearest folder at or above `start` that contains a package.json. The harness runs as
 * source under harness/ and bundled under harness/bin/ or harness/bin/chunks/, so the package
 * root is found by search rather than by a fixed number of `..` steps.
 */
function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) {
      throw new Error(
        `no package.json above ${start}; run the harness from its checkout`,
      );
    }
  }
}

/** Absolute path of the crosvm-conformance package root. */
export const PACKAGE_ROOT = findPackageRoot(
  dirname(fileURLToPath(import.meta.url)),
);
