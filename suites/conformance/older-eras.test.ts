import { describe, expect, test } from 'vitest';
import { stubTarget } from '../../harness/crosvm/discover.js';
import { ERAS, NEWEST_ERA, type Era } from '../../harness/crosvm/eras.js';
import { findFixture } from '../../harness/fixtures/catalog.js';
import { classify } from '../../harness/model/classify.js';
import { exited, formatExitStatus } from '../../harness/model/exit-status.js';
import {
  DEFAULT_PROFILE_NAME,
  findProfile,
} from '../../harness/model/profiles.js';
import './land-on.js';
import { scenarioRunner } from './support.js';

/**
 * A sample of the matrix on the stub in every older era, held to the raw exits the fixture
 * catalog lists per era. The sample covers the status mask, the reset devices and pvpanic, which
 * are where eras differ most for a guest that ends by itself.
 */
const SAMPLE = [
  'reboot-i8042.ext.none',
  'reboot-i8042.plain.none',
  'pvpanic-reboot.ext.none',
];

const profile = findProfile(DEFAULT_PROFILE_NAME);

/** Returns the catalog's raw exit code for a sample scenario in `era`, if it names one. */
function catalogExit(id: string, era: Era): number | undefined {
  const [fixtureName = '', variant] = id.split('.');
  const row = findFixture(fixtureName).crosvm.findLast(
    (candidate) => candidate.since <= era.since,
  );
  const raw = variant === 'plain' ? row?.plain : row?.extended;
  return raw?.kind === 'exit' ? raw.code : undefined;
}

const cases = ERAS.filter((era) => era !== NEWEST_ERA).flatMap((era) =>
  SAMPLE.filter(
    (id) => era.flags.extendedStatus || !id.includes('.ext.'),
  ).flatMap((id) => {
    const code = catalogExit(id, era);
    return code === undefined
      ? []
      : [{ era, id, code, name: `${era.since} ${id}` }];
  }),
);

describe.concurrent('older stub eras', () => {
  test('sample is not empty', () => {
    expect(cases.length).toBeGreaterThan(ERAS.length);
  });

  test.for(cases)('$name', async ({ era, id, code }, context) => {
    const runner = await scenarioRunner(stubTarget(era.since, 'test'), era, [
      id,
    ]);
    const scenario = runner.scenarios.find((candidate) => candidate.id === id);
    if (scenario === undefined)
      throw new Error(`scenario ${id} is not in the matrix`);
    const result = await runner.run(scenario);
    const status = exited(code);
    context.expect(result).toLandOn(classify(profile, status).reason);
    context
      .expect(formatExitStatus(result.status))
      .toBe(formatExitStatus(status));
  });
});
