import { describe, expect, test } from 'vitest';
import type { ClassifyOptions } from '../../harness/model/classify.js';
import type { ExitStatus } from '../../harness/model/exit-status.js';
import {
  capFailureString,
  classify,
  matchFailureToken,
  ProfileDataError,
} from '../../harness/model/classify.js';
import {
  exited,
  signaled,
  waitFailed,
} from '../../harness/model/exit-status.js';
import { toJavaStopReason } from '../../harness/model/java.js';
import { findProfile } from '../../harness/model/profiles.js';

/** Cases AVF's history calls out, one behaviour each. */

function reasonOf(
  profileName: string,
  status: ExitStatus,
  failure?: string,
  options?: ClassifyOptions,
): string {
  return classify(findProfile(profileName), status, failure, options).reason;
}

describe('exit status arms', () => {
  test('guest panic with pvpanic (34) is UNKNOWN', () => {
    expect(reasonOf('avf-2023-04-14', exited(34))).toBe('UNKNOWN');
  });

  test('crosvm panic (SIGABRT) is KILLED, not CRASH', () => {
    expect(reasonOf('avf-2023-04-14', signaled('SIGABRT'))).toBe('KILLED');
  });

  test('watchdog 36 is UNKNOWN before 2022-10-11', () => {
    expect(reasonOf('avf-2022-10-04', exited(36))).toBe('UNKNOWN');
    expect(reasonOf('avf-2022-10-11', exited(36))).toBe('WATCHDOG_REBOOT');
  });

  test('exit 1 before and after the rename', () => {
    expect(reasonOf('avf-2022-01-14', exited(1))).toBe('UNKNOWN');
    expect(reasonOf('avf-2022-02-03', exited(1))).toBe('ERROR');
    expect(reasonOf('avf-2022-12-06', exited(1))).toBe('START_FAILED');
  });

  test('first enum numbers', () => {
    const profile = findProfile('avf-2022-01-14');
    expect(classify(profile, exited(0)).value).toBe(0);
    expect(classify(profile, exited(32)).value).toBe(1);
    expect(classify(profile, waitFailed('x')).value).toBe(4);
  });
});

describe('failure tokens', () => {
  test('no token is read before 2022-03-01', () => {
    expect(
      reasonOf('avf-2022-02-03', exited(0), 'PVM_FIRMWARE_PUBLIC_KEY_MISMATCH'),
    ).toBe('SHUTDOWN');
    expect(
      reasonOf('avf-2022-03-01', exited(0), 'PVM_FIRMWARE_PUBLIC_KEY_MISMATCH'),
    ).toBe('PVM_FIRMWARE_PUBLIC_KEY_MISMATCH');
  });

  test('token overrides a signal and a non-zero exit', () => {
    expect(
      reasonOf(
        'avf-2022-06-13',
        signaled('SIGKILL'),
        'MICRODROID_PAYLOAD_HAS_CHANGED',
      ),
    ).toBe('MICRODROID_PAYLOAD_HAS_CHANGED');
    expect(
      reasonOf(
        'avf-2022-06-13',
        exited(33),
        'MICRODROID_INVALID_PAYLOAD_CONFIG',
      ),
    ).toBe('MICRODROID_INVALID_PAYLOAD_CONFIG');
  });

  test('failed wait ignores the token', () => {
    expect(reasonOf('avf-2025b', waitFailed('ECHILD'), 'HANGUP')).toBe(
      'INFRASTRUCTURE_ERROR',
    );
  });

  test('trailing newline breaks the match before the trim', () => {
    expect(reasonOf('avf-2025a', exited(0), 'HANGUP\n')).toBe('SHUTDOWN');
    expect(reasonOf('avf-2025b', exited(0), 'HANGUP\n')).toBe('HANGUP');
    expect(
      reasonOf(
        'avf-2023-04-14',
        exited(0),
        'MICRODROID_PAYLOAD_HAS_CHANGED\r\n',
      ),
    ).toBe('SHUTDOWN');
  });

  test('pipe detail is dropped from 2022-10-17', () => {
    const failure = 'MICRODROID_UNKNOWN_RUNTIME_ERROR|detail\n';
    expect(reasonOf('avf-2022-10-11', exited(0), failure)).toBe('SHUTDOWN');
    expect(reasonOf('avf-2022-10-17', exited(0), failure)).toBe(
      'MICRODROID_UNKNOWN_RUNTIME_ERROR',
    );
  });

  test('whitespace before the pipe still breaks the match', () => {
    expect(
      reasonOf('avf-2025b', exited(0), 'MICRODROID_UNKNOWN_RUNTIME_ERROR |x'),
    ).toBe('SHUTDOWN');
  });

  test('pvmfw reboot strings have no arm', () => {
    expect(
      reasonOf('avf-2025b', exited(32), 'PVM_FIRMWARE_INVALID_BCC\n'),
    ).toBe('REBOOT');
  });

  test('bootloader tokens end on 2023-04-14', () => {
    const failure = 'BOOTLOADER_PUBLIC_KEY_MISMATCH';
    expect(reasonOf('avf-2023-01-27', exited(0), failure)).toBe(failure);
    expect(reasonOf('avf-2023-04-14', exited(0), failure)).toBe('SHUTDOWN');
  });

  test('token after 50,000 bytes of noise is cut off', () => {
    const failure = `${'x'.repeat(50_000)}HANGUP`;
    expect(capFailureString(findProfile('avf-2025a'), failure)).toBe(
      'x'.repeat(50_000),
    );
    expect(capFailureString(findProfile('avf-2023-04-14'), failure)).toBe(
      failure,
    );
  });

  test('cap is idempotent', () => {
    const profile = findProfile('avf-2025b');
    const once = capFailureString(profile, `${' '.repeat(49_999)}\u00e9`);
    expect(once).toBe('');
    expect(capFailureString(profile, once)).toBe(once);
  });
});

