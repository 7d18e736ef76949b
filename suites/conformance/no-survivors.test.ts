import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signalGroup } from '../../harness/launch/process-groups.js';
import { PACKAGE_ROOT } from '../../harness/run/paths.js';

const CLI = join(PACKAGE_ROOT, 'harness', 'bin', 'crosvm-conformance.mjs');

/** Scenarios that end only by the host: timeouts, signals, `stop` and injected events. */
const KILL_SCENARIOS = [
  '--scenario',
  'hang.ext',
  '--scenario',
  'busy-loop.ext.timeout',
];

/**
 * Scenarios for the interrupted run: VMMs that run for a while and need no control socket, whose
 * temporary folder an interrupted harness cannot remove.
 */
const INTERRUPTED_SCENARIOS = [
  '--scenario',
  'hang.ext.timeout',
  '--scenario',
  'busy-loop.ext.timeout',
];

/** Upper bound for a killed process to disappear, in milliseconds (10 s); normally a few ms. */
const DISAPPEAR_DEADLINE_MS = 10_000;

/** Poll interval while watching processes, in milliseconds. */
const POLL_MS = 50;

/**
 * Ids of live processes whose environment contains `marker`. Every process the run starts
 * inherits the environment, so this finds them all, grandchildren included.
 */
async function markedProcesses(marker: string): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const environ = await readFile(`/proc/${entry}/environ`, 'latin1');
      if (environ.includes(marker)) found.push(Number(entry));
    } catch {
      // Gone meanwhile, or another user's process.
    }
  }
  return found;
}

/** Waits until no marked process is left or the deadline passes; returns the survivors. */
async function survivors(marker: string): Promise<number[]> {
  const end = Date.now() + DISAPPEAR_DEADLINE_MS;
  let alive = await markedProcesses(marker);
  while (alive.length > 0 && Date.now() < end) {
    await sleep(POLL_MS);
    alive = await markedProcesses(marker);
  }
  return alive;
}

let reports: string;
beforeAll(async () => {
  reports = await mkdtemp(join(tmpdir(), 'no-survivors-'));
});
afterAll(async () => {
  await rm(reports, { recursive: true, force: true });
});

describe('process cleanup', () => {
  test('nothing survives a run with kills', async () => {
    const marker = `CONFORMANCE_RUN_MARK=${randomUUID()}`;
    const [name = '', value = ''] = marker.split('=');
    const run = await execa(
      process.execPath,
      [CLI, 'run', ...KILL_SCENARIOS, '--reports', reports, '--jobs', '2'],
      { reject: false, env: { [name]: value }, detached: true },
    );
    expect(run.stdout).toContain('hang.ext.timeout');
    expect(run.exitCode).toBe(0);
    expect(await survivors(marker)).toEqual([]);
  });

  test('nothing survives an interrupted run', async () => {
    const marker = `CONFORMANCE_RUN_MARK=${randomUUID()}`;
    const [name = '', value = ''] = marker.split('=');
    const run = execa(
      process.execPath,
      [CLI, 'run', ...INTERRUPTED_SCENARIOS, '--reports', reports],
      {
        reject: false,
        env: { [name]: value },
        detached: true,
      },
    );
    const pid = run.pid;
    if (pid === undefined) throw new Error('the CLI did not start');
    try {
      // Interrupt once a VMM runs under the CLI.
      let vmms: number[] = [];
      while (vmms.length === 0 && run.exitCode === null) {
        await sleep(POLL_MS);
        vmms = (await markedProcesses(marker)).filter((other) => other !== pid);
      }
      expect(vmms.length).toBeGreaterThan(0);
      process.kill(pid, 'SIGINT');
      const result = await run;
      expect(result.signal).toBe('SIGINT');
      expect(await survivors(marker)).toEqual([]);
    } finally {
      signalGroup(pid, 'SIGKILL');
    }
  });
});
