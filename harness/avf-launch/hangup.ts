import type { Profile } from '../model/profile.js';

/**
 * AVF's Microdroid hangup detection: when the payload has not reported Started within the boot
 * timeout, AVF kills crosvm and may report `HANGUP` as if the guest had written that token.
 * The harness emulates it with a console marker standing in for "payload started".
 */

/** The failure string AVF substitutes on a hangup. */
export const HANGUP_TOKEN = 'HANGUP';

/**
 * Returns the failure string AVF classifies after a VM ended.
 *
 * - `always` (AVF e6ed0f92, 2022-06-23): on a hangup the pipe is not read and the string is
 *   `HANGUP`, whatever the guest wrote.
 * - `when-empty` (AVF a4eebdef, 2022-07-14, and later): `HANGUP` only when the pipe gave an empty
 *   string; a profile that trims the failure string also counts whitespace-only output as empty.
 *   Otherwise the guest's string is classified, and an unrecognised one falls to the exit status.
 * - `none`: the guest's string.
 */
export function failureStringAfterHangup(
  profile: Profile,
  failure: string,
  hungUp: boolean,
): string {
  if (!hungUp) return failure;
  switch (profile.hangup.mode) {
    case 'none':
      return failure;
    case 'always':
      return HANGUP_TOKEN;
    case 'when-empty': {
      const seen =
        profile.failure.match === 'trimmed' ? failure.trim() : failure;
      return seen === '' ? HANGUP_TOKEN : failure;
    }
  }
}
