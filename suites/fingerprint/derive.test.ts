import { describe, expect, test } from 'vitest';
import { deriveProbePlan } from '../../harness/fingerprint/derive.js';
import {
  dayBefore,
  matchEras,
  rangesOf,
} from '../../harness/fingerprint/match.js';
import type { ProbeOutcome } from '../../harness/fingerprint/outcome.js';

/** Four synthetic eras and the exit code each candidate gives in them. */
const ERA_DATES = ['2020-01-01', '2021-01-01', '2022-01-01', '2023-01-01'];
const TABLE: Record<string, readonly number[]> = {
  // Separates era 0 from the rest, at cost 1.
  first: [0, 1, 1, 1],
  // Separates every era, but costs 5.
  everything: [0, 1, 2, 3],
  // Separates eras 1 and 2, and 2 and 3, at cost 1.
  middle: [0, 0, 1, 2],
  // Says nothing.
  constant: [7, 7, 7, 7],
};
const COSTS: Record<string, number> = {
  first: 1,
  everything: 5,
  middle: 1,
  constant: 1,
};
const candidates = Object.keys(TABLE).map((id) => ({
  id,
  cost: COSTS[id] ?? 1,
}));

function exitOutcome(code: number): ProbeOutcome {
  return { ending: `exit ${code}`, console: '' };
}

function predict(eraIndex: number, candidate: { id: string }): ProbeOutcome {
  return exitOutcome(TABLE[candidate.id]?.[eraIndex] ?? -1);
}

describe('deriveProbePlan', () => {
  test('picks cheap probes that separate every pair', () => {
    const plan = deriveProbePlan(ERA_DATES, candidates, predict);
    expect(plan.probes.map((p) => p.probe.id)).toEqual(['first', 'middle']);
    expect(plan.unseparated).toEqual([]);
  });

  test('lists adjacent eras no candidate separates', () => {
    const only = candidates.filter((c) => c.id === 'middle');
    const plan = deriveProbePlan(ERA_DATES, only, predict);
    expect(plan.unseparated).toEqual([
      { older: '2020-01-01', newer: '2021-01-01' },
    ]);
  });

  test('covers non-adjacent pairs too', () => {
    // Era 0 and era 2 agree on "zigzag"; only "far" distinguishes them.
    const zigzag: Record<string, readonly number[]> = {
      zigzag: [0, 1, 0, 1],
      far: [0, 0, 1, 1],
    };
    const plan = deriveProbePlan(
      ERA_DATES,
      [
        { id: 'zigzag', cost: 1 },
        { id: 'far', cost: 1 },
      ],
      (era, c) => exitOutcome(zigzag[c.id]?.[era] ?? -1),
    );
    expect(plan.probes.map((p) => p.probe.id)).toEqual(['zigzag', 'far']);
  });

  test('prefers a probe that never keeps running', () => {
    // Both separate every era, but "slow" needs the running wait in era 0.
    const endings: Record<string, readonly string[]> = {
      slow: ['running', 'exit 1', 'exit 2', 'exit 3'],
      quick: ['exit 0', 'exit 1', 'exit 2', 'exit 3'],
    };
    const plan = deriveProbePlan(
      ERA_DATES,
      [
        { id: 'slow', cost: 1 },
        { id: 'quick', cost: 2 },
      ],
      (era, c) => ({ ending: endings[c.id]?.[era] ?? '', console: '' }),
    );
    expect(plan.probes.map((p) => p.probe.id)).toEqual(['quick']);
  });

  test('records predictions in era order', () => {
    const plan = deriveProbePlan(ERA_DATES, candidates, predict);
    const middle = plan.probes.find((p) => p.probe.id === 'middle');
    expect(middle?.predictions.map((p) => p.ending)).toEqual([
      'exit 0',
      'exit 0',
      'exit 1',
      'exit 2',
    ]);
  });
});

describe('matchEras', () => {
  const plan = deriveProbePlan(ERA_DATES, candidates, predict);
  const observe = (first: number, middle: number) =>
    new Map([
      ['first', exitOutcome(first)],
      ['middle', exitOutcome(middle)],
    ]);

  test('names the one consistent era with its range', () => {
    const match = matchEras(plan, observe(1, 1), '2024-06-30');
    expect(match.kind).toBe('matched');
    if (match.kind !== 'matched') return;
    expect(match.ranges).toEqual([{ from: '2022-01-01', to: '2022-12-31' }]);
  });

  test('ends the newest era at the given date', () => {
    const match = matchEras(plan, observe(1, 2), '2024-06-30');
    if (match.kind !== 'matched')
      throw new Error(`expected a match, got ${match.kind}`);
    expect(match.ranges).toEqual([{ from: '2023-01-01', to: '2024-06-30' }]);
  });

  test('groups predictions and marks the matching group', () => {
    const match = matchEras(plan, observe(0, 0), '2024-06-30');
    const middle = match.evidence.find((e) => e.probeId === 'middle');
    expect(
      middle?.predictions.map((g) => [
        g.from,
        g.to,
        g.outcome.ending,
        g.matches,
      ]),
    ).toEqual([
      ['2020-01-01', '2021-12-31', 'exit 0', true],
      ['2022-01-01', '2022-12-31', 'exit 1', false],
      ['2023-01-01', '2024-06-30', 'exit 2', false],
    ]);
  });

  test('reports an unknown outcome as unexplained', () => {
    const match = matchEras(plan, observe(1, 9), '2024-06-30');
    expect(match.kind).toBe('none');
    if (match.kind !== 'none') return;
    expect(match.unexplained.map((e) => e.probeId)).toEqual(['middle']);
    expect(match.closest.mismatches).toBe(1);
  });

  test('reports a new combination with no unexplained probe', () => {
    // "first" 0 means era 0, "middle" 2 means era 3: each outcome is known, the pair is not.
    const match = matchEras(plan, observe(0, 2), '2024-06-30');
    if (match.kind !== 'none')
      throw new Error(`expected no match, got ${match.kind}`);
    expect(match.unexplained).toEqual([]);
    expect(match.closest.ranges).toEqual([
      { from: '2020-01-01', to: '2020-12-31' },
      { from: '2023-01-01', to: '2024-06-30' },
    ]);
  });

  test('rejects a plan probe with no observation', () => {
    expect(() => matchEras(plan, new Map(), '2024-06-30')).toThrow(
      /no observed outcome/,
    );
  });
});

describe('rangesOf', () => {
  test('merges consecutive selected eras', () => {
    expect(
      rangesOf(ERA_DATES, [true, true, false, true], '2023-05-01'),
    ).toEqual([
      { from: '2020-01-01', to: '2021-12-31' },
      { from: '2023-01-01', to: '2023-05-01' },
    ]);
  });

  test('dayBefore crosses a month and a leap day', () => {
    expect(dayBefore('2024-03-01')).toBe('2024-02-29');
    expect(dayBefore('2022-01-01')).toBe('2021-12-31');
  });
});
