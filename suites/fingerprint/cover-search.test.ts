import { describe, expect, test } from 'vitest';
import { searchCheaperCover } from '../../harness/fingerprint/cover-search.js';

/** Returns the pairs that `chosen` covers together. */
function covered(
  chosen: readonly number[],
  separates: readonly ReadonlySet<number>[],
): Set<number> {
  return new Set(chosen.flatMap((index) => [...(separates[index] ?? [])]));
}

describe('searchCheaperCover', () => {
  // Greedy takes the largest set first and then needs both others; those two alone suffice.
  const separates = [
    new Set([1, 2, 3, 4]),
    new Set([1, 2, 5]),
    new Set([3, 4, 6]),
  ];
  const needed = new Set([1, 2, 3, 4, 5, 6]);

  test('finds a smaller cover than greedy', () => {
    const cover = searchCheaperCover([1, 1, 1], separates, needed, [0, 1, 2]);
    expect([...cover].sort()).toEqual([1, 2]);
  });

  test('covers every needed pair', () => {
    const cover = searchCheaperCover([1, 1, 1], separates, needed, [0, 1, 2]);
    expect(covered(cover, separates)).toEqual(needed);
  });

  test('keeps a baseline that is already cheapest', () => {
    const wide = [new Set(needed), ...separates.slice(1)];
    const cover = searchCheaperCover([1, 1, 1], wide, needed, [0]);
    expect(cover).toEqual([0]);
  });

  test('gives the same cover every time', () => {
    const first = searchCheaperCover([1, 1, 1], separates, needed, [0, 1, 2]);
    const second = searchCheaperCover([1, 1, 1], separates, needed, [0, 1, 2]);
    expect(second).toEqual(first);
  });
});
