import { describe, expect, test } from 'vitest';
import { resolveCrosvm } from '../../harness/crosvm/discover.js';
import { HELD_BYTES } from '../../harness/avf-launch/failure-channel.js';
import { NEWEST_ERA } from '../../harness/crosvm/eras.js';
import { findFixture } from '../../harness/fixtures/catalog.js';
import { formatExitStatus } from '../../harness/model/exit-status.js';
import { loadExpectations } from '../../harness/scenarios/expectations.js';
import './land-on.js';
import { scenarioRunner, type ScenarioRunner } from './support.js';

// The matrix on the crosvm that $CROSVM names (a path, or stub:DATE), held to the checked-in
// expectations, which are those of the newest era.
const crosvm = process.env.CROSVM;
let runner: ScenarioRunner | undefined;
if (crosvm === undefined || crosvm === '') {
  console.info(
    'real crosvm cases skipped: set $CROSVM to a crosvm binary to run them',
  );
} else {
  // Launched as AVF launches crosvm, so the failure pipe is exercised too.
  runner = await scenarioRunner(
    await resolveCrosvm(crosvm, '$CROSVM'),
    NEWEST_ERA,
    undefined,
    'avf',
  );
}
const expectations = await loadExpectations();

describe.skipIf(runner === undefined).concurrent('crosvm from $CROSVM', () => {
  test('binary found', () => {
    expect(runner?.scenarios.length).toBeGreaterThan(0);
  });

  test.for(runner?.scenarios ?? [])('$id', async (scenario, context) => {
    const expected = expectations.scenarios[scenario.id];
    if (expected === undefined || runner === undefined)
      throw new Error(`no expectation for ${scenario.id}`);
    const result = await runner.run(scenario);
    context.expect(result).toLandOn(expected.reason);
    context.expect(formatExitStatus(result.status)).toBe(expected.exit);
    // A token fixture that ends by itself delivers its whole failure string, as on the stub and
    // on QEMU. The harness keeps the first HELD_BYTES of it.
    const fixture = findFixture(scenario.fixture);
    if (fixture.kind === 'token' && scenario.hostAction === 'none') {
      context
        .expect(result.failureString)
        .toBe(fixture.failurePort.text.slice(0, HELD_BYTES));
    }
  });
});
