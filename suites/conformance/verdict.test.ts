import { describe, expect, test } from 'vitest';
import { failsRun, judge } from '../../harness/run/verdict.js';

const REBOOT = { exit: 'exit 32', reason: 'REBOOT' };
const SHUTDOWN = { exit: 'exit 0', reason: 'SHUTDOWN' };

describe('judge', () => {
  test('match is pass', () => {
    const judgement = judge([REBOOT], REBOOT);
    expect(judgement.verdict).toBe('pass');
    expect(judgement.detail).toBe('exit 32 / REBOOT as approved');
  });

  test('match with divergence', () => {
    const judgement = judge([SHUTDOWN], {
      ...SHUTDOWN,
      divergence: 'triple fault is a stop',
    });
    expect(judgement.verdict).toBe('expected-divergence');
    expect(judgement.detail).toBe('triple fault is a stop');
  });

  test('different outcome is unexpected', () => {
    const judgement = judge([SHUTDOWN], REBOOT);
    expect(judgement.verdict).toBe('unexpected');
    expect(judgement.detail).toBe(
      'expected exit 32 / REBOOT, got exit 0 / SHUTDOWN',
    );
  });

  test('same exit other reason is unexpected', () => {
    expect(
      judge([{ exit: 'exit 32', reason: 'UNKNOWN' }], REBOOT).verdict,
    ).toBe('unexpected');
  });

  test('missing expectation is unexpected', () => {
    const judgement = judge([REBOOT], undefined);
    expect(judgement.verdict).toBe('unexpected');
    expect(judgement.detail).toContain('--update-expectations');
  });

  test('differing attempts are flaky', () => {
    const judgement = judge([REBOOT, SHUTDOWN, REBOOT], REBOOT);
    expect(judgement.verdict).toBe('flaky');
    expect(judgement.detail).toBe(
      'outcomes differed across 3 runs: exit 32 / REBOOT x2, exit 0 / SHUTDOWN x1',
    );
  });

  test('repeated agreeing attempts pass', () => {
    expect(judge([REBOOT, REBOOT], REBOOT).verdict).toBe('pass');
  });

  test('no attempts rejected', () => {
    expect(() => judge([], REBOOT)).toThrow(RangeError);
  });
});

describe('failsRun', () => {
  test('verdicts that fail a run', () => {
    expect(failsRun('pass', false)).toBe(false);
    expect(failsRun('expected-divergence', false)).toBe(false);
    expect(failsRun('unexpected', true)).toBe(true);
    expect(failsRun('flaky', false)).toBe(true);
    expect(failsRun('flaky', true)).toBe(false);
  });
});
