import { searchCheaperCover } from './cover-search.js';
import { outcomeKey, STILL_RUNNING, type ProbeOutcome } from './outcome.js';

/** Candidate probe fields that the derivation reads: a stable id and a relative run cost. */
export interface CandidateLike {
  readonly id: string;
  /** Relative run time: 1 for a probe that ends by itself, more for each host action. */
  readonly cost: number;
}

/**
 * Cost added to a candidate that some era predicts to keep running. Observing `running` means
 * waiting three times as long as the slowest ordinary probe, while that probe slot stays open.
 * The value 20 is an estimate that makes such probes the last choice, not a measurement.
 */
export const RUNNING_PENALTY = 20;

/** A chosen probe with the outcome each era predicts for it, in era order. */
export interface PlannedProbe<P extends CandidateLike> {
  readonly probe: P;
  readonly predictions: readonly ProbeOutcome[];
}

/** Two adjacent eras that no candidate probe distinguishes. */
export interface UnseparatedPair {
  readonly older: string;
  readonly newer: string;
}

/** The probe set derived from an era table and a candidate space. */
export interface ProbePlan<P extends CandidateLike> {
  /** Start dates (YYYY-MM-DD) of the eras, oldest first; predictions are indexed like this. */
  readonly eraDates: readonly string[];
  readonly probes: readonly PlannedProbe<P>[];
  /** Adjacent eras whose outcomes agree on every candidate, oldest pair first. */
  readonly unseparated: readonly UnseparatedPair[];
}

/**
 * Derives a small probe set from the candidates. For every pair of eras (adjacent or not) that
 * some candidate distinguishes, the set contains at least one probe that distinguishes them. So two
 * eras agree on the chosen probes exactly when they agree on the whole candidate space.
 *
 * The choice is the greedy set cover: each step takes the candidate that separates the most
 * new era pairs per unit of cost, and a candidate that some era predicts to keep running costs
 * `RUNNING_PENALTY` more. Ties go to the cheaper, then the earlier candidate. Afterwards any
 * chosen probe whose pairs the others already separate is dropped. Greedy cover is within a log
 * factor of the smallest set. `searchCheaperCover` then looks for a cheaper set with seeded
 * random restarts of the greedy choice and keeps the cheapest set found.
 */
export function deriveProbePlan<P extends CandidateLike>(
  eraDates: readonly string[],
  candidates: readonly P[],
  predict: (eraIndex: number, candidate: P) => ProbeOutcome,
): ProbePlan<P> {
  const predictions = candidates.map((candidate) =>
    eraDates.map((_, eraIndex) => predict(eraIndex, candidate)),
  );
  const keys = predictions.map((row) => row.map(outcomeKey));
  const separates = keys.map((row) => separatedPairs(row));

  const needed = new Set<number>();
  for (const pairs of separates) for (const pair of pairs) needed.add(pair);

  const costs = candidates.map((candidate, index) =>
    at(predictions, index).some((outcome) => outcome.ending === STILL_RUNNING)
      ? candidate.cost + RUNNING_PENALTY
      : candidate.cost,
  );
  const chosen = chooseCover(costs, separates, needed);
  const pruned = searchCheaperCover(
    costs,
    separates,
    needed,
    dropRedundant(chosen, separates, needed),
  );

  const unseparated: UnseparatedPair[] = [];
  const eraCount = eraDates.length;
  for (let index = 0; index + 1 < eraCount; index += 1) {
    if (!needed.has(pairId(index, index + 1, eraCount))) {
      unseparated.push({
        older: eraDates[index] ?? '',
        newer: eraDates[index + 1] ?? '',
      });
    }
  }

  return {
    eraDates,
    probes: pruned
      .sort((a, b) => a - b)
      .map((index) => ({
        probe: at(candidates, index),
        predictions: at(predictions, index),
      })),
    unseparated,
  };
}

/** Number that identifies the unordered era pair (i, j) with i < j among `count` eras. */
function pairId(i: number, j: number, count: number): number {
  return i * count + j;
}

/** Collects the ids of the era pairs whose outcome keys differ. */
function separatedPairs(row: readonly string[]): Set<number> {
  const pairs = new Set<number>();
  for (let i = 0; i < row.length; i += 1) {
    for (let j = i + 1; j < row.length; j += 1) {
      if (row[i] !== row[j]) pairs.add(pairId(i, j, row.length));
    }
  }
  return pairs;
}

function chooseCover(
  costs: readonly number[],
  separates: readonly Set<number>[],
  needed: ReadonlySet<number>,
): number[] {
  const open = new Set(needed);
  const chosen: number[] = [];
  while (open.size > 0) {
    let best = -1;
    let bestScore = 0;
    costs.forEach((cost, index) => {
      let gain = 0;
      for (const pair of at(separates, index)) if (open.has(pair)) gain += 1;
      const score = gain / cost;
      const cheaper = best >= 0 && cost < at(costs, best);
      if (gain > 0 && (score > bestScore || (score === bestScore && cheaper))) {
        best = index;
        bestScore = score;
      }
    });
    // Every open pair came from some candidate's set, so a candidate with gain > 0 exists.
    chosen.push(best);
    for (const pair of at(separates, best)) open.delete(pair);
  }
  return chosen;
}

/** Drops chosen probes, most recently chosen first, whose pairs the rest still separate. */
function dropRedundant(
  chosen: readonly number[],
  separates: readonly Set<number>[],
  needed: ReadonlySet<number>,
): number[] {
  const selected = [...chosen];
  for (const index of [...chosen].reverse()) {
    const others = selected.filter((other) => other !== index);
    const covered = new Set<number>();
    for (const other of others)
      for (const pair of at(separates, other)) covered.add(pair);
    if ([...needed].every((pair) => covered.has(pair)))
      selected.splice(selected.indexOf(index), 1);
  }
  return selected;
}

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined)
    throw new RangeError(`index ${index} is outside 0..${items.length - 1}`);
  return item;
}
