import { setTimeout as sleep } from 'node:timers/promises';
import type { RunningProcess } from '../launch/launch.js';

/**
 * The wait after which a probe that some era predicts to keep running counts as running. It is
 * measured against the other probes of the same fingerprint, so it follows the binary's speed
 * and the machine's load.
 */

/**
 * How long a probe that some era predicts to keep running may live before it counts as
 * running, as a multiple of the slowest probe that ended by itself without host actions. A
 * binary that rejects the kernel or the command line exits about as fast as those probes do, and
 * the multiple scales with the machine's load instead of assuming a fixed start-up time. Twice
 * the slowest ordinary probe, which boots a guest to its end, leaves a loader or argument error
 * (which exits before any vCPU runs) a wide margin.
 * NOTE: measured on the stub only; a real crosvm whose VM creation dominates its start-up has
 * not been timed here.
 */
export const RUNNING_WAIT_FACTOR = 2;

/** Lower bound of that wait, in milliseconds (0.3 s), for a binary that starts very fast. */
export const MIN_RUNNING_WAIT_MS = 300;

/** The wait when no probe ended by itself to measure from, in milliseconds (3 s). */
export const DEFAULT_RUNNING_WAIT_MS = 3_000;

/** Returns how long a possibly running probe may live, from the durations of ordinary probes. */
export function runningWaitMs(referenceDurations: readonly number[]): number {
  if (referenceDurations.length === 0) return DEFAULT_RUNNING_WAIT_MS;
  // A wait past the probe's own time limit ends at that limit, with the same observation.
  return Math.max(
    MIN_RUNNING_WAIT_MS,
    RUNNING_WAIT_FACTOR * Math.max(...referenceDurations),
  );
}

/**
 * Kills the probe's process group if it is still alive `await runningWait` milliseconds after
 * `started`, and returns whether it did.
 */
export async function endWhenRunning(
  running: RunningProcess,
  started: number,
  runningWait: Promise<number>,
): Promise<boolean> {
  const waitMs = await runningWait;
  const timer = new AbortController();
  const remaining = Math.max(0, started + waitMs - performance.now());
  const outlived = await Promise.race([
    running.ended.then(() => false),
    sleep(remaining, true, { signal: timer.signal }).catch(() => false),
  ]);
  timer.abort();
  if (outlived) running.signalGroup('SIGKILL');
  return outlived;
}
