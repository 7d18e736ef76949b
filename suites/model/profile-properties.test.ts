import { describe, expect, test } from 'vitest';
import {
  ANDROID_RELEASES,
  DEFAULT_PROFILE_NAME,
  PROFILES,
  findProfile,
} from '../../harness/model/profiles.js';
import { GOLDEN_PROFILE_NAMES } from './golden.js';
import { PROFILE_PROPERTIES } from './properties.js';

describe('profile list', () => {
  test('names and order match the history', () => {
    expect(PROFILES.map((profile) => profile.name)).toEqual(
      GOLDEN_PROFILE_NAMES,
    );
  });

  test('default profile is avf-2022-02-03', () => {
    expect(DEFAULT_PROFILE_NAME).toBe('avf-2022-02-03');
    expect(findProfile(DEFAULT_PROFILE_NAME).source.commit).toBe('d15c5630');
  });

  test('unknown name lists the valid names', () => {
    expect(() => findProfile('avf-1999-01-01')).toThrow(
      /^unknown profile "avf-1999-01-01": use one of avf-2022-01-14, .*avf-2025b$/,
    );
  });

  test('every profile records source and changes', () => {
    for (const profile of PROFILES) {
      expect(profile.changes.length, profile.name).toBeGreaterThan(0);
      const dated = /^avf-\d{4}-\d{2}-\d{2}$/.test(profile.name);
      expect(profile.source.date, profile.name).toBe(
        dated ? profile.name.slice(4) : null,
      );
      expect(profile.source.commit === null, profile.name).toBe(!dated);
      if (!dated) {
        expect(profile.source.tree, profile.name).toMatch(/^\S+\/\S+: /);
      }
    }
  });
});

for (const property of PROFILE_PROPERTIES) {
  describe(property.name, () => {
    test.each(PROFILES.map((profile) => [profile.name, profile] as const))(
      '%s',
      (_, profile) => {
        property.check(profile);
      },
    );
  });
}

describe('Android releases', () => {
  test('Android 13 has ERROR and values 0-10', () => {
    const profile = findProfile(releaseProfile('Android 13'));
    expect(profile.enumerators.map((e) => e.value)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
    expect(profile.enumerators.map((e) => e.name)).toContain('ERROR');
    expect(profile.java.translation.kind).toBe('raw');
  });

  test('Android 14 has START_FAILED and no 9, 10', () => {
    const values = findProfile(releaseProfile('Android 14')).enumerators.map(
      (e) => e.value,
    );
    expect(values).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 13, 14, 15, 16, 17,
    ]);
  });

  test('Android 16 has no HOST_SHUTDOWN', () => {
    const names = findProfile(releaseProfile('Android 16')).enumerators.map(
      (e) => e.name,
    );
    expect(names).not.toContain('HOST_SHUTDOWN');
  });
});

function releaseProfile(release: string): string {
  const found = ANDROID_RELEASES.find((entry) => entry.release === release);
  if (found === undefined)
    throw new Error(`no profile recorded for ${release}`);
  return found.profile;
}
