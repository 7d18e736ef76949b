import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Era } from '../crosvm/era-types.js';
import { PACKAGE_ROOT } from '../run/paths.js';
import type { ProbeCandidate, ProbeKernel } from './candidates.js';
import type { PlannedProbe } from './derive.js';
import type { ProbeOutcome } from './outcome.js';
import type { FingerprintPlan } from './plan.js';
import type { UnseparatedEras } from './result.js';

/**
 * A disk cache of derived probe plans for the bundled CLI. Deriving a plan predicts every
 * candidate in every era, which takes about a second of CPU, and every `fingerprint` and `run`
 * would repeat it. The key hashes the bundle file that contains this code, the era table, the kernel
 * images and whether host events can be injected. That file names the other chunks of the split
 * bundle by content hash, so any change to the harness, the stub contract or the variants
 * changes it and makes a new key. Outside the bundle (tsx, vitest) nothing is cached, because then no
 * single file contains all the code a plan depends on.
 */

/** Directory of cached plans, in the usual place for tools' caches inside a package. */
export const PLAN_CACHE_DIR = join(
  PACKAGE_ROOT,
  'node_modules',
  '.cache',
  'crosvm-fingerprint',
);

/** A plan as stored: the candidates by id, since the kernels are stored once elsewhere. */
interface StoredPlan {
  readonly eraDates: readonly string[];
  readonly probes: readonly {
    readonly id: string;
    readonly predictions: ProbeOutcome[];
  }[];
  readonly unseparated: readonly UnseparatedEras[];
}

/** Returns the file of the running bundle, or undefined when the code is not bundled. */
function bundleFile(): string | undefined {
  const file = fileURLToPath(import.meta.url);
  return file.endsWith('.mjs') ? file : undefined;
}

/** Computes the cache key of a plan, or undefined when plans must not be cached. */
async function planKey(
  kernels: readonly ProbeKernel[],
  eras: readonly Era[],
  injection: boolean,
): Promise<string | undefined> {
  const bundle = bundleFile();
  if (bundle === undefined) return undefined;
  const hash = createHash('sha256');
  hash.update(await readFile(bundle));
  hash.update(JSON.stringify({ eras, injection }));
  for (const kernel of kernels) {
    hash.update(
      JSON.stringify([kernel.name, kernel.startLine, kernel.keepsRunning]),
    );
    hash.update(kernel.image);
  }
  return hash.digest('hex');
}

/**
 * Returns the cached plan for these inputs, or derives it with `derive` and stores it. Cache
 * read and write failures only cost the derivation.
 */
export async function cachedPlan(
  kernels: readonly ProbeKernel[],
  eras: readonly Era[],
  injection: boolean,
  candidates: () => readonly ProbeCandidate[],
  derive: () => FingerprintPlan,
): Promise<FingerprintPlan> {
  const key = await planKey(kernels, eras, injection).catch(() => undefined);
  if (key === undefined) return derive();
  const path = join(PLAN_CACHE_DIR, `${key}.json`);

  const stored = await readFile(path, 'utf8')
    .then((text) => JSON.parse(text) as StoredPlan)
    .catch(() => undefined);
  const restored =
    stored === undefined ? undefined : restore(stored, eras, candidates());
  if (restored !== undefined) return restored;

  const plan = derive();
  const record: StoredPlan = {
    eraDates: plan.plan.eraDates,
    probes: plan.plan.probes.map((planned) => ({
      id: planned.probe.id,
      predictions: [...planned.predictions],
    })),
    unseparated: plan.unseparated,
  };
  try {
    await mkdir(PLAN_CACHE_DIR, { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(record));
    await rename(temporary, path);
  } catch {
    // A read-only or full disk leaves the plan uncached; the next run derives it again.
  }
  return plan;
}

/** Rebuilds a plan from its stored form, or returns undefined if it no longer fits. */
function restore(
  stored: StoredPlan,
  eras: readonly Era[],
  candidates: readonly ProbeCandidate[],
): FingerprintPlan | undefined {
  const byId = new Map(
    candidates.map((candidate) => [candidate.id, candidate]),
  );
  const probes: PlannedProbe<ProbeCandidate>[] = [];
  for (const { id, predictions } of stored.probes) {
    const probe = byId.get(id);
    if (probe === undefined || predictions.length !== eras.length)
      return undefined;
    probes.push({ probe, predictions });
  }
  const plan = {
    eraDates: stored.eraDates,
    probes,
    unseparated: stored.unseparated,
  };
  return { eras, plan, unseparated: stored.unseparated };
}
