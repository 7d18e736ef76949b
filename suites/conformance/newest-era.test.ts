import { describe, expect, test } from 'vitest';
import { stubTarget } from '../../harness/crosvm/discover.js';
import { NEWEST_ERA } from '../../harness/crosvm/eras.js';
import { formatExitStatus } from '../../harness/model/exit-status.js';
import { loadExpectations } from '../../harness/scenarios/expectations.js';
import './land-on.js';
import { scenarioRunner } from './support.js';

// The whole matrix on the stub in the newest era, held to the checked-in expectations.
const expectations = await loadExpectations();
const runner = await scenarioRunner(
  stubTarget(NEWEST_ERA.since, 'test'),
  NEWEST_ERA,
);

describe.concurrent('newest stub era', () => {
  test('expectations cover the matrix', () => {
    const ids = runner.scenarios.map((scenario) => scenario.id).sort();
    expect(Object.keys(expectations.scenarios).sort()).toEqual(ids);
  });

  test.for(runner.scenarios)('$id', async (scenario, context) => {
    const expected = expectations.scenarios[scenario.id];
    if (expected === undefined)
      throw new Error(`no expectation for ${scenario.id}`);
    const result = await runner.run(scenario);
    context.expect(result).toLandOn(expected.reason);
    context.expect(formatExitStatus(result.status)).toBe(expected.exit);
  });
});
