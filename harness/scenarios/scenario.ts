/**
 * A scenario is one fixture booted with one command-line variant while the host does one thing.
 * Its id is `FIXTURE.VARIANT.ACTION` and stays the same across runs and harness versions, because
 * expectations files, baselines and report histories are keyed by it.
 */

/** How the command line differs from AVF's own (`crosvm --extended-status run ...`). */
export type Variant =
  'ext' | 'plain' | 'no-i8042' | 'invalid-flag' | 'missing-kernel';

/** What the host does while the VMM runs. */
export type HostAction =
  | 'none'
  | 'sigkill'
  | 'sigterm'
  | 'stop'
  | 'timeout'
  | 'device-child-killed'
  | 'device-child-clean-exit'
  | 'vhost-user-disconnect';

/** Host actions that act on a running guest, so they apply only to fixtures that keep running. */
export const RUNNING_GUEST_ACTIONS: readonly HostAction[] = [
  'sigkill',
  'sigterm',
  'stop',
  'timeout',
  'device-child-killed',
  'device-child-clean-exit',
  'vhost-user-disconnect',
];

/** Host actions that need the stub's event injection; a real crosvm cannot be asked for them. */
export const INJECTED_ACTIONS: readonly HostAction[] = [
  'device-child-killed',
  'device-child-clean-exit',
  'vhost-user-disconnect',
];

export interface Scenario {
  /** `FIXTURE.VARIANT.ACTION`, e.g. `reboot-i8042.plain.none`. */
  readonly id: string;
  readonly fixture: string;
  readonly variant: Variant;
  readonly hostAction: HostAction;
  /** Harness timeout in milliseconds; on expiry the group gets SIGTERM, then SIGKILL. */
  readonly timeoutMs: number;
  /** DeathReason that the fixture's author, or the host action, means the VM to end with. */
  readonly intent: string;
  /** Why the ending differs from the intent, where a reason is known before running. */
  readonly divergenceNote?: string;
}

/** Builds the stable id of a scenario. */
export function scenarioId(
  fixture: string,
  variant: Variant,
  hostAction: HostAction,
): string {
  return `${fixture}.${variant}.${hostAction}`;
}
