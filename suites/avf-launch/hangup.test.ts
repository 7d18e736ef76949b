import { describe, expect, test } from 'vitest';
import {
  HANGUP_TOKEN,
  failureStringAfterHangup,
} from '../../harness/avf-launch/hangup.js';
import { findProfile } from '../../harness/model/profiles.js';

// Expected values written by hand from AVF's history: e6ed0f92 (2022-06-23) replaces the pipe
// with HANGUP on every hangup; a4eebdef (2022-07-14) only when the pipe gave an empty string;
// the later 2025 tree trims the string first, so whitespace-only output counts as empty.
describe('hangup rule', () => {
  test('no hangup leaves the string alone', () => {
    const profile = findProfile('avf-2022-07-14');
    expect(
      failureStringAfterHangup(
        profile,
        'MICRODROID_PAYLOAD_HAS_CHANGED',
        false,
      ),
    ).toBe('MICRODROID_PAYLOAD_HAS_CHANGED');
  });

  test('2022-06-23 replaces whatever the pipe held', () => {
    const profile = findProfile('avf-2022-06-23');
    expect(failureStringAfterHangup(profile, '', true)).toBe(HANGUP_TOKEN);
    expect(
      failureStringAfterHangup(profile, 'MICRODROID_PAYLOAD_HAS_CHANGED', true),
    ).toBe(HANGUP_TOKEN);
  });

  test('2022-07-14 uses HANGUP only for an empty pipe', () => {
    const profile = findProfile('avf-2022-07-14');
    expect(failureStringAfterHangup(profile, '', true)).toBe(HANGUP_TOKEN);
    expect(
      failureStringAfterHangup(profile, 'MICRODROID_PAYLOAD_HAS_CHANGED', true),
    ).toBe('MICRODROID_PAYLOAD_HAS_CHANGED');
    expect(failureStringAfterHangup(profile, '\n', true)).toBe('\n');
  });

  test('2025b counts whitespace-only output as empty', () => {
    const profile = findProfile('avf-2025b');
    expect(failureStringAfterHangup(profile, ' \n', true)).toBe(HANGUP_TOKEN);
  });

  test('profiles before hangup detection ignore it', () => {
    const profile = findProfile('avf-2022-06-13');
    expect(failureStringAfterHangup(profile, '', true)).toBe('');
  });
});
