import { describe, expect, it } from 'vitest';
import {
  ERAS,
  EraDateError,
  FIRST_ERA_DATE,
  NEWEST_ERA,
  eraForDate,
  type Era,
} from '../../harness/crosvm/eras.js';

describe('ERAS', () => {
  it('is in strictly increasing date order', () => {
    const dates = ERAS.map((era) => era.since);
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(dates).size).toBe(dates.length);
  });

  it('starts on 2018-02-13', () => {
    expect(ERAS[0]?.since).toBe('2018-02-13');
    expect(FIRST_ERA_DATE).toBe('2018-02-13');
  });

  it('gives every row commits and a change', () => {
    for (const era of ERAS) {
      expect(era.commits.length, era.since).toBeGreaterThan(0);
      for (const commit of era.commits)
        expect(commit, era.since).toMatch(/^[0-9a-f]{9}$/);
      expect(era.change, era.since).not.toBe('');
    }
  });

  it('ends with the newest era', () => {
    expect(NEWEST_ERA).toBe(ERAS[ERAS.length - 1]);
    expect(NEWEST_ERA.since).toBe('2026-04-15');
    expect(NEWEST_ERA.exit.invalidArgs).toBe(35);
    expect(NEWEST_ERA.loader.elf32).toBe('accepted');
    expect(NEWEST_ERA.unreachableExits.kvmSystemEventCrash).toBe(34);
  });

  it('changes at least one field in every row', () => {
    for (let index = 1; index < ERAS.length; index += 1) {
      const era = ERAS[index];
      const previous = ERAS[index - 1];
      if (era === undefined || previous === undefined) continue;
      const contract = (row: Era) => ({
        exit: row.exit,
        flags: row.flags,
        loader: row.loader,
        devices: row.devices,
        hostEvents: row.hostEvents,
        unreachableExits: row.unreachableExits,
      });
      expect(contract(era), era.since).not.toEqual(contract(previous));
    }
  });
});

/** Reads the field `group.name` of `era`, e.g. `loader.multiboot`. */
function readField(era: Era, path: string): unknown {
  const [group = '', name = ''] = path.split('.');
  const fields = (era as unknown as Record<string, Record<string, unknown>>)[
    group
  ];
  if (fields === undefined || !(name in fields))
    throw new Error(`era has no field ${path}`);
  return fields[name];
}

describe('ERAS loader and unreachable fields', () => {
  it.each([
    ['2022-01-27', 'unreachableExits.aarch64PsciReset', 0],
    ['2022-01-28', 'unreachableExits.aarch64PsciReset', 32],
    ['2022-01-27', 'unreachableExits.vcpuRunFailure', 0],
    ['2022-01-28', 'unreachableExits.vcpuRunFailure', 33],
    ['2022-07-20', 'unreachableExits.aarch64VmwdtExpiry', null],
    ['2022-07-21', 'unreachableExits.aarch64VmwdtExpiry', 32],
    ['2022-10-12', 'unreachableExits.aarch64VmwdtExpiry', 36],
    ['2026-04-14', 'unreachableExits.kvmSystemEventCrash', 0],
    ['2026-04-15', 'unreachableExits.kvmSystemEventCrash', 34],
    ['2019-02-06', 'unreachableExits.panic', 'release-aborts'],
    ['2019-02-07', 'unreachableExits.panic', 'always-aborts'],
    ['2021-12-10', 'unreachableExits.directBuildExtendedStatus', true],
    ['2022-01-10', 'unreachableExits.directBuildExtendedStatus', false],
    ['2022-01-26', 'loader.bootGdtBase', 0x500],
    ['2022-01-27', 'loader.bootGdtBase', 0x1500],
    ['2022-01-27', 'loader.bootIdtBase', 0x1520],
    ['2023-07-11', 'loader.bootCodeSelector', 0x08],
    ['2023-07-12', 'loader.bootCodeSelector', 0x10],
    ['2023-07-12', 'loader.bootDataSelector', 0x18],
    ['2023-07-12', 'loader.bootTaskSelector', 0x20],
    ['2023-07-12', 'loader.bootIdtBase', 0x1528],
    ['2024-04-16', 'loader.bzImage32', 'long-mode'],
    ['2024-04-17', 'loader.bzImage32', 'rejected'],
    ['2024-07-26', 'loader.bzImage32', 'protected-mode'],
    ['2024-09-19', 'loader.identityMapGib', 1],
    ['2024-09-20', 'loader.identityMapGib', 4],
    ['2025-02-09', 'loader.multiboot', false],
    ['2025-02-10', 'loader.multiboot', true],
  ])('on %s, %s is %s', (date, path, expected) => {
    expect(readField(eraForDate(date, '2026-12-04'), path)).toBe(expected);
  });
});

describe('eraForDate', () => {
  const today = '2026-12-04';

  it.each([
    ['2018-02-13', '2018-02-13'],
    ['2021-12-07', '2021-05-13'],
    ['2021-12-08', '2021-12-08'],
    ['2021-12-09', '2021-12-08'],
    ['2022-06-22', '2022-06-15'],
    ['2022-06-23', '2022-06-23'],
    ['2026-04-14', '2025-08-14'],
    ['2026-04-15', '2026-04-15'],
    ['2026-08-21', '2026-04-15'],
    ['2026-12-04', NEWEST_ERA.since],
  ])('%s is in the era from %s', (date, since) => {
    expect(eraForDate(date, today).since).toBe(since);
  });

  it.each([
    ['2018-02-12', /before 2018-02-13/],
    ['2026-12-05', /after today \(2026-12-04\)/],
    ['2022-6-23', /not a valid YYYY-MM-DD date/],
    ['2022-02-30', /not a valid YYYY-MM-DD date/],
    ['yesterday', /not a valid YYYY-MM-DD date/],
    ['', /not a valid YYYY-MM-DD date/],
  ])('rejects %s', (date, message) => {
    expect(() => eraForDate(date, today)).toThrow(EraDateError);
    expect(() => eraForDate(date, today)).toThrow(message);
  });

  it('defaults today to the current UTC date', () => {
    const tomorrow = new Date(Date.now() + 86_400_000)
      .toISOString()
      .slice(0, 10);
    expect(() => eraForDate(tomorrow)).toThrow(/after today/);
  });
});
