import { removeAllTempDirsSync } from './temp-dirs.js';

/**
 * The process groups this harness has started and not yet reaped. While any is alive, SIGINT,
 * SIGTERM, SIGHUP and process exit kill every one of them with SIGKILL and remove the temporary
 * folders the runs hold, so interrupting the harness leaves no VMM and no socket folder behind.
 */
const liveGroups = new Set<number>();

const INTERRUPTS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Sends `signal` to process group `pgid`; a group that no longer exists is ignored. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

function killAllGroups(): void {
  for (const pgid of liveGroups) signalGroup(pgid, 'SIGKILL');
  liveGroups.clear();
}

function onInterrupt(signal: NodeJS.Signals): void {
  killAllGroups();
  removeAllTempDirsSync();
  removeHandlers();
  // With the handlers gone, re-raising the signal ends the harness by that signal, as it would
  // have ended without them.
  process.kill(process.pid, signal);
}

function installHandlers(): void {
  for (const signal of INTERRUPTS) process.on(signal, onInterrupt);
  process.on('exit', killAllGroups);
}

function removeHandlers(): void {
  for (const signal of INTERRUPTS) process.off(signal, onInterrupt);
  process.off('exit', killAllGroups);
}

/** Records a group as live; the first one installs the interrupt handlers. */
export function trackGroup(pgid: number): void {
  if (liveGroups.size === 0) installHandlers();
  liveGroups.add(pgid);
}

/** Forgets a reaped group; the last one removes the interrupt handlers. */
export function untrackGroup(pgid: number): void {
  if (!liveGroups.delete(pgid)) return;
  if (liveGroups.size === 0) removeHandlers();
}

/** Groups currently tracked, for tests. */
export function trackedGroups(): readonly number[] {
  return [...liveGroups];
}
