import { formatExitStatus } from '../model/exit-status.js';
import type { Expectation, ScenarioResult } from './types.js';
import { judge } from './verdict.js';

/**
 * Judges a finished result again against a new expectation, as after `--update-expectations`
 * wrote one. A flaky result stays flaky, because its attempts are gone and their disagreement
 * still holds.
 */
export function rejudge(
  result: ScenarioResult,
  expected: Expectation | undefined,
): ScenarioResult {
  if (result.verdict === 'flaky') return result;
  const reason = result.classifications[0]?.reason ?? '';
  const { verdict, detail } = judge(
    [{ exit: formatExitStatus(result.status), reason }],
    expected,
  );
  const judged: { -readonly [K in keyof ScenarioResult]: ScenarioResult[K] } = {
    ...result,
    verdict,
    detail,
  };
  if (expected === undefined) delete judged.expected;
  else judged.expected = expected;
  return judged;
}
