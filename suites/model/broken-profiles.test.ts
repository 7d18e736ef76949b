import { describe, expect, test } from 'vitest';
import type { Profile } from '../../harness/model/profile.js';
import { findProfile } from '../../harness/model/profiles.js';
import { PROFILE_PROPERTIES } from './properties.js';

/**
 * The properties must catch wrong profile data. Each broken profile keeps a real profile's name,
 * so the golden facts it is checked against are the real ones.
 */

const base = findProfile('avf-2022-12-18');

const crashAsReboot: Profile = {
  ...base,
  statusConstants: base.statusConstants.map((constant) =>
    constant.code === 33 ? { ...constant, reason: 'REBOOT' } : constant,
  ),
};

const duplicatedValue: Profile = {
  ...base,
  enumerators: base.enumerators.map((e) =>
    e.name === 'CRASH' ? { ...e, value: 5 } : e,
  ),
};

const missingMessage: Profile = {
  ...base,
  vm: {
    ...base.vm,
    messages: Object.fromEntries(
      Object.entries(base.vm.messages).filter(([name]) => name !== 'CRASH'),
    ),
  },
};

/** Returns the names of the properties that fail for a profile. */
function failingProperties(profile: Profile): string[] {
  const failing: string[] = [];
  for (const property of PROFILE_PROPERTIES) {
    try {
      property.check(profile);
    } catch {
      failing.push(property.name);
    }
  }
  return failing;
}

describe('broken profiles', () => {
  test('unbroken base passes every property', () => {
    expect(failingProperties(base)).toEqual([]);
  });

  test('exit 33 mapped to REBOOT is caught', () => {
    expect(failingProperties(crashAsReboot)).toContain(
      'codes other than 0 and named constants give UNKNOWN',
    );
  });

  test('duplicated value is caught', () => {
    expect(failingProperties(duplicatedValue)).toContain(
      'enumerator values are unique and Java matches AIDL',
    );
  });

  test('missing vm message is caught', () => {
    expect(failingProperties(missingMessage)).toContain(
      'every reason has a vm message and unknown values get the fallback',
    );
  });
});

describe('broken failure rules', () => {
  const property = 'failure tokens follow precedence, trim, split and cap';

  test('missing pipe split is caught', () => {
    const profile = findProfile('avf-2022-10-17');
    const broken = {
      ...profile,
      failure: { ...profile.failure, splitAtPipe: false },
    };
    expect(failingProperties(broken)).toContain(property);
  });

  test('missing byte cap is caught', () => {
    const profile = findProfile('avf-2025b');
    const broken = {
      ...profile,
      failure: { ...profile.failure, capBytes: null },
    };
    expect(failingProperties(broken)).toContain(property);
  });

  test('missing trim is caught', () => {
    const profile = findProfile('avf-2025b');
    const broken: Profile = {
      ...profile,
      failure: { ...profile.failure, match: 'exact' },
    };
    expect(failingProperties(broken)).toContain(property);
  });

  test('hangup that ignores the pipe is caught', () => {
    const profile = findProfile('avf-2022-07-14');
    const broken: Profile = {
      ...profile,
      hangup: { ...profile.hangup, mode: 'always' },
    };
    expect(failingProperties(broken)).toContain(property);
  });
});
