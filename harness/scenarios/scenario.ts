/**
 * A scenario is one fixture booted with one command-line variant while the host does one thing.
 * Its id is `FIXTURE.VARIANT.ACTION` and stays the same across runs and harness versions, because
 * expectations files, baselines and report histories are keyed by it.
 */

/** Command-line variant, relative to AVF's own (`crosvm --extended-status run ...`). */
export type Variant =
  'ext' | 'plain' | 'no-i8042' | 'invalid-flag' | 'missing-kernel';

/** Host action while the VMM runs. */
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
  /** Reason the ending differs from the intent, where one is known before running. */
  readonly divergenceNote?: string;
}

/** Orders results and scenarios by id in code-point order, the order `Array.sort` uses. */
export function compareIds(
  a: { readonly id: string },
  b: { readonly id: string },
): number {
  if (a.id < b.id) return -1;
  if (a.id > b.id) return 1;
  return 0;
}

/** Builds the stable id of a scenario. */
export function scenarioId(
  fixture: string,
  variant: Variant,
  hostAction: HostAction,
): string {
  return `${fixture}.${variant}.${hostAction}`;
}
