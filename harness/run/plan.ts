import { availableParallelism } from 'node:os';
import { UsageError } from '../cli/errors.js';
import { ArgvError, buildArgv } from '../crosvm/argv.js';
import {
  defaultLaunchMode,
  type HangupEmulation,
  type LaunchMode,
} from '../avf-launch/launch-mode.js';
import type { CrosvmTarget } from '../crosvm/discover.js';
import {
  EraDateError,
  eraForDate,
  NEWEST_ERA,
  type Era,
} from '../crosvm/eras.js';
import { FIXTURES } from '../fixtures/catalog.js';
import { injectHostEvent } from '../stub/inject.js';
import {
  DEFAULT_PROFILE_NAME,
  findProfile,
  PROFILES,
  UnknownProfileError,
} from '../model/profiles.js';
import type { Profile } from '../model/profile.js';
import {
  EXPECTATIONS_PATH,
  loadExpectations,
  type ExpectationsFile,
} from '../scenarios/expectations.js';
import { buildMatrix, scenarioFixture } from '../scenarios/matrix.js';
import type { Scenario } from '../scenarios/scenario.js';
import type { RunPlan } from './session.js';

/** The choices of the `run` and `compare` commands that a plan is built from. */
export interface PlanRequest {
  readonly target: CrosvmTarget;
  /** `--target-era`; the newest era when absent. */
  readonly targetEra?: string | undefined;
  /** `--profile`, primary first; the default profile when empty. */
  readonly profiles?: readonly string[] | undefined;
  /** Substrings of scenario ids to keep (`--scenario`); every scenario when empty. */
  readonly only?: readonly string[] | undefined;
  /** Expectations to hold results to; `false` runs without any (compare, update). */
  readonly expectationsPath?: string | false | undefined;
  /** `--launch`; AVF's launch when any selected profile reads a failure string. */
  readonly launchMode?: LaunchMode | undefined;
  /** `--hangup-marker` and `--hangup-timeout`. */
  readonly hangup?: HangupEmulation | undefined;
}

/** Default `--jobs`: the cores Node may use. */
export function defaultJobs(): number {
  return availableParallelism();
}

/** Resolves `--target-era`, turning a bad date into a usage error. */
export function targetEra(date: string | undefined): Era {
  if (date === undefined) return NEWEST_ERA;
  try {
    return eraForDate(date);
  } catch (error) {
    if (error instanceof EraDateError)
      throw new UsageError(`invalid --target-era: ${error.message}`);
    throw error;
  }
}

/** The `--profile` value that selects every profile. */
export const ALL_PROFILES = 'all';

/**
 * Resolves `--profile` names, turning an unknown name into a usage error. `all` adds every profile
 * not named before it, in date order, after the named ones, or after the default profile when
 * `all` is the only name. The primary profile so stays the one the expectations are written for.
 */
export function targetProfiles(
  names: readonly string[] | undefined,
): Profile[] {
  const list =
    names === undefined || names.length === 0 ? [DEFAULT_PROFILE_NAME] : names;
  const named = list.filter((name) => name !== ALL_PROFILES);
  const wantsAll = named.length < list.length;
  try {
    const profiles = (
      wantsAll && named.length === 0 ? [DEFAULT_PROFILE_NAME] : named
    ).map((name) => findProfile(name));
    if (!wantsAll) return profiles;
    return [
      ...profiles,
      ...PROFILES.filter((profile) => !profiles.includes(profile)),
    ];
  } catch (error) {
    if (error instanceof UnknownProfileError)
      throw new UsageError(
        `invalid --profile: ${error.message}, or "${ALL_PROFILES}" for every profile`,
      );
    throw error;
  }
}

/** Builds the scenario matrix for a binary, narrowed by `only` when given. */
export function scenariosFor(
  target: CrosvmTarget,
  era: Era,
  only: readonly string[] | undefined,
): Scenario[] {
  const fixtures = FIXTURES.map((entry) => scenarioFixture(entry, era.since));
  const all = buildMatrix(fixtures, {
    canInject: target.identity.stubEra !== undefined,
  });
  if (only === undefined || only.length === 0) return all;
  const selected = all.filter((scenario) =>
    only.some((part) => scenario.id.includes(part)),
  );
  if (selected.length === 0) {
    throw new UsageError(
      `no scenario id contains ${only.map((part) => `"${part}"`).join(' or ')}; list ids with --list`,
    );
  }
  return selected;
}

/**
 * Loads the expectations and checks that they were approved for the run's target. Holding a run
 * to another target's outcomes would report every intended difference as a failure.
 */
async function expectationsFor(
  path: string,
  era: Era,
  profile: Profile,
): Promise<ExpectationsFile> {
  const file = await loadExpectations(path);
  if (file.target.era !== era.since || file.target.profile !== profile.name) {
    throw new UsageError(
      `expectations file ${path} is for era ${file.target.era} and profile ${file.target.profile}, not era ${era.since} and profile ${profile.name}; write one for this target with --update-expectations --expectations PATH, then pass --expectations PATH`,
    );
  }
  return file;
}

/** Checks up front that the target era can spell every variant the scenarios use. */
function checkVariants(era: Era, scenarios: readonly Scenario[]): void {
  for (const variant of new Set(
    scenarios.map((scenario) => scenario.variant),
  )) {
    try {
      buildArgv({
        executable: 'crosvm',
        variant,
        era,
        kernelPath: 'kernel.elf',
        missingKernelPath: 'missing.elf',
        failurePortPath: 'failure-port.log',
      });
    } catch (error) {
      if (error instanceof ArgvError)
        throw new UsageError(
          `invalid --target-era: in the era from ${era.since}, ${error.message}`,
        );
      throw error;
    }
  }
}

/** Builds a run plan from the command's choices. */
export async function buildPlan(request: PlanRequest): Promise<RunPlan> {
  const era = targetEra(request.targetEra);
  const profiles = targetProfiles(request.profiles);
  const primary = profiles[0];
  if (primary === undefined)
    throw new UsageError('no --profile selected; name one AVF profile');
  const path = request.expectationsPath ?? EXPECTATIONS_PATH;
  const scenarios = scenariosFor(request.target, era, request.only);
  checkVariants(era, scenarios);
  return {
    target: request.target,
    era,
    profiles,
    scenarios,
    expectations:
      path === false ? undefined : await expectationsFor(path, era, primary),
    inject:
      request.target.identity.stubEra !== undefined
        ? injectHostEvent
        : undefined,
    launchMode: request.launchMode ?? defaultLaunchMode(profiles),
    hangup: request.hangup,
  };
}
