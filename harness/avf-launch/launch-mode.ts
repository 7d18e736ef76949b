import type { RunningProcess } from '../launch/launch.js';
import type { Profile } from '../model/profile.js';

/**
 * The way the harness starts crosvm. `avf` starts it as AVF does: the scenario's flags plus the
 * guest's second UART (COM2) sent to a failure pipe. The harness drains that pipe while the VM
 * runs and passes its contents to the classifier. `bare` leaves COM2 out, as a plain `crosvm run`.
 */
export type LaunchMode = 'avf' | 'bare';

export const LAUNCH_MODES: readonly LaunchMode[] = ['avf', 'bare'];

/** Returns `avf` when any selected profile reads a failure string (AVF from 2022-03-01), else `bare`. */
export function defaultLaunchMode(profiles: readonly Profile[]): LaunchMode {
  return profiles.some((profile) => profile.failure.read) ? 'avf' : 'bare';
}

/**
 * Emulation of AVF's Microdroid hangup detection. AVF waits for the payload to report Started and
 * kills crosvm when it has not within the boot timeout (10, 30 or 60 s by AVF version). A bare
 * fixture has no payload, so a console line takes the place of "payload started".
 */
export interface HangupEmulation {
  /** Console text whose appearance counts as "payload started". */
  readonly marker: string;
  /** Milliseconds to wait for the marker before killing the VM. */
  readonly timeoutMs: number;
}

/**
 * Returns a host action that kills crosvm with SIGKILL, as AVF's `kill()` does, when the marker
 * has not appeared within the timeout while crosvm still runs. It also returns a function that
 * reports whether the watcher killed crosvm. The launcher then reaps the rest of the process group.
 */
export function hangupWatcher(hangup: HangupEmulation): {
  readonly during: (running: RunningProcess) => Promise<void>;
  readonly hungUp: () => boolean;
} {
  let hungUp = false;
  return {
    hungUp: () => hungUp,
    during: async (running) => {
      const vm = { ended: false };
      void running.ended.then(() => {
        vm.ended = true;
      });
      const started = await running.waitForConsole(
        hangup.marker,
        hangup.timeoutMs,
      );
      if (started || vm.ended) return;
      hungUp = true;
      try {
        process.kill(running.pid, 'SIGKILL');
      } catch {
        // The VM ended between the check and the signal; it did not hang.
        hungUp = false;
      }
    },
  };
}

/** Runs two host actions side by side; either may be absent. */
export function bothDuring(
  first: ((running: RunningProcess) => Promise<void>) | undefined,
  second: ((running: RunningProcess) => Promise<void>) | undefined,
): ((running: RunningProcess) => Promise<void>) | undefined {
  if (first === undefined) return second;
  if (second === undefined) return first;
  return async (running) => {
    await Promise.all([first(running), second(running)]);
  };
}
