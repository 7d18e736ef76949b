import { describe, expect, test } from 'vitest';
import { compareProfiles, formatChange } from '../../harness/model/compare.js';
import type { Profile } from '../../harness/model/profile.js';
import { PROFILES, findProfile } from '../../harness/model/profiles.js';
import { GOLDEN_RENAMES, golden, profileKey } from './golden.js';

const consecutive = PROFILES.slice(1).map((profile, index) => {
  const previous = PROFILES[index];
  if (previous === undefined) throw new Error('profile list is empty');
  return [`${previous.name} -> ${profile.name}`, previous, profile] as const;
});

const afterRenumbering = consecutive.filter(
  ([, previous]) => profileKey(previous.name) >= '2022-02-03',
);

describe('no value is reassigned after 2022-02-03', () => {
  test.each(afterRenumbering)('golden facts: %s', (_, previous, next) => {
    const before = golden(previous.name).values;
    const after = golden(next.name).values;
    for (const [name, value] of after) {
      const holder = [...before].find(([, v]) => v === value)?.[0];
      if (holder === undefined || holder === name) continue;
      expect(
        GOLDEN_RENAMES,
        `${String(value)}: ${holder} -> ${name}`,
      ).toContainEqual([holder, name]);
    }
  });

  test.each(afterRenumbering)(
    'compatibility check: %s',
    (_, previous, next) => {
      const result = compareProfiles(previous, next);
      const breaking = result.changes.filter(
        (c) => c.kind === 'renumbered' || c.kind === 'reassigned',
      );
      expect(breaking.map(formatChange)).toEqual([]);
      expect(result.breaking).toBe(false);
    },
  );
});

describe('compareProfiles', () => {
  test('2022-01-14 renumbering is breaking', () => {
    const result = compareProfiles(
      findProfile('avf-2022-01-14'),
      findProfile('avf-2022-02-03'),
    );
    expect(result.breaking).toBe(true);
    const lines = result.changes.map(formatChange);
    expect(lines).toContain('breaking: aidl SHUTDOWN renumbered 0 -> 3');
    expect(lines).toContain(
      'breaking: aidl INFRASTRUCTURE_ERROR renumbered 4 -> 0',
    );
    expect(lines).toContain(
      'breaking: aidl value 4 reassigned INFRASTRUCTURE_ERROR -> ERROR',
    );
    expect(lines).toContain('breaking: java KILLED renumbered 2 -> 1');
    expect(lines).toContain('compatible: aidl CRASH 6 added');
  });

  test('ERROR to START_FAILED is a rename', () => {
    const result = compareProfiles(
      findProfile('avf-2022-11-23'),
      findProfile('avf-2022-12-06'),
    );
    const lines = result.changes.map(formatChange);
    expect(result.breaking).toBe(false);
    expect(lines).toContain(
      'compatible: aidl value 4 renamed ERROR -> START_FAILED',
    );
    expect(lines).toContain(
      'compatible: java value 4 renamed ERROR -> START_FAILED',
    );
    expect(lines).toContain(
      'behaviour: reason for exit 1: "ERROR" -> "START_FAILED"',
    );
  });

  test('rename is recognised in reverse', () => {
    const result = compareProfiles(
      findProfile('avf-2025b'),
      findProfile('avf-2022-02-03'),
    );
    expect(result.breaking).toBe(false);
    expect(result.changes.map(formatChange)).toContain(
      'compatible: aidl value 4 renamed START_FAILED -> ERROR',
    );
  });

  test('bootloader removal leaves values unused', () => {
    const result = compareProfiles(
      findProfile('avf-2023-01-27'),
      findProfile('avf-2023-04-14'),
    );
    const lines = result.changes.map(formatChange);
    expect(result.breaking).toBe(false);
    expect(lines).toContain(
      'compatible: aidl BOOTLOADER_PUBLIC_KEY_MISMATCH 9 removed',
    );
  });

  test('reuse of a removed value is breaking', () => {
    const base = findProfile('avf-2023-04-14');
    const reused: Profile = {
      ...base,
      enumerators: [
        ...base.enumerators,
        { name: 'NEW_REASON', value: 9, doc: 'Reuses 9.' },
      ],
    };
    const result = compareProfiles(findProfile('avf-2023-01-27'), reused);
    expect(result.breaking).toBe(true);
    expect(result.changes.map(formatChange)).toContain(
      'breaking: aidl value 9 reassigned BOOTLOADER_PUBLIC_KEY_MISMATCH -> NEW_REASON',
    );
  });

  test('profile compared with itself has no changes', () => {
    for (const profile of PROFILES) {
      expect(compareProfiles(profile, profile).changes, profile.name).toEqual(
        [],
      );
    }
  });

  test('behaviour changes are listed', () => {
    const result = compareProfiles(
      findProfile('avf-2025a'),
      findProfile('avf-2025b'),
    );
    const lines = result.changes.map(formatChange);
    expect(lines).toContain('behaviour: failure match: "exact" -> "trimmed"');
    expect(lines).toContain('compatible: aidl HOST_SHUTDOWN 18 added');
  });
});
