import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { LaunchMode } from '../../harness/avf-launch/launch-mode.js';
import type { CrosvmTarget } from '../../harness/crosvm/discover.js';
import type { Era } from '../../harness/crosvm/eras.js';
import { buildPlan } from '../../harness/run/plan.js';
import { runScenario } from '../../harness/run/runner.js';
import { classifierFor } from '../../harness/run/session.js';
import type { ScenarioResult } from '../../harness/run/types.js';
import type { Scenario } from '../../harness/scenarios/scenario.js';

/** A prepared way to run single scenarios of one binary, as the `run` command does. */
export interface ScenarioRunner {
  readonly scenarios: readonly Scenario[];
  run(scenario: Scenario): Promise<ScenarioResult>;
}

/**
 * Temporary folder for this test file's evidence, created on first use. It is a promise so that
 * concurrent tests share one folder.
 */
let evidenceRoot: Promise<string> | undefined;

afterAll(async () => {
  if (evidenceRoot !== undefined) {
    await rm(await evidenceRoot, { recursive: true, force: true });
  }
});

/**
 * Plans a run of `target` in `era` with the default profile and no expectations, keeping only
 * the scenarios whose ids contain one of `only` when given, launched in `launchMode` (the
 * profile's default when absent). Returns a function that runs one scenario of it with its
 * evidence in a temporary folder that is removed after the file's tests.
 */
export async function scenarioRunner(
  target: CrosvmTarget,
  era: Era,
  only?: readonly string[],
  launchMode?: LaunchMode,
): Promise<ScenarioRunner> {
  const plan = await buildPlan({
    target,
    targetEra: era.since,
    only,
    expectationsPath: false,
    launchMode,
  });
  evidenceRoot ??= mkdtemp(join(tmpdir(), 'conformance-suite-'));
  const outputDir = await mkdtemp(join(await evidenceRoot, 'run-'));
  const options = {
    ...plan,
    classify: classifierFor(plan.profiles),
    outputDir,
    jobs: 1,
    repeat: 1,
  };
  return {
    scenarios: plan.scenarios,
    run: (scenario) => runScenario(options, scenario),
  };
}
