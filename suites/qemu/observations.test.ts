import { describe, expect, test } from 'vitest';
import type { IntentStep } from '../../harness/elf/intent-note.js';
import { expectedSerialOutput } from '../../harness/qemu/expected-output.js';
import {
  formatObservations,
  sameObservations,
  toObservations,
} from '../../harness/qemu/observations.js';
import type { QmpEvent } from '../../harness/qemu/qmp-messages.js';

const STAMP = { seconds: 1, microseconds: 0 };

function event(name: string, data: Record<string, unknown> = {}): QmpEvent {
  return { event: name, data, timestamp: STAMP };
}

describe('toObservations', () => {
  test('drops RESUME and keeps reasons', () => {
    const observed = toObservations([
      event('RESUME'),
      event('GUEST_PANICKED', { action: 'run' }),
      event('SHUTDOWN', { guest: true, reason: 'guest-reset' }),
    ]);
    expect(observed).toEqual([
      { event: 'GUEST_PANICKED' },
      { event: 'SHUTDOWN', reason: 'guest-reset' },
    ]);
  });

  test('keeps unexpected events', () => {
    expect(toObservations([event('RTC_CHANGE', { offset: 3 })])).toEqual([
      { event: 'RTC_CHANGE' },
    ]);
  });
});

describe('sameObservations', () => {
  test('order matters', () => {
    const panicThenReset = [
      { event: 'GUEST_PANICKED' },
      { event: 'SHUTDOWN', reason: 'guest-reset' },
    ];
    expect(sameObservations(panicThenReset, [...panicThenReset])).toBe(true);
    expect(
      sameObservations(panicThenReset, [...panicThenReset].reverse()),
    ).toBe(false);
  });

  test('reason matters', () => {
    expect(
      sameObservations(
        [{ event: 'SHUTDOWN', reason: 'guest-reset' }],
        [{ event: 'SHUTDOWN', reason: 'guest-shutdown' }],
      ),
    ).toBe(false);
  });

  test('formats an empty list', () => {
    expect(formatObservations([])).toBe('none');
    expect(
      formatObservations([{ event: 'SHUTDOWN', reason: 'guest-reset' }]),
    ).toBe('SHUTDOWN(guest-reset)');
  });
});

describe('expectedSerialOutput', () => {
  test('stops at the first final step', () => {
    const steps: IntentStep[] = [
      { op: 'console', text: 'fixture x: start\n' },
      { op: 'pvpanic', value: 1, absentText: 'no pvpanic\n' },
      { op: 'failure-port', text: 'TOKEN' },
      { op: 'reset', via: 'i8042' },
      { op: 'console', text: 'never printed\n' },
    ];
    const output = expectedSerialOutput(steps);
    expect(output.console.toString()).toBe('fixture x: start\n');
    expect(output.failurePort.toString()).toBe('TOKEN');
  });

  test('repeats patterns to exact byte counts', () => {
    const output = expectedSerialOutput([
      { op: 'console-repeat', pattern: 'abc', bytes: 7 },
      { op: 'failure-port-repeat', pattern: 'é', bytes: 3 },
      { op: 'spin' },
    ]);
    expect(output.console.toString()).toBe('abcabca');
    expect(output.failurePort).toEqual(Buffer.from([0xc3, 0xa9, 0xc3]));
  });
});
