import type { CandidateLike, ProbePlan } from './derive.js';
import { sameOutcome, type ProbeOutcome } from './outcome.js';

/** A run of consecutive eras, as landing dates of crosvm commits (YYYY-MM-DD, inclusive). */
export interface EraRange {
  readonly from: string;
  readonly to: string;
}

/** Eras in a row that predict the same outcome for one probe. */
export interface PredictionGroup extends EraRange {
  readonly outcome: ProbeOutcome;
  /** True when the observed outcome is this one. */
  readonly matches: boolean;
}

/** One probe's evidence: what the binary did and what each era predicts. */
export interface ProbeEvidence {
  readonly probeId: string;
  readonly observed: ProbeOutcome;
  /** Consecutive eras grouped by prediction, oldest first. */
  readonly predictions: readonly PredictionGroup[];
  /** True when at least one era predicts the observed outcome. */
  readonly explained: boolean;
}

/** The result of comparing observed outcomes with the era table. */
export type EraMatch =
  | {
      readonly kind: 'matched';
      /** The eras consistent with every probe, merged into ranges of consecutive eras. */
      readonly ranges: readonly EraRange[];
      readonly evidence: readonly ProbeEvidence[];
    }
  | {
      readonly kind: 'none';
      /** Probes whose outcome no era predicts; empty when only the combination is new. */
      readonly unexplained: readonly ProbeEvidence[];
      /** The eras that disagree with the fewest probes, and with how many. */
      readonly closest: {
        readonly ranges: readonly EraRange[];
        readonly mismatches: number;
      };
      readonly evidence: readonly ProbeEvidence[];
    };

/**
 * Compares observed outcomes with each era's predictions. An era is consistent when it predicts
 * every observed outcome. `newestDate` is the last day the newest era is known to cover.
 */
export function matchEras<P extends CandidateLike>(
  plan: ProbePlan<P>,
  observed: ReadonlyMap<string, ProbeOutcome>,
  newestDate: string,
): EraMatch {
  const eraCount = plan.eraDates.length;
  const mismatches = new Array<number>(eraCount).fill(0);
  const evidence: ProbeEvidence[] = [];

  for (const { probe, predictions } of plan.probes) {
    const outcome = observed.get(probe.id);
    if (outcome === undefined) {
      throw new Error(
        `no observed outcome for probe "${probe.id}"; run every probe of the plan`,
      );
    }
    const agrees = predictions.map((prediction) =>
      sameOutcome(prediction, outcome),
    );
    agrees.forEach((agree, index) => {
      if (!agree) mismatches[index] = (mismatches[index] ?? 0) + 1;
    });
    evidence.push({
      probeId: probe.id,
      observed: outcome,
      predictions: groupPredictions(
        plan.eraDates,
        predictions,
        agrees,
        newestDate,
      ),
      explained: agrees.some(Boolean),
    });
  }

  const consistent = mismatches.map((count) => count === 0);
  if (consistent.some(Boolean)) {
    return {
      kind: 'matched',
      ranges: rangesOf(plan.eraDates, consistent, newestDate),
      evidence,
    };
  }
  const fewest = Math.min(...mismatches);
  return {
    kind: 'none',
    unexplained: evidence.filter((item) => !item.explained),
    closest: {
      ranges: rangesOf(
        plan.eraDates,
        mismatches.map((count) => count === fewest),
        newestDate,
      ),
      mismatches: fewest,
    },
    evidence,
  };
}

/** Merges the selected eras into ranges of consecutive eras. */
export function rangesOf(
  eraDates: readonly string[],
  selected: readonly boolean[],
  newestDate: string,
): EraRange[] {
  const ranges: EraRange[] = [];
  let start = -1;
  for (let index = 0; index <= eraDates.length; index += 1) {
    const inside = index < eraDates.length && selected[index] === true;
    if (inside && start < 0) start = index;
    if (!inside && start >= 0) {
      ranges.push({
        from: eraDates[start] ?? '',
        to: lastDayOf(eraDates, index - 1, newestDate),
      });
      start = -1;
    }
  }
  return ranges;
}

function groupPredictions(
  eraDates: readonly string[],
  predictions: readonly ProbeOutcome[],
  agrees: readonly boolean[],
  newestDate: string,
): PredictionGroup[] {
  const groups: PredictionGroup[] = [];
  predictions.forEach((outcome, index) => {
    const last = groups[groups.length - 1];
    if (last !== undefined && sameOutcome(last.outcome, outcome)) {
      groups[groups.length - 1] = {
        ...last,
        to: lastDayOf(eraDates, index, newestDate),
      };
      return;
    }
    groups.push({
      from: eraDates[index] ?? '',
      to: lastDayOf(eraDates, index, newestDate),
      outcome,
      matches: agrees[index] === true,
    });
  });
  return groups;
}

/** Returns the last day of era `index`: the day before the next era starts, or `newestDate`. */
function lastDayOf(
  eraDates: readonly string[],
  index: number,
  newestDate: string,
): string {
  const next = eraDates[index + 1];
  return next === undefined ? newestDate : dayBefore(next);
}

/** Returns the calendar day before a YYYY-MM-DD date (UTC). */
export function dayBefore(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(day.getTime()))
    throw new RangeError(`invalid date "${date}": use YYYY-MM-DD`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}
