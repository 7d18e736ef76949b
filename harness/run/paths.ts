import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';

export { PACKAGE_ROOT };

/** Directory of the committed x86_64 fixture images. */
export const FIXTURE_IMAGE_DIR = join(
  PACKAGE_ROOT,
  'fixtures',
  'images',
  'x86_64',
);

/** Path of a fixture image by the catalog's naming rule, `fixtures/images/x86_64/NAME.elf`. */
export function fixtureImagePath(name: string): string {
  return join(FIXTURE_IMAGE_DIR, `${name}.elf`);
}

/** Default directory for reports. */
export const DEFAULT_REPORTS_DIR = join(PACKAGE_ROOT, 'reports');
