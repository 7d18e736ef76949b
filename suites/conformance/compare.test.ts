import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { stubTarget } from '../../harness/crosvm/discover.js';
import { NEWEST_ERA } from '../../harness/crosvm/eras.js';
import { compareBinaries, formatChange } from '../../harness/run/compare.js';
import { buildPlan } from '../../harness/run/plan.js';
import { runScenarios } from '../../harness/run/runner.js';
import { classifierFor } from '../../harness/run/session.js';

/** Scenarios that changed between 2022-06-13 and the newest era, and one that did not. */
const ONLY = [
  'shutdown-acpi.invalid-flag',
  'reboot-i8042.ext.none',
  'hang.ext.device-child-killed',
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'compare-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('compareBinaries', () => {
  test('lists changed scenarios', async () => {
    const comparison = await compareBinaries({
      baseline: stubTarget('2022-06-13', 'test'),
      candidate: stubTarget(NEWEST_ERA.since, 'test'),
      only: ONLY,
      outputDir: join(dir, 'changed'),
      jobs: 2,
    });
    expect(comparison.changes.map(formatChange)).toEqual([
      'hang.ext.device-child-killed: exit 0 -> exit 33, SHUTDOWN -> CRASH',
      'shutdown-acpi.invalid-flag.none: exit 0 -> exit 35, SHUTDOWN -> UNKNOWN',
    ]);
    const verdicts = comparison.candidate.results.map((result) => [
      result.id,
      result.verdict,
    ]);
    expect(verdicts).toEqual([
      ['hang.ext.device-child-killed', 'unexpected'],
      ['reboot-i8042.ext.none', 'pass'],
      ['shutdown-acpi.invalid-flag.none', 'unexpected'],
    ]);
  });

  test('same era changes nothing', async () => {
    const comparison = await compareBinaries({
      baseline: stubTarget('2023-01-01', 'test'),
      candidate: stubTarget('2023-01-01', 'test'),
      only: ONLY,
      outputDir: join(dir, 'same'),
      jobs: 2,
    });
    expect(comparison.changes).toEqual([]);
    expect(comparison.candidate.results).toHaveLength(3);
  });
});

describe('runScenarios', () => {
  test('results independent of job count', async () => {
    const target = stubTarget(NEWEST_ERA.since, 'test');
    const plan = await buildPlan({
      target,
      only: ['reboot', 'shutdown-acpi.ext'],
      expectationsPath: false,
    });
    const run = async (jobs: number) => {
      const results = await runScenarios({
        ...plan,
        classify: classifierFor(plan.profiles),
        outputDir: join(dir, `jobs-${String(jobs)}`),
        jobs,
        repeat: 1,
      });
      return results.map((result) => [
        result.id,
        result.status,
        result.classifications,
      ]);
    };
    const serial = await run(1);
    expect(serial.length).toBe(plan.scenarios.length);
    expect(await run(4)).toEqual(serial);
  });

  test('invalid job count rejected', async () => {
    const target = stubTarget(NEWEST_ERA.since, 'test');
    const plan = await buildPlan({
      target,
      only: ['shutdown-acpi.ext'],
      expectationsPath: false,
    });
    const attempt = runScenarios({
      ...plan,
      classify: classifierFor(plan.profiles),
      outputDir: dir,
      jobs: 0,
      repeat: 1,
    });
    await expect(attempt).rejects.toThrow('invalid job count 0');
  });
});
