// Bundles the two package bins into single ES modules under harness/bin/, so that a start loads
// one file and no TypeScript is transpiled at run time (the stub's start time is benchmarked).
import { build } from 'esbuild';
import { chmod } from 'node:fs/promises';

const entries = {
  'crosvm-conformance': 'harness/cli/main.ts',
  'crosvm-stub': 'harness/stub/main.ts',
};

await Promise.all(
  Object.entries(entries).map(async ([name, entry]) => {
    const outfile = `harness/bin/${name}.mjs`;
    await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: 'linked',
      logLevel: 'warning',
      banner: { js: '#!/usr/bin/env node' },
    });
    await chmod(outfile, 0o755);
  }),
);
