/**
 * `npm run fixtures`: rebuilds every image in fixtures/images/x86_64 from fixtures/x86_64.
 * Needs GNU binutils (as, ld).
 */
import path from 'node:path';
import {
  FIXTURE_IMAGE_DIR,
  REPOSITORY_ROOT,
  binutilsAvailable,
  buildAllImages,
} from '../harness/fixtures/build.js';

if (!(await binutilsAvailable())) {
  console.error(
    'GNU as and ld not found on PATH; install binutils (Debian: apt-get install binutils)',
  );
  process.exit(2);
}
const written = await buildAllImages(FIXTURE_IMAGE_DIR);
for (const file of written)
  console.log(`wrote ${path.relative(REPOSITORY_ROOT, file)}`);
