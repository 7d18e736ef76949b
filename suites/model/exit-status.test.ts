import { describe, expect, test } from 'vitest';
import {
  ExitStatusError,
  exited,
  formatExitStatus,
  fromCodeAndSignal,
  fromExecaResult,
  parseSignal,
  sameExitStatus,
  signaled,
  waitFailed,
} from '../../harness/model/exit-status.js';

describe('exited', () => {
  test('accepts 0 and 255', () => {
    expect(exited(0)).toEqual({ kind: 'exited', code: 0 });
    expect(exited(255)).toEqual({ kind: 'exited', code: 255 });
  });

  test.each([256, -1, 1.5, Number.NaN])(
    'rejects %s naming the value',
    (code) => {
      expect(() => exited(code)).toThrow(ExitStatusError);
      expect(() => exited(code)).toThrow(`invalid exit code ${String(code)}`);
    },
  );
});

describe('parseSignal', () => {
  test('accepts name, short name and number', () => {
    expect(parseSignal('SIGKILL')).toEqual({ signal: 'SIGKILL', number: 9 });
    expect(parseSignal('term')).toEqual({ signal: 'SIGTERM', number: 15 });
    expect(parseSignal(6)).toEqual({ signal: 'SIGABRT', number: 6 });
    expect(parseSignal('9')).toEqual({ signal: 'SIGKILL', number: 9 });
  });

  test('rejects SIGFOO naming the value', () => {
    expect(() => parseSignal('SIGFOO')).toThrow(ExitStatusError);
    expect(() => parseSignal('SIGFOO')).toThrow('unknown signal "SIGFOO"');
  });

  test('rejects signal number 0 and 99', () => {
    expect(() => parseSignal(0)).toThrow('invalid signal number 0');
    expect(() => parseSignal(40)).toThrow('invalid signal number 40');
    expect(() => parseSignal('99')).toThrow('invalid signal number 99');
  });
});

describe('fromCodeAndSignal', () => {
  test('builds from either field', () => {
    expect(fromCodeAndSignal(33, null)).toEqual(exited(33));
    expect(fromCodeAndSignal(null, 'SIGABRT')).toEqual(signaled('SIGABRT'));
  });

  test('rejects both or neither', () => {
    expect(() => fromCodeAndSignal(1, 'SIGKILL')).toThrow('cannot both be set');
    expect(() => fromCodeAndSignal(undefined, undefined)).toThrow('neither');
  });

  test('rejects code 256 and signal SIGFOO', () => {
    expect(() => fromCodeAndSignal(256, null)).toThrow('invalid exit code 256');
    expect(() => fromCodeAndSignal(null, 'SIGFOO')).toThrow(
      'unknown signal "SIGFOO"',
    );
  });
});

describe('fromExecaResult', () => {
  test('exit code', () => {
    expect(fromExecaResult({ exitCode: 32, failed: true })).toEqual(exited(32));
  });

  test('signal without exit code', () => {
    expect(fromExecaResult({ signal: 'SIGKILL', failed: true })).toEqual(
      signaled(9),
    );
  });

  test('neither gives a failed wait with the cause', () => {
    const status = fromExecaResult({
      failed: true,
      cause: new Error('spawn ENOENT'),
    });
    expect(status).toEqual({ kind: 'wait-failed', error: 'spawn ENOENT' });
  });

  test('neither and no cause uses the message', () => {
    expect(fromExecaResult({ failed: true, message: 'gone' })).toEqual(
      waitFailed('gone'),
    );
  });
});

describe('formatExitStatus', () => {
  test('formats each kind', () => {
    expect(formatExitStatus(exited(33))).toBe('exit 33');
    expect(formatExitStatus(signaled('SIGKILL'))).toBe('signal SIGKILL (9)');
    expect(formatExitStatus(waitFailed('ECHILD'))).toBe('wait failed: ECHILD');
  });

  test('sameExitStatus compares endings', () => {
    expect(sameExitStatus(signaled(9), signaled('SIGKILL'))).toBe(true);
    expect(sameExitStatus(exited(0), exited(1))).toBe(false);
  });
});
