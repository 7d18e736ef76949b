import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { describeTarget, resolveCrosvm } from '../crosvm/discover.js';
import { writeReports } from '../report/index.js';
import { compareBinaries, formatChange } from '../run/compare.js';
import { DEFAULT_REPORTS_DIR } from '../run/paths.js';
import { defaultJobs } from '../run/plan.js';
import { formatExitStatus } from '../model/exit-status.js';
import { collect, positiveInteger, prepareReportsDir } from './run-options.js';

interface CompareFlags {
  readonly baseline: string;
  readonly candidate: string;
  readonly targetEra?: string;
  readonly profile?: string[];
  readonly reports: string;
  readonly jobs?: number;
  readonly scenario?: string[];
}

/** Runs the `compare` command; returns 1 when any outcome changed, else 0. */
export async function compareCommand(flags: CompareFlags): Promise<number> {
  const baseline = await resolveCrosvm(flags.baseline, '--baseline');
  const candidate = await resolveCrosvm(flags.candidate, '--candidate');
  process.stdout.write(`baseline ${describeTarget(baseline)}\n`);
  process.stdout.write(`candidate ${describeTarget(candidate)}\n`);

  const reportsDir = await prepareReportsDir(flags.reports);
  const evidenceDir = join(reportsDir, 'compare');
  await rm(evidenceDir, { recursive: true, force: true });
  const comparison = await compareBinaries({
    baseline,
    candidate,
    targetEra: flags.targetEra,
    profiles: flags.profile,
    only: flags.scenario,
    outputDir: evidenceDir,
    jobs: flags.jobs ?? defaultJobs(),
    onResult: (side, result) => {
      const reason = result.classifications[0]?.reason ?? '?';
      process.stdout.write(
        `${side}: ${result.id}  ${formatExitStatus(result.status)} / ${reason}\n`,
      );
    },
  });

  await writeReports(comparison.candidate, reportsDir);
  const total = comparison.candidate.results.length;
  if (comparison.changes.length === 0) {
    process.stdout.write(`no outcome changed in ${String(total)} scenarios\n`);
    return 0;
  }
  process.stdout.write(
    `\n${String(comparison.changes.length)} of ${String(total)} scenarios changed:\n`,
  );
  for (const change of comparison.changes)
    process.stdout.write(`  ${formatChange(change)}\n`);
  return 1;
}

/** Adds the `compare` subcommand, the crosvm upgrade gate. */
export function register(program: Command): void {
  program
    .command('compare')
    .description(
      'Run two crosvm binaries over the same scenarios and fail on any changed raw exit or DeathReason',
    )
    .requiredOption(
      '--baseline <path>',
      'crosvm in use now, or stub:YYYY-MM-DD',
    )
    .requiredOption(
      '--candidate <path>',
      'crosvm to upgrade to, or stub:YYYY-MM-DD',
    )
    .option(
      '--target-era <date>',
      'crosvm era whose flag spellings the command lines use (default: the newest)',
    )
    .option(
      '--profile <name>',
      'AVF profile to classify with; repeat for more, the first is primary',
      collect,
    )
    .option(
      '--reports <dir>',
      "folder for the candidate's reports and both sides' evidence",
      DEFAULT_REPORTS_DIR,
    )
    .option(
      '--jobs <n>',
      'scenarios run at once (default: number of cores)',
      positiveInteger,
    )
    .option(
      '--scenario <text>',
      'compare only scenarios whose id contains TEXT; repeatable',
      collect,
    )
    .action(async (flags: CompareFlags) => {
      process.exitCode = await compareCommand(flags);
    });
}
