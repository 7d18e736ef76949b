import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SetupError } from '../cli/errors.js';
import { PT_LOAD, readElf } from '../elf/read.js';
import { writeElf } from '../elf/write.js';
import type {
  FixtureEntry,
  RunnableFixture,
} from '../fixtures/catalog-types.js';
import { PACKAGE_ROOT } from '../run/paths.js';
import type { ProbeKernel } from './candidates.js';

/**
 * Maximum console output of a probe kernel, in bytes (4 KiB). Probes compare the whole console
 * of each era's prediction, so a fixture that floods the console (console-flood prints 1 MiB)
 * would slow every probe and add nothing that a short one does not show.
 */
export const MAX_PROBE_CONSOLE_BYTES = 4096;

/**
 * Name of the extra image whose `e_entry` is the first byte past its only PT_LOAD. crosvm's
 * entry check accepted that byte until 2025-02-05 and rejects it since, which no catalog image
 * shows. Built from `ENTRY_AT_END_BASE` like the catalog's malformed images.
 */
export const ENTRY_AT_END = 'entry-at-segment-end';

/** The valid fixture the extra image is made from: it ends by itself with a reset. */
export const ENTRY_AT_END_BASE = 'reboot-i8042';

/** Returns the console line every fixture prints first: `fixture NAME: start`. */
export function startLineOf(fixture: string): string {
  return `fixture ${fixture}: start`;
}

/** Returns how many console bytes a fixture's steps write. */
function consoleBytes(fixture: RunnableFixture): number {
  let bytes = 0;
  for (const step of fixture.steps) {
    if (step.op === 'console') bytes += Buffer.byteLength(step.text);
    if (step.op === 'console-repeat') bytes += step.bytes;
    if (step.op === 'pvpanic') bytes += Buffer.byteLength(step.absentText);
  }
  return bytes;
}

async function readImage(entry: { readonly image: string }): Promise<Buffer> {
  try {
    return await readFile(join(PACKAGE_ROOT, entry.image));
  } catch (error) {
    throw new SetupError(
      `fixture image ${entry.image} cannot be read (${(error as Error).message}); run npm run fixtures`,
    );
  }
}

/** Moves `e_entry` to the first byte past the image's first PT_LOAD. */
export function entryAtSegmentEnd(valid: Buffer): Buffer {
  const image = readElf(valid);
  const load = image.programHeaders.find((header) => header.type === PT_LOAD);
  if (load === undefined) {
    throw new Error(
      'the base image has no PT_LOAD segment; build it with npm run fixtures',
    );
  }
  return writeElf({
    ...image,
    header: { ...image.header, entry: load.paddr + load.memsz },
  });
}

/**
 * Reads the probe kernels from the fixture catalog: every valid fixture with a short console, every
 * malformed image, and `ENTRY_AT_END`. Token fixtures are left out: what they add is the text on
 * COM2, which AVF reads and crosvm never judges.
 */
export async function loadProbeKernels(
  catalog: readonly FixtureEntry[],
): Promise<ProbeKernel[]> {
  const runnable = new Map<string, RunnableFixture>();
  for (const entry of catalog)
    if (entry.kind !== 'malformed') runnable.set(entry.name, entry);

  const kernels: ProbeKernel[] = [];
  for (const entry of catalog) {
    if (entry.kind === 'token') continue;
    const base =
      entry.kind === 'malformed' ? runnable.get(entry.madeFrom) : entry;
    if (base === undefined || consoleBytes(base) > MAX_PROBE_CONSOLE_BYTES)
      continue;
    kernels.push({
      name: entry.name,
      image: await readImage(entry),
      startLine: startLineOf(base.name),
      keepsRunning: base.keepsRunning,
    });
  }

  const base = runnable.get(ENTRY_AT_END_BASE);
  if (base === undefined) {
    throw new Error(
      `fixture catalog has no "${ENTRY_AT_END_BASE}", the base of ${ENTRY_AT_END}`,
    );
  }
  kernels.push({
    name: ENTRY_AT_END,
    image: entryAtSegmentEnd(await readImage(base)),
    startLine: startLineOf(base.name),
    keepsRunning: base.keepsRunning,
  });
  return kernels;
}
