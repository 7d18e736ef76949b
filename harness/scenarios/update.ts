import { formatExitStatus } from '../model/exit-status.js';
import type { Expectation, ScenarioResult } from '../run/types.js';
import type { ExpectationsFile } from './expectations.js';
import type { Scenario } from './scenario.js';

/**
 * Builds the expectations a run would approve: each scenario's raw exit and primary reason, and a
 * divergence reason wherever the reason differs from the scenario's intent. An existing reason
 * text is kept, so a reviewer's wording survives a rewrite. Otherwise the matrix's known note is
 * used, and without one a TODO line requests an explanation from the reviewer. A run narrowed to some scenarios
 * (`partial`) keeps the previous file's entries for the others, when that file is for the same
 * target, so that approving one scenario never drops the rest.
 */
export function expectationsFromRun(
  results: readonly ScenarioResult[],
  scenarios: readonly Scenario[],
  target: { era: string; profile: string },
  previous: ExpectationsFile | undefined,
  partial = false,
): ExpectationsFile {
  const byId = new Map(scenarios.map((scenario) => [scenario.id, scenario]));
  const sameTarget =
    previous !== undefined &&
    previous.target.era === target.era &&
    previous.target.profile === target.profile;
  const entries: Record<string, Expectation> =
    partial && sameTarget ? { ...previous.scenarios } : {};
  for (const result of results) {
    const primary = result.classifications[0];
    if (primary === undefined) continue;
    // A failed wait is a harness problem, never an outcome to approve.
    if (result.status.kind === 'wait-failed') continue;
    const exit = formatExitStatus(result.status);
    const scenario = byId.get(result.id);
    const intent = scenario?.intent;
    let divergence: string | undefined;
    if (intent !== undefined && intent !== primary.reason) {
      divergence =
        previous?.scenarios[result.id]?.divergence ??
        scenario?.divergenceNote ??
        `TODO: explain why this scenario ends with ${primary.reason} instead of ${intent}`;
    }
    entries[result.id] = {
      exit,
      reason: primary.reason,
      ...(divergence !== undefined ? { divergence } : {}),
    };
  }
  return { target, scenarios: entries };
}
