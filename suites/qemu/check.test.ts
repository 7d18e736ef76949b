import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { QemuRunResult } from '../../harness/qemu/backend.js';
import {
  checkQemuRun,
  type QemuExpectation,
} from '../../harness/qemu/check.js';
import type { QmpEvent } from '../../harness/qemu/qmp-messages.js';

const START = 'fixture demo: start\n';
const STILL_RUNNING = 'fixture demo: still running; halting\n';

const EXPECTATION: QemuExpectation = {
  fixture: 'demo',
  observations: [{ event: 'SHUTDOWN', reason: 'guest-reset' }],
  keepsRunning: false,
  steps: [
    { op: 'console', text: START },
    { op: 'failure-port', text: 'TOKEN' },
    { op: 'reset', via: 'i8042' },
    { op: 'console', text: STILL_RUNNING },
    { op: 'halt' },
  ],
};

const RESET_EVENTS: readonly QmpEvent[] = [
  { event: 'RESUME', data: {}, timestamp: { seconds: 1, microseconds: 0 } },
  {
    event: 'SHUTDOWN',
    data: { guest: true, reason: 'guest-reset' },
    timestamp: { seconds: 1, microseconds: 5 },
  },
];

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qemu-check-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Returns a run of the demo fixture that reset as expected, with `changes` applied. */
async function runWith(
  console: string,
  changes: Partial<QemuRunResult> = {},
): Promise<QemuRunResult> {
  const path = join(dir, 'console.log');
  await writeFile(path, console);
  const stream = {
    path,
    bytes: Buffer.byteLength(console),
    truncated: false,
    tail: console,
  };
  return {
    argv: ['qemu-system-x86_64'],
    status: { kind: 'exited', code: 0 },
    durationMs: 100,
    timedOut: false,
    console: stream,
    stderr: {
      path: join(dir, 'stderr.log'),
      bytes: 0,
      truncated: false,
      tail: '',
    },
    session: { kind: 'completed', qemuVersion: '7.2.22' },
    events: RESET_EVENTS,
    killedByHarness: false,
    eventsBeforeKill: RESET_EVENTS,
    pid: 1234,
    ...changes,
  };
}

async function problemsOf(
  run: QemuRunResult,
  failurePort?: Buffer,
): Promise<readonly string[]> {
  const check = await checkQemuRun(EXPECTATION, run, failurePort);
  return check.kind === 'fail' ? check.problems : [];
}

describe('checkQemuRun', () => {
  test('passes a faithful run', async () => {
    const check = await checkQemuRun(
      EXPECTATION,
      await runWith(START),
      Buffer.from('TOKEN'),
    );
    expect(check).toEqual({ kind: 'pass' });
  });

  test('allows a prefix after the reset', async () => {
    const run = await runWith(`${START}fixture demo: sti`);
    expect(await problemsOf(run)).toEqual([]);
  });

  test('rejects other bytes after the reset', async () => {
    const run = await runWith(`${START}garbage`);
    expect(await problemsOf(run)).toEqual([
      'COM1 continues after the step that ends the VM with 7 unexpected bytes: "garbage"',
    ]);
  });

  test('rejects a changed console', async () => {
    const run = await runWith('fixture demo: stop\n');
    const [problem] = await problemsOf(run);
    expect(problem).toMatch(/^COM1 differs at byte 16 of 19 \(expected 20\)/);
  });

  test('rejects missing events', async () => {
    const run = await runWith(START, { events: [], eventsBeforeKill: [] });
    expect(await problemsOf(run)).toEqual([
      'expected QMP events SHUTDOWN(guest-reset), observed none',
    ]);
  });

  test('rejects a failed session', async () => {
    const run = await runWith(START, {
      session: { kind: 'failed', error: 'no greeting' },
    });
    expect(await problemsOf(run)).toEqual(['QMP session failed: no greeting']);
  });

  test('rejects a nonzero exit', async () => {
    const run = await runWith(START, { status: { kind: 'exited', code: 1 } });
    expect(await problemsOf(run)).toEqual([
      'expected QEMU to exit 0 once the guest ended, but it ended with exit 1',
    ]);
  });

  test('rejects a guest that had to be killed', async () => {
    const run = await runWith(START, {
      killedByHarness: true,
      status: { kind: 'signaled', signal: 'SIGKILL', number: 9 },
    });
    expect(await problemsOf(run)).toEqual([
      'expected QEMU to end by itself, but the harness had to kill the running guest',
    ]);
  });

  test('rejects a guest that ended too early', async () => {
    const check = await checkQemuRun(
      { ...EXPECTATION, keepsRunning: true },
      await runWith(START),
    );
    expect(check).toEqual({
      kind: 'fail',
      problems: [
        'expected the guest to run until the harness killed it, but QEMU ended: exit 0',
      ],
    });
  });

  test('rejects a truncated console', async () => {
    const run = await runWith(START);
    const truncated = await checkQemuRun(EXPECTATION, {
      ...run,
      console: { ...run.console, bytes: 9_000_000, truncated: true },
    });
    expect(truncated).toEqual({
      kind: 'fail',
      problems: [
        'COM1 output of 9000000 bytes was truncated by the capture cap',
      ],
    });
  });

  test('rejects different COM2 bytes', async () => {
    const run = await runWith(START);
    expect(await problemsOf(run, Buffer.from('TOKEX'))).toEqual([
      'COM2 differs at byte 4 of 5 (expected 5): expected "N", observed "X"',
    ]);
  });

  test('rejects steps without a start line', async () => {
    const check = await checkQemuRun(
      { ...EXPECTATION, fixture: 'other' },
      await runWith(START),
    );
    expect(check.kind === 'fail' ? check.problems : []).toEqual([
      'the intent steps do not print "fixture other: start" first',
    ]);
  });
});
