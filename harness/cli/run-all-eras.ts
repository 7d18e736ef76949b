import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { BUNDLED_STUB_PATH } from '../crosvm/discover.js';
import { ERAS, NEWEST_ERA } from '../crosvm/eras.js';
import { runAllEras } from '../run/all-eras.js';
import { targetProfiles } from '../run/plan.js';
import { failsRun } from '../run/verdict.js';
import { UsageError } from './errors.js';
import { finishRun } from './finish-run.js';

/** The `run` flags that `--all-eras` reads or rejects. */
export interface AllErasFlags {
  readonly crosvm?: string;
  readonly targetEra?: string;
  readonly profile?: string[];
  readonly reports: string;
  readonly jobs: number;
  readonly repeat: number;
  readonly allowFlaky?: true;
  readonly updateExpectations?: true;
  readonly expectations?: string;
  readonly scenario?: string[];
}

/**
 * Runs `run --all-eras`: every catalogued fixture with and without `--extended-status` on the
 * bundled stub in every era, each held to the fixture catalog's raw exit for that era.
 */
export async function allErasCommand(flags: AllErasFlags): Promise<number> {
  const conflicting = [
    flags.crosvm !== undefined ? '--crosvm' : undefined,
    flags.targetEra !== undefined ? '--target-era' : undefined,
    flags.updateExpectations === true ? '--update-expectations' : undefined,
    flags.expectations !== undefined ? '--expectations' : undefined,
    flags.scenario !== undefined ? '--scenario' : undefined,
  ].filter((flag) => flag !== undefined);
  if (conflicting.length > 0) {
    throw new UsageError(
      `--all-eras runs the bundled stub in every era against the fixture catalog; drop ${conflicting.join(', ')}`,
    );
  }

  const profiles = targetProfiles(flags.profile);
  const first = ERAS[0]?.since ?? NEWEST_ERA.since;
  process.stdout.write(
    `crosvm: bundled stub ${BUNDLED_STUB_PATH} (--all-eras), ${String(ERAS.length)} eras from ${first} to ${NEWEST_ERA.since}\n`,
  );
  const reportsDir = resolve(flags.reports);
  await rm(join(reportsDir, 'eras'), { recursive: true, force: true });
  const report = await runAllEras({
    profiles,
    outputDir: reportsDir,
    jobs: flags.jobs,
    repeat: flags.repeat,
    onEra: (era, results) => {
      const failing = results.filter((result) =>
        failsRun(result.verdict, flags.allowFlaky === true),
      );
      process.stdout.write(
        `era ${era.since}: ${String(results.length)} scenarios, ${String(failing.length)} not as expected\n`,
      );
    },
  });

  return finishRun(report, reportsDir, flags.allowFlaky === true);
}