describe('hangup', () => {
  const hangup = { hangupDetected: true };

  test('no hangup detection before 2022-06-23', () => {
    expect(reasonOf('avf-2022-06-13', signaled('SIGKILL'), '', hangup)).toBe(
      'KILLED',
    );
  });

  test('2022-06-23 ignores the pipe on hangup', () => {
    expect(
      reasonOf('avf-2022-06-23', signaled('SIGKILL'), 'noise', hangup),
    ).toBe('HANGUP');
  });

  test('from 2022-07-14 any output prevents HANGUP', () => {
    expect(reasonOf('avf-2022-07-14', signaled('SIGKILL'), '', hangup)).toBe(
      'HANGUP',
    );
    expect(
      reasonOf('avf-2022-07-14', signaled('SIGKILL'), 'noise', hangup),
    ).toBe('KILLED');
    expect(reasonOf('avf-2025a', signaled('SIGKILL'), ' \n', hangup)).toBe(
      'KILLED',
    );
  });

  test('2025b counts whitespace-only output as empty', () => {
    expect(reasonOf('avf-2025b', signaled('SIGKILL'), ' \n', hangup)).toBe(
      'HANGUP',
    );
  });

  test('recognised token wins over hangup', () => {
    const failure = 'MICRODROID_PAYLOAD_HAS_CHANGED';
    expect(
      matchFailureToken(findProfile('avf-2022-07-14'), failure, hangup),
    ).toBe(failure);
  });
});

describe('java translation', () => {
  test('raw before 2022-10-04', () => {
    expect(toJavaStopReason(findProfile('avf-2022-03-01'), 7)).toEqual({
      value: 7,
      constant: null,
    });
    expect(toJavaStopReason(findProfile('avf-2022-02-03'), 6)).toEqual({
      value: 6,
      constant: 'DEATH_REASON_CRASH',
    });
  });

  test('watchdog and unknown values reach Java as UNKNOWN', () => {
    const profile = findProfile('avf-2023-04-14');
    expect(toJavaStopReason(profile, 17)).toEqual({
      value: 2,
      constant: 'STOP_REASON_UNKNOWN',
    });
    expect(toJavaStopReason(profile, 9)).toEqual({
      value: 2,
      constant: 'STOP_REASON_UNKNOWN',
    });
    expect(toJavaStopReason(profile, 4)).toEqual({
      value: 4,
      constant: 'STOP_REASON_START_FAILED',
    });
  });
});

describe('profile data errors', () => {
  test('missing enumerator names the profile', () => {
    const profile = findProfile('avf-2022-02-03');
    const broken = {
      ...profile,
      enumerators: profile.enumerators.filter((e) => e.name !== 'KILLED'),
    };
    expect(() => classify(broken, signaled('SIGKILL'))).toThrow(
      ProfileDataError,
    );
    expect(() => classify(broken, signaled('SIGKILL'))).toThrow(
      'profile avf-2022-02-03 has no enumerator KILLED',
    );
  });
});
