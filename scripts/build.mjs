// Bundles the two package bins into ES modules under harness/bin/, so that no TypeScript is
// transpiled at run time. The stub is one file, because its start time is benchmarked. The CLI is
// split into chunks (harness/bin/chunks/) so that a subcommand loads only the code it uses.
import { build } from 'esbuild';
import { chmod, rm } from 'node:fs/promises';

const OUT_DIR = 'harness/bin';

/** Options both bins share. */
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  banner: { js: '#!/usr/bin/env node' },
};

// Chunk names carry content hashes, so chunks of earlier builds would pile up.
await rm(`${OUT_DIR}/chunks`, { recursive: true, force: true });
await Promise.all([
  build({
    ...common,
    entryPoints: { 'crosvm-conformance': 'harness/cli/main.ts' },
    outdir: OUT_DIR,
    outExtension: { '.js': '.mjs' },
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
  }),
  build({
    ...common,
    entryPoints: ['harness/stub/main.ts'],
    outfile: `${OUT_DIR}/crosvm-stub.mjs`,
  }),
]);
await chmod(`${OUT_DIR}/crosvm-conformance.mjs`, 0o755);
await chmod(`${OUT_DIR}/crosvm-stub.mjs`, 0o755);
