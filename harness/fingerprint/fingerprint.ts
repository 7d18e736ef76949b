import { makeTempDir, removeTempDir } from '../launch/temp-dirs.js';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Era } from '../crosvm/eras.js';
import { BUNDLED_STUB_PATH, type CrosvmTarget } from '../crosvm/discover.js';
import { FIXTURES } from '../fixtures/catalog.js';
import type { Injector } from '../run/host-actions.js';
import { injectHostEvent } from '../stub/inject.js';
import type { ProbeKernel } from './candidates.js';
import { executeProbes } from './execute.js';
import { loadProbeKernels } from './kernels.js';
import { matchEras } from './match.js';
import { STILL_RUNNING, type ProbeOutcome } from './outcome.js';
import { ERA_TABLE_NEWEST_DATE, loadFingerprintPlan } from './plan.js';
import type { FingerprintResult } from './result.js';

export { formatFingerprintLine, formatFingerprintSummary } from './result.js';
export type { FingerprintResult } from './result.js';

/** Options of `fingerprint`. */
export interface FingerprintOptions {
  /** Probes run at once; default the number of cores. */
  readonly jobs?: number;
  /** Directory that keeps the kernel images and each probe's output; default a removed temp dir. */
  readonly keepDir?: string;
  /** The era table; default `ERAS`. */
  readonly eras?: readonly Era[];
  /** The probe kernels; default the fixture catalog's images (`loadProbeKernels`). */
  readonly kernels?: readonly ProbeKernel[];
  /**
   * Delivers injected host events. The default is the stub's injector when the binary is the
   * bundled stub, however it was named, and none for other binaries, whose probes then leave
   * out injected events.
   */
  readonly inject?: Injector | undefined;
}

/**
 * Finds the crosvm eras whose exit contract `binary` follows. It derives the probe set from the
 * era table, runs the probes against the binary and compares what each probe showed (exit
 * status and guest console, nothing else) with each era's prediction.
 */
export async function fingerprint(
  binary: CrosvmTarget,
  options: FingerprintOptions = {},
): Promise<FingerprintResult> {
  const started = performance.now();
  const inject = 'inject' in options ? options.inject : defaultInjector(binary);
  const kernels = options.kernels ?? (await loadProbeKernels(FIXTURES));
  const { plan, unseparated } = await loadFingerprintPlan(kernels, {
    injection: inject !== undefined,
    ...(options.eras === undefined ? {} : { eras: options.eras }),
  });

  const workDir =
    options.keepDir === undefined
      ? await makeTempDir('crosvm-fingerprint-')
      : resolve(options.keepDir);
  try {
    const observations = await executeProbes(
      binary,
      plan.probes.map((planned) => planned.probe),
      {
        workDir,
        inject,
        mayKeepRunning: new Set(
          plan.probes
            .filter((planned) =>
              planned.predictions.some(
                (outcome) => outcome.ending === STILL_RUNNING,
              ),
            )
            .map((planned) => planned.probe.id),
        ),
        ...(options.jobs === undefined ? {} : { jobs: options.jobs }),
      },
    );
    const observed = new Map<string, ProbeOutcome>(
      observations.map((item) => [item.run.id, item.outcome]),
    );
    return {
      binary: binary.identity,
      match: matchEras(plan, observed, ERA_TABLE_NEWEST_DATE),
      probes: observations.map((item) => item.run),
      unseparated,
      durationMs: performance.now() - started,
    };
  } finally {
    if (options.keepDir === undefined) {
      await removeTempDir(workDir);
    }
  }
}

/** Returns the stub's injector for the bundled stub, and undefined for any other binary. */
function defaultInjector(binary: CrosvmTarget): Injector | undefined {
  const isStub =
    binary.identity.stubEra !== undefined ||
    resolve(binary.executable) === BUNDLED_STUB_PATH;
  return isStub ? injectHostEvent : undefined;
}
