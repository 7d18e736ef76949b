import type { HangupEmulation, LaunchMode } from '../avf-launch/launch-mode.js';
import type { CrosvmTarget } from '../crosvm/discover.js';
import type { Era } from '../crosvm/eras.js';
import { capFailureString, classify } from '../model/classify.js';
import type { Profile } from '../model/profile.js';
import type { ExpectationsFile } from '../scenarios/expectations.js';
import type { Scenario } from '../scenarios/scenario.js';
import type { Injector } from './host-actions.js';
import { runScenarios, type Classifier } from './runner.js';
import type { RunReport, ScenarioResult } from './types.js';

/** Everything a run needs once the command line has been read and checked. */
export interface RunPlan {
  readonly target: CrosvmTarget;
  /** The crosvm era the run certifies; the command lines use its flag spellings. */
  readonly era: Era;
  /** AVF profiles, the primary one first. */
  readonly profiles: readonly Profile[];
  readonly scenarios: readonly Scenario[];
  readonly expectations?: ExpectationsFile | undefined;
  readonly inject?: Injector | undefined;
  /** The launch mode of crosvm; `avf` when absent. */
  readonly launchMode?: LaunchMode | undefined;
  /** AVF hangup emulation, when asked for. */
  readonly hangup?: HangupEmulation | undefined;
}

/** Settings for carrying out a plan. */
export interface ExecuteOptions {
  readonly outputDir: string;
  readonly jobs: number;
  readonly repeat: number;
  readonly onResult?: ((result: ScenarioResult) => void) | undefined;
}

/** Returns a classifier that reads an ending under each profile of the plan, in order. */
export function classifierFor(profiles: readonly Profile[]): Classifier {
  return (status, failureString, hangupDetected) =>
    profiles.map((profile) => {
      const { reason, value, message } = classify(
        profile,
        status,
        failureString,
        { hangupDetected },
      );
      return { profile: profile.name, reason, value, message };
    });
}

/** Returns the primary profile's failure-string cut, for the results. */
export function failureCapFor(
  profiles: readonly Profile[],
): ((failureString: string) => string) | undefined {
  const primary = profiles[0];
  if (primary === undefined) return undefined;
  return (failureString) => capFailureString(primary, failureString);
}

/** Runs every scenario of the plan and returns the report the reporters read. */
export async function executeRun(
  plan: RunPlan,
  options: ExecuteOptions,
): Promise<RunReport> {
  const startedAt = new Date().toISOString();
  const results = await runScenarios({
    target: plan.target,
    scenarios: plan.scenarios,
    era: plan.era,
    classify: classifierFor(plan.profiles),
    capFailure: failureCapFor(plan.profiles),
    outputDir: options.outputDir,
    jobs: options.jobs,
    repeat: options.repeat,
    expectations: plan.expectations,
    inject: plan.inject,
    launchMode: plan.launchMode,
    hangup: plan.hangup,
    onResult: options.onResult,
  });
  return {
    startedAt,
    finishedAt: new Date().toISOString(),
    binary: plan.target.identity,
    vmm: 'crosvm',
    target: {
      era: plan.era.since,
      profiles: plan.profiles.map((profile) => profile.name),
    },
    // A fingerprint line goes here once the run takes one (`RunReport.fingerprint`).
    results,
  };
}
