import { join } from 'node:path';
import type { CrosvmTarget } from '../crosvm/discover.js';
import { formatExitStatus } from '../model/exit-status.js';
import { buildPlan } from './plan.js';
import { rejudge } from './rejudge.js';
import { executeRun } from './session.js';
import type { Expectation, RunReport, ScenarioResult } from './types.js';

/** One scenario whose outcome differs between the baseline and the candidate. */
export interface OutcomeChange {
  readonly id: string;
  readonly oldExit: string;
  readonly newExit: string;
  readonly oldReason: string;
  readonly newReason: string;
}

/** The result of an upgrade gate: both runs and the changed outcomes. */
export interface Comparison {
  readonly baseline: RunReport;
  /** The candidate's run, each result judged against the baseline's outcome. */
  readonly candidate: RunReport;
  readonly changes: readonly OutcomeChange[];
}

export interface CompareRequest {
  readonly baseline: CrosvmTarget;
  readonly candidate: CrosvmTarget;
  readonly targetEra?: string | undefined;
  readonly profiles?: readonly string[] | undefined;
  readonly only?: readonly string[] | undefined;
  /** Directory under which `baseline/` and `candidate/` keep each scenario's evidence. */
  readonly outputDir: string;
  readonly jobs: number;
  readonly onResult?:
    | ((side: 'baseline' | 'candidate', result: ScenarioResult) => void)
    | undefined;
}

function outcomeOf(result: ScenarioResult): Expectation {
  return {
    exit: formatExitStatus(result.status),
    reason: result.classifications[0]?.reason ?? '',
  };
}

/**
 * Runs both binaries over the same scenarios and lists every scenario whose raw exit or primary
 * DeathReason changed. Scenarios only one side can run (injected events on a real crosvm) are
 * left out of both, so the lists match one to one.
 */
export async function compareBinaries(
  request: CompareRequest,
): Promise<Comparison> {
  const common = {
    targetEra: request.targetEra,
    profiles: request.profiles,
    only: request.only,
    expectationsPath: false as const,
  };
  const baselinePlan = await buildPlan({ ...common, target: request.baseline });
  const candidatePlan = await buildPlan({
    ...common,
    target: request.candidate,
  });
  const candidateIds = new Set(
    candidatePlan.scenarios.map((scenario) => scenario.id),
  );
  const scenarios = baselinePlan.scenarios.filter((scenario) =>
    candidateIds.has(scenario.id),
  );

  const baseline = await executeRun(
    { ...baselinePlan, scenarios },
    {
      outputDir: join(request.outputDir, 'baseline'),
      jobs: request.jobs,
      repeat: 1,
      onResult: (result) => request.onResult?.('baseline', result),
    },
  );
  const candidate = await executeRun(
    { ...candidatePlan, scenarios },
    {
      outputDir: join(request.outputDir, 'candidate'),
      jobs: request.jobs,
      repeat: 1,
      onResult: (result) => request.onResult?.('candidate', result),
    },
  );

  const before = new Map(
    baseline.results.map((result) => [result.id, outcomeOf(result)]),
  );
  const changes: OutcomeChange[] = [];
  const judged = candidate.results.map((result) => {
    const old = before.get(result.id);
    const now = outcomeOf(result);
    if (
      old !== undefined &&
      (old.exit !== now.exit || old.reason !== now.reason)
    ) {
      changes.push({
        id: result.id,
        oldExit: old.exit,
        newExit: now.exit,
        oldReason: old.reason,
        newReason: now.reason,
      });
    }
    return rejudge(result, old);
  });
  return { baseline, candidate: { ...candidate, results: judged }, changes };
}

/** Formats one change: `ID: exit 0 -> exit 35, SHUTDOWN -> UNKNOWN`. */
export function formatChange(change: OutcomeChange): string {
  return `${change.id}: ${change.oldExit} -> ${change.newExit}, ${change.oldReason} -> ${change.newReason}`;
}
