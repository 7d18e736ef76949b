import type { FixtureEntry } from '../fixtures/catalog-types.js';
import {
  compareIds,
  INJECTED_ACTIONS,
  RUNNING_GUEST_ACTIONS,
  scenarioId,
  type HostAction,
  type Scenario,
  type Variant,
} from './scenario.js';

/** The fixture facts the matrix reads; the fixture catalog provides them. */
export interface ScenarioFixture {
  readonly name: string;
  readonly kind: 'valid' | 'malformed' | 'token';
  /** DeathReason the fixture's author means, e.g. `REBOOT`. */
  readonly intent: string;
  /** True when the guest never ends by itself (`hang`, `busy-loop`). */
  readonly keepsRunning: boolean;
  /** Reason the real ending differs from the intent, where the catalog lists one. */
  readonly divergence?: string | undefined;
  /**
   * True when the catalog cannot tell how crosvm ends this fixture in the target era (e.g. an
   * ELF32 image that a 2025 crosvm starts in 32-bit mode). No outcome could be approved for it,
   * so the matrix leaves it out.
   */
  readonly undetermined?: boolean;
}

/**
 * Harness timeout for a scenario that should end by itself, in milliseconds (30 s). The stub ends
 * in well under a second and crosvm boots a fixture in about one; 30 s absorbs a loaded 2-core CI
 * machine and still ends a wrongly hanging guest quickly.
 */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Harness timeout where the timeout itself is the expected ending, in milliseconds (2 s). It must
 * exceed the guest's start-up so that the kill lands on a running guest, yet stay short because
 * every such scenario waits for it in full.
 */
export const ENDS_BY_TIMEOUT_MS = 2_000;

/** Host actions tried on `hang`, the reference fixture for a running guest: every one. */
const HANG_ACTIONS = RUNNING_GUEST_ACTIONS;

/**
 * Host actions tried on the other fixtures that keep running. A busy guest and a guest that sent
 * a failure token differ from `hang` only in how they take a kill, so the rest would repeat it.
 */
const OTHER_RUNNING_ACTIONS: readonly HostAction[] = ['sigkill', 'timeout'];

/** Fixtures that run with `--no-i8042`: one that needs the i8042 and one that resets another way. */
const NO_I8042_FIXTURES = ['reboot-i8042', 'panic-reboot'];

/**
 * Fixture used for the variants whose ending does not depend on the guest (an invalid flag, a
 * missing kernel): one is enough.
 */
const COMMAND_LINE_FIXTURE = 'shutdown-acpi';

/** DeathReason each host action means the VM to end with. */
const ACTION_INTENT: Readonly<Record<HostAction, string | undefined>> = {
  none: undefined,
  sigkill: 'KILLED',
  sigterm: 'KILLED',
  stop: 'SHUTDOWN',
  timeout: 'KILLED',
  'device-child-killed': 'CRASH',
  'device-child-clean-exit': 'KILLED',
  'vhost-user-disconnect': 'CRASH',
};

/** Known reasons, before any run, why a variant or action ends differently from its intent. */
const KNOWN_DIVERGENCE: Readonly<Record<string, string>> = {
  plain:
    'without --extended-status crosvm turns every successful status (32, 33, 34, 36) into exit 0',
  'invalid-flag':
    'crosvm exits 35 on an invalid flag since 2022-08-09 and AVF has no arm for 35, so UNKNOWN',
  'no-i8042':
    'with --no-i8042 no device decodes port 0x64, so a guest that resets only through it runs on',
  'device-child-clean-exit':
    'since 2023-06-13 an unsandboxed crosvm ignores a clean exit of an untracked child, so the' +
    ' VM runs until the harness timeout',
};

function makeScenario(
  fixture: ScenarioFixture,
  variant: Variant,
  hostAction: HostAction,
  timeoutMs: number,
): Scenario {
  const variantIntent =
    variant === 'invalid-flag' || variant === 'missing-kernel'
      ? 'ERROR'
      : undefined;
  const note =
    KNOWN_DIVERGENCE[hostAction] ??
    KNOWN_DIVERGENCE[variant] ??
    (hostAction === 'none' && variant === 'ext'
      ? fixture.divergence
      : undefined);
  return {
    id: scenarioId(fixture.name, variant, hostAction),
    fixture: fixture.name,
    variant,
    hostAction,
    timeoutMs,
    intent: variantIntent ?? ACTION_INTENT[hostAction] ?? fixture.intent,
    ...(note !== undefined ? { divergenceNote: note } : {}),
  };
}

/**
 * Reads the facts the matrix needs from a fixture catalog entry, for a run that targets the era
 * starting on `eraDate` (YYYY-MM-DD).
 */
export function scenarioFixture(
  entry: FixtureEntry,
  eraDate: string,
): ScenarioFixture {
  const row = entry.crosvm.findLast((candidate) => candidate.since <= eraDate);
  return {
    name: entry.name,
    kind: entry.kind,
    intent: entry.intent,
    keepsRunning: entry.kind !== 'malformed' && entry.keepsRunning,
    divergence: entry.divergence ?? undefined,
    undetermined: row?.extended.kind === 'undetermined',
  };
}

/** Options that narrow the matrix to what a binary can do. */
export interface MatrixOptions {
  /** False for a real crosvm: device-child and vhost-user events can only be injected into the stub. */
  readonly canInject: boolean;
}

/**
 * Builds the scenario matrix. Every fixture runs with AVF's command line, and terminating valid
 * fixtures also without `--extended-status`. The i8042 pair also runs with `--no-i8042`, one
 * fixture with an invalid flag and with a missing kernel, and fixtures that keep running get the
 * host actions. Sorted
 * by id, so the order never depends on the catalog's order.
 */
export function buildMatrix(
  fixtures: readonly ScenarioFixture[],
  options: MatrixOptions,
): Scenario[] {
  const scenarios: Scenario[] = [];
  for (const fixture of fixtures) {
    if (fixture.undetermined === true) continue;
    if (fixture.keepsRunning) {
      const actions =
        fixture.name === 'hang' ? HANG_ACTIONS : OTHER_RUNNING_ACTIONS;
      for (const action of actions) {
        if (!options.canInject && INJECTED_ACTIONS.includes(action)) continue;
        const timeout =
          action === 'timeout' || action === 'device-child-clean-exit'
            ? ENDS_BY_TIMEOUT_MS
            : DEFAULT_TIMEOUT_MS;
        scenarios.push(makeScenario(fixture, 'ext', action, timeout));
      }
      continue;
    }
    scenarios.push(makeScenario(fixture, 'ext', 'none', DEFAULT_TIMEOUT_MS));
    if (fixture.kind === 'valid') {
      scenarios.push(
        makeScenario(fixture, 'plain', 'none', DEFAULT_TIMEOUT_MS),
      );
    }
    if (NO_I8042_FIXTURES.includes(fixture.name)) {
      // A guest whose reset write reaches no device may run on: give it the short timeout.
      scenarios.push(
        makeScenario(fixture, 'no-i8042', 'none', ENDS_BY_TIMEOUT_MS),
      );
    }
    if (fixture.name === COMMAND_LINE_FIXTURE) {
      scenarios.push(
        makeScenario(fixture, 'invalid-flag', 'none', DEFAULT_TIMEOUT_MS),
      );
      scenarios.push(
        makeScenario(fixture, 'missing-kernel', 'none', DEFAULT_TIMEOUT_MS),
      );
    }
  }
  return scenarios.sort(compareIds);
}
