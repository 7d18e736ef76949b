import { join } from 'node:path';
import { stubTarget } from '../crosvm/discover.js';
import { ERAS, type Era } from '../crosvm/eras.js';
import { findFixture } from '../fixtures/catalog.js';
import { classify } from '../model/classify.js';
import { exited, signaled, formatExitStatus } from '../model/exit-status.js';
import type { Profile } from '../model/profile.js';
import type { ExpectationsFile } from '../scenarios/expectations.js';
import { ENDS_BY_TIMEOUT_MS } from '../scenarios/matrix.js';
import type { Scenario } from '../scenarios/scenario.js';
import { scenariosFor } from './plan.js';
import { executeRun } from './session.js';
import type { Expectation, RunReport, ScenarioResult } from './types.js';

/**
 * The all-eras run: every catalogued fixture with and without `--extended-status` on the stub in
 * every era, held to the raw exit the fixture catalog lists for that era. Host actions and the
 * other variants have no per-era expectation written by hand, so only the default run covers
 * them.
 */

/** Selects the scenarios of `era` that the catalog gives an outcome for, with those outcomes. */
export function catalogPlan(
  era: Era,
  profile: Profile,
): { scenarios: Scenario[]; expectations: ExpectationsFile } {
  const target = stubTarget(era.since, 'all eras');
  const scenarios: Scenario[] = [];
  const entries: Record<string, Expectation> = {};
  for (const scenario of scenariosFor(target, era, undefined)) {
    if (scenario.hostAction !== 'none') continue;
    if (scenario.variant !== 'ext' && scenario.variant !== 'plain') continue;
    if (scenario.variant === 'ext' && !era.flags.extendedStatus) continue;
    const fixture = findFixture(scenario.fixture);
    const row = fixture.crosvm.findLast(
      (candidate) => candidate.since <= era.since,
    );
    const raw = scenario.variant === 'ext' ? row?.extended : row?.plain;
    if (raw === undefined || raw.kind === 'undetermined') continue;
    // A guest that runs until killed ends by the harness timeout, which sends SIGTERM.
    const status = raw.kind === 'exit' ? exited(raw.code) : signaled('SIGTERM');
    const reason = classify(profile, status).reason;
    const divergence =
      reason === fixture.intent ? undefined : fixture.divergence;
    entries[scenario.id] = {
      exit: formatExitStatus(status),
      reason,
      ...(divergence !== undefined && divergence !== null
        ? { divergence }
        : {}),
    };
    scenarios.push(
      raw.kind === 'exit'
        ? scenario
        : { ...scenario, timeoutMs: ENDS_BY_TIMEOUT_MS },
    );
  }
  return {
    scenarios,
    expectations: {
      target: { era: era.since, profile: profile.name },
      scenarios: entries,
    },
  };
}

export interface AllErasOptions {
  readonly profiles: readonly Profile[];
  readonly outputDir: string;
  readonly jobs: number;
  readonly repeat: number;
  /** Called once per era with that era's results. */
  readonly onEra?:
    ((era: Era, results: readonly ScenarioResult[]) => void) | undefined;
}

/**
 * Runs the catalogued scenarios on the stub in every era and merges the results into one report
 * whose ids are `ERA/ID`, e.g. `2022-06-13/reboot-i8042.ext.none`.
 */
export async function runAllEras(options: AllErasOptions): Promise<RunReport> {
  const primary = options.profiles[0];
  if (primary === undefined)
    throw new RangeError('runAllEras needs at least one profile');
  const startedAt = new Date().toISOString();
  const merged: ScenarioResult[] = [];
  for (const era of ERAS) {
    const { scenarios, expectations } = catalogPlan(era, primary);
    const report = await executeRun(
      {
        target: stubTarget(era.since, 'all eras'),
        era,
        profiles: options.profiles,
        scenarios,
        expectations,
      },
      {
        outputDir: join(options.outputDir, 'eras', era.since),
        jobs: options.jobs,
        repeat: options.repeat,
      },
    );
    options.onEra?.(era, report.results);
    for (const result of report.results)
      merged.push({ ...result, id: `${era.since}/${result.id}` });
  }
  return {
    startedAt,
    finishedAt: new Date().toISOString(),
    binary: {
      path: 'stub:every era',
      foundBy: '--all-eras',
      stubEra: 'every era',
    },
    vmm: 'crosvm',
    target: {
      era: 'every era',
      profiles: options.profiles.map((profile) => profile.name),
    },
    results: merged,
  };
}
