import { beforeAll, describe, expect, test } from 'vitest';
import { ERAS } from '../../harness/crosvm/eras.js';
import {
  HOST_ACTION_SEQUENCES,
  listCandidates,
  type ProbeKernel,
} from '../../harness/fingerprint/candidates.js';
import { loadProbeKernels } from '../../harness/fingerprint/kernels.js';
import { outcomeKey } from '../../harness/fingerprint/outcome.js';
import { buildFingerprintPlan } from '../../harness/fingerprint/plan.js';
import { predictProbe } from '../../harness/fingerprint/predict.js';
import {
  ALWAYS_UNSEPARATED,
  INJECTION_ONLY,
} from '../../harness/fingerprint/unseparated-reasons.js';
import { FIXTURES } from '../../harness/fixtures/catalog.js';

let kernels: ProbeKernel[] = [];

beforeAll(async () => {
  kernels = await loadProbeKernels(FIXTURES);
});

/** Signature of one era: its predicted outcome keys over `candidates`, joined. */
function signature(
  eraIndex: number,
  candidates: readonly Parameters<typeof predictProbe>[1][],
): string {
  const era = ERAS[eraIndex];
  if (era === undefined) throw new Error(`no era at index ${eraIndex}`);
  return candidates.map((c) => outcomeKey(predictProbe(era, c))).join('|');
}

describe('fingerprint plan with injection', () => {
  test('leaves only the listed adjacent pairs unseparated', () => {
    const { unseparated } = buildFingerprintPlan(kernels, { injection: true });
    expect(unseparated.map((pair) => pair.newer)).toEqual(
      Object.keys(ALWAYS_UNSEPARATED),
    );
  });

  test('gives every unseparated pair its reason', () => {
    const { unseparated } = buildFingerprintPlan(kernels, { injection: true });
    for (const pair of unseparated) {
      expect(pair.reason).toBe(ALWAYS_UNSEPARATED[pair.newer]);
    }
  });

  test('pairs each unseparated era with its predecessor', () => {
    const { unseparated } = buildFingerprintPlan(kernels, { injection: true });
    const dates = ERAS.map((era) => era.since);
    for (const pair of unseparated) {
      expect(dates.indexOf(pair.older) + 1).toBe(dates.indexOf(pair.newer));
    }
  });

  test('separates eras exactly as the whole candidate space does', () => {
    const { plan } = buildFingerprintPlan(kernels, { injection: true });
    const everything = listCandidates({
      kernels,
      hostActionSequences: HOST_ACTION_SEQUENCES,
    });
    const chosen = plan.probes.map((planned) => planned.probe);
    const byAll = ERAS.map((_, index) => signature(index, everything));
    const byPlan = ERAS.map((_, index) => signature(index, chosen));
    for (let i = 0; i < ERAS.length; i += 1) {
      for (let j = i + 1; j < ERAS.length; j += 1) {
        const apartByAll = byAll[i] !== byAll[j];
        const apartByPlan = byPlan[i] !== byPlan[j];
        expect(apartByPlan, `${ERAS[i]?.since} vs ${ERAS[j]?.since}`).toBe(
          apartByAll,
        );
      }
    }
  });

  test('chooses far fewer probes than candidates', () => {
    const { plan } = buildFingerprintPlan(kernels, { injection: true });
    const candidates = listCandidates({ kernels });
    expect(plan.probes.length).toBeLessThan(ERAS.length);
    expect(plan.probes.length).toBeLessThan(candidates.length / 10);
  });
});

describe('fingerprint plan without injection', () => {
  test('adds the injection-only pairs to the unseparated list', () => {
    const { unseparated } = buildFingerprintPlan(kernels, { injection: false });
    const expected = [
      ...Object.keys(ALWAYS_UNSEPARATED),
      ...Object.keys(INJECTION_ONLY),
    ].sort();
    expect(unseparated.map((pair) => pair.newer).sort()).toEqual(expected);
  });

  test('plans no injected host event', () => {
    const { plan } = buildFingerprintPlan(kernels, { injection: false });
    const actions = plan.probes.flatMap((planned) => planned.probe.hostActions);
    expect(actions.filter((action) => action !== 'stop')).toEqual([]);
  });
});

describe('fingerprint plan', () => {
  test('follows an added era row', () => {
    // A copy of the newest era in which an invalid flag exits 7 must get a probe that shows it.
    const newest = ERAS[ERAS.length - 1];
    if (newest === undefined) throw new Error('the era table is empty');
    const invented = {
      ...newest,
      since: '2026-09-01',
      change: 'invalid flags exit 7',
      exit: { ...newest.exit, invalidArgs: 7 },
    };
    const eras = [...ERAS, invented];
    const { plan, unseparated } = buildFingerprintPlan(kernels, {
      injection: true,
      eras,
    });
    expect(unseparated.map((pair) => pair.newer)).not.toContain('2026-09-01');
    const last = plan.probes.map(
      (planned) => planned.predictions.at(-1)?.ending,
    );
    expect(last).toContain('exit 7');
  });
});
