import { describe, expect, it } from 'vitest';
import {
  ERAS,
  EraDateError,
  FIRST_ERA_DATE,
  NEWEST_ERA,
  eraForDate,
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
    expect(NEWEST_ERA.exit.invalidArgs).toBe(35);
    expect(NEWEST_ERA.loader.elf32).toBe('accepted');
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
