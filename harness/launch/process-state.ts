import { readdir, readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * True while process `pid` exists and is not a zombie. Reads `/proc/PID/stat` (Linux only)
 * because `kill(pid, 0)` also succeeds on a zombie that its parent has not reaped yet.
 */
export async function isProcessAlive(pid: number): Promise<boolean> {
  let stat: string;
  try {
    stat = await readFile(`/proc/${String(pid)}/stat`, 'utf8');
  } catch {
    return false;
  }
  // The state letter follows the command name, which is in parentheses and may contain spaces.
  const state = stat.slice(
    stat.lastIndexOf(')') + 2,
    stat.lastIndexOf(')') + 3,
  );
  return state !== 'Z' && state !== 'X';
}

/** Poll interval while waiting for a killed process to disappear, in milliseconds. */
const POLL_INTERVAL_MS = 20;

/**
 * Waits until every process in `pids` is gone or `deadlineMs` has passed, and returns the ones
 * still alive. SIGKILL takes effect asynchronously, so a check right after sending it can still
 * see the process.
 */
export async function survivingProcesses(
  pids: readonly number[],
  deadlineMs: number,
): Promise<number[]> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const alive: number[] = [];
    for (const pid of pids) if (await isProcessAlive(pid)) alive.push(pid);
    if (alive.length === 0 || Date.now() >= end) return alive;
    await sleep(POLL_INTERVAL_MS);
  }
}

/** Process ids whose process-group id is `pgid`, read from `/proc`. */
export async function processesInGroup(pgid: number): Promise<number[]> {
  const members: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = await readFile(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // Fields after the command name: state, ppid, pgrp.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid && fields[0] !== 'Z')
      members.push(Number(entry));
  }
  return members;
}
