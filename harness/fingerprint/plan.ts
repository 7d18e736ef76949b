import { ERAS, type Era } from '../crosvm/eras.js';
import {
  HOST_ACTION_SEQUENCES,
  type CandidateSpace,
  listCandidates,
  type ProbeCandidate,
  type ProbeKernel,
} from './candidates.js';
import { deriveProbePlan, type ProbePlan } from './derive.js';
import { cachedPlan } from './plan-cache.js';
import { predictProbe, type PredictionMemo } from './predict.js';
import type { UnseparatedEras } from './result.js';
import { unseparatedReason } from './unseparated-reasons.js';

/**
 * Last day the newest era is known to cover: the date of the newest google/crosvm commit the era
 * table was checked against (f1e797a68, 2026-08-21, as eras.ts states). A binary built later may
 * follow a contract that no row describes yet.
 */
export const ERA_TABLE_NEWEST_DATE = '2026-08-21';

/** Reason given for unseparated eras that `unseparated-reasons.ts` does not list. */
export const UNEXPLAINED_UNSEPARATED =
  'no candidate probe separates these eras and no reason is recorded; add a probe or a reason';

/** The probe plan of a fingerprint, with a reason for each pair of eras it cannot separate. */
export interface FingerprintPlan {
  readonly eras: readonly Era[];
  readonly plan: ProbePlan<ProbeCandidate>;
  readonly unseparated: readonly UnseparatedEras[];
}

/** Options of `buildFingerprintPlan`. */
export interface PlanOptions {
  /** The era table, oldest first; default `ERAS`. */
  readonly eras?: readonly Era[];
  /**
   * Whether the binary accepts injected host events (the stub does). Without injection, guests
   * that keep running are probed with `stop` alone.
   */
  readonly injection: boolean;
}

/**
 * Derives the probe plan from the era table and the probe kernels: every candidate is predicted
 * in every era with the stub's contract, and a small set that separates the eras is kept. Plans
 * are kept in memory by kernel list, era table and injection.
 */
export function buildFingerprintPlan(
  kernels: readonly ProbeKernel[],
  options: PlanOptions,
): FingerprintPlan {
  const eras = options.eras ?? ERAS;
  const cached = memoryCached(kernels, eras, options.injection);
  if (cached !== undefined) return cached;
  return remember(
    kernels,
    eras,
    options.injection,
    derivePlan(kernels, eras, options.injection),
  );
}

/**
 * Returns the plan as `buildFingerprintPlan` does, but also reads and writes the bundled CLI's
 * disk cache, so that a `fingerprint` or `run` command does not derive it again.
 */
export async function loadFingerprintPlan(
  kernels: readonly ProbeKernel[],
  options: PlanOptions,
): Promise<FingerprintPlan> {
  const eras = options.eras ?? ERAS;
  const { injection } = options;
  const cached = memoryCached(kernels, eras, injection);
  if (cached !== undefined) return cached;
  const plan = await cachedPlan(
    kernels,
    eras,
    injection,
    () => listCandidates(candidateSpace(kernels, injection)),
    () => derivePlan(kernels, eras, injection),
  );
  return remember(kernels, eras, injection, plan);
}

function memoryCached(
  kernels: readonly ProbeKernel[],
  eras: readonly Era[],
  injection: boolean,
): FingerprintPlan | undefined {
  return planCache.get(kernels)?.get(eras)?.[injection ? 1 : 0];
}

function remember(
  kernels: readonly ProbeKernel[],
  eras: readonly Era[],
  injection: boolean,
  plan: FingerprintPlan,
): FingerprintPlan {
  let byTable = planCache.get(kernels);
  if (byTable === undefined) {
    byTable = new WeakMap();
    planCache.set(kernels, byTable);
  }
  const pair = byTable.get(eras) ?? [undefined, undefined];
  pair[injection ? 1 : 0] = plan;
  byTable.set(eras, pair);
  return plan;
}

/** Builds the candidate space; without injection, guests that keep running get `stop` alone. */
function candidateSpace(
  kernels: readonly ProbeKernel[],
  injection: boolean,
): CandidateSpace {
  return {
    kernels,
    hostActionSequences: injection ? HOST_ACTION_SEQUENCES : [['stop']],
  };
}

/**
 * Plans already derived, by kernel list, era table and injection (index 1 with injection). A
 * derivation predicts every candidate in every era, which takes about a second, and a sweep over
 * the eras reuses the same plan.
 */
const planCache = new WeakMap<
  readonly ProbeKernel[],
  WeakMap<
    readonly Era[],
    [FingerprintPlan | undefined, FingerprintPlan | undefined]
  >
>();

function derivePlan(
  kernels: readonly ProbeKernel[],
  eras: readonly Era[],
  injection: boolean,
): FingerprintPlan {
  const candidates = listCandidates(candidateSpace(kernels, injection));
  const memos = eras.map((): PredictionMemo => new Map());
  const plan = deriveProbePlan(
    eras.map((era) => era.since),
    candidates,
    (eraIndex, candidate) =>
      predictProbe(eraAt(eras, eraIndex), candidate, memos[eraIndex]),
  );
  const unseparated = plan.unseparated.map((pair) => ({
    ...pair,
    reason: unseparatedReason(pair.newer, injection) ?? UNEXPLAINED_UNSEPARATED,
  }));
  return { eras, plan, unseparated };
}

function eraAt(eras: readonly Era[], index: number): Era {
  const era = eras[index];
  if (era === undefined)
    throw new RangeError(`era index ${index} is outside the era table`);
  return era;
}
