import type { Expectation, VerdictKind } from './types.js';

/** The part of a scenario's ending that expectations and baselines compare. */
export interface Outcome {
  /** Raw ending as `formatExitStatus` prints it, e.g. `exit 32`. */
  readonly exit: string;
  /** DeathReason name under the run's primary profile. */
  readonly reason: string;
}

/** A verdict and the sentence that explains it. */
export interface Judgement {
  readonly verdict: VerdictKind;
  readonly detail: string;
}

function describe(outcome: Outcome): string {
  return `${outcome.exit} / ${outcome.reason}`;
}

/** True when two outcomes are the same ending with the same reason. */
export function sameOutcome(a: Outcome, b: Outcome): boolean {
  return a.exit === b.exit && a.reason === b.reason;
}

/**
 * Judges one scenario from its attempts (one per `--repeat`): flaky when the attempts disagree,
 * else pass or expected divergence when the outcome matches the expectation, else unexpected.
 */
export function judge(
  attempts: readonly Outcome[],
  expected: Expectation | undefined,
): Judgement {
  const first = attempts[0];
  if (first === undefined)
    throw new RangeError('judge needs at least one attempt');

  const counts = new Map<string, number>();
  for (const attempt of attempts) {
    const key = describe(attempt);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  if (counts.size > 1) {
    const seen = [...counts]
      .map(([key, count]) => `${key} x${String(count)}`)
      .join(', ');
    return {
      verdict: 'flaky',
      detail: `outcomes differed across ${String(attempts.length)} runs: ${seen}`,
    };
  }

  if (expected === undefined) {
    return {
      verdict: 'unexpected',
      detail: `no approved outcome for this scenario (got ${describe(first)}); run with --update-expectations and review the diff`,
    };
  }
  if (!sameOutcome(first, expected)) {
    return {
      verdict: 'unexpected',
      detail: `expected ${describe(expected)}, got ${describe(first)}`,
    };
  }
  if (expected.divergence !== undefined) {
    return { verdict: 'expected-divergence', detail: expected.divergence };
  }
  return { verdict: 'pass', detail: `${describe(first)} as approved` };
}

/** True when a verdict makes the run fail: unexpected always, flaky unless allowed. */
export function failsRun(verdict: VerdictKind, allowFlaky: boolean): boolean {
  return verdict === 'unexpected' || (verdict === 'flaky' && !allowFlaky);
}
