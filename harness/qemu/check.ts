import { readFile } from 'node:fs/promises';
import type { IntentStep } from '../elf/intent-note.js';
import { formatExitStatus } from '../model/exit-status.js';
import type { QemuRunResult } from './backend.js';
import {
  expectedSerialOutput,
  type ExpectedSerialOutput,
} from './expected-output.js';
import {
  formatObservations,
  sameObservations,
  toObservations,
  type QemuObservation,
} from './observations.js';

/** The behaviour one fixture must show on QEMU. */
export interface QemuExpectation {
  readonly fixture: string;
  /** The guest's QMP events in order, before QEMU exits or the harness kills it. */
  readonly observations: readonly QemuObservation[];
  /** True for a fixture that never ends by itself, so the harness must kill it. */
  readonly keepsRunning: boolean;
  /** The intent steps, from which the expected COM1 and COM2 bytes are derived. */
  readonly steps: readonly IntentStep[];
}

/** The outcome of holding a QEMU run to its expectation. */
export type QemuCheck =
  | { readonly kind: 'pass' }
  | { readonly kind: 'fail'; readonly problems: readonly string[] };

/** Returns the offset of the first byte in which `a` and `b` differ, or -1 when equal. */
function firstDifference(a: Buffer, b: Buffer): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    if (a[index] !== b[index]) return index;
  }
  return a.length === b.length ? -1 : length;
}

function excerpt(bytes: Buffer, offset: number): string {
  return JSON.stringify(bytes.subarray(offset, offset + 40).toString('utf8'));
}

function compareBytes(
  port: string,
  expected: Buffer,
  observed: Buffer,
): string | undefined {
  const offset = firstDifference(expected, observed);
  if (offset < 0) return undefined;
  return (
    `${port} differs at byte ${offset} of ${observed.length} (expected ${expected.length}): ` +
    `expected ${excerpt(expected, offset)}, observed ${excerpt(observed, offset)}`
  );
}

/**
 * Compares COM1 with the expected bytes. A prefix of what the steps after the VM-ending step print
 * may follow, because QEMU stops the vCPU only some time after the guest's request.
 */
function compareConsole(
  expected: ExpectedSerialOutput,
  observed: Buffer,
): string | undefined {
  const head = observed.subarray(0, expected.console.length);
  const headProblem = compareBytes('COM1', expected.console, head);
  if (headProblem !== undefined) return headProblem;
  const rest = observed.subarray(expected.console.length);
  const allowed = expected.consoleAfterEnd.subarray(0, rest.length);
  if (rest.equals(allowed)) return undefined;
  return (
    `COM1 continues after the step that ends the VM with ${rest.length} unexpected bytes: ` +
    excerpt(rest, 0)
  );
}

/**
 * Holds a QEMU run to a fixture's expectation. The QMP session must have worked and the guest's
 * events must match in order. QEMU must have ended by itself with exit 0, unless the fixture keeps
 * running, in which case only the harness may have ended it. COM1, and COM2 when `failurePort`
 * is given, must carry the expected bytes.
 */
export async function checkQemuRun(
  expectation: QemuExpectation,
  result: QemuRunResult,
  failurePort?: Buffer,
): Promise<QemuCheck> {
  const problems: string[] = [];
  if (result.session.kind === 'failed') {
    problems.push(`QMP session failed: ${result.session.error}`);
  }

  const observed = toObservations(result.eventsBeforeKill);
  if (!sameObservations(expectation.observations, observed)) {
    problems.push(
      `expected QMP events ${formatObservations(expectation.observations)}, ` +
        `observed ${formatObservations(observed)}`,
    );
  }

  const status = formatExitStatus(result.status);
  if (expectation.keepsRunning && !result.killedByHarness) {
    problems.push(
      `expected the guest to run until the harness killed it, but QEMU ended: ${status}`,
    );
  }
  if (!expectation.keepsRunning && result.killedByHarness) {
    problems.push(
      'expected QEMU to end by itself, but the harness had to kill the running guest',
    );
  }
  if (!result.killedByHarness && status !== 'exit 0') {
    problems.push(
      `expected QEMU to exit 0 once the guest ended, but it ended with ${status}`,
    );
  }

  const expected = expectedSerialOutput(expectation.steps);
  const start = `fixture ${expectation.fixture}: start`;
  if (!expected.console.toString('utf8').startsWith(start)) {
    problems.push(`the intent steps do not print "${start}" first`);
  }
  if (result.console.truncated) {
    problems.push(
      `COM1 output of ${result.console.bytes} bytes was truncated by the capture cap`,
    );
  } else {
    const consoleProblem = compareConsole(
      expected,
      await readFile(result.console.path),
    );
    if (consoleProblem !== undefined) problems.push(consoleProblem);
  }
  if (failurePort !== undefined) {
    const failureProblem = compareBytes(
      'COM2',
      expected.failurePort,
      failurePort,
    );
    if (failureProblem !== undefined) problems.push(failureProblem);
  }

  return problems.length === 0 ? { kind: 'pass' } : { kind: 'fail', problems };
}
