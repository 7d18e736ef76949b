import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { describeTarget, discoverCrosvm } from '../crosvm/discover.js';
import { NEWEST_ERA } from '../crosvm/eras.js';
import { DEFAULT_PROFILE_NAME } from '../model/profiles.js';
import type { Profile } from '../model/profile.js';
import {
  LAUNCH_MODES,
  type HangupEmulation,
  type LaunchMode,
} from '../avf-launch/launch-mode.js';
import {
  fingerprint,
  formatFingerprintSummary,
} from '../fingerprint/fingerprint.js';
import { DEFAULT_REPORTS_DIR } from '../run/paths.js';
import { buildPlan, defaultJobs } from '../run/plan.js';
import { ProgressPrinter } from '../run/progress.js';
import { rejudge } from '../run/rejudge.js';
import { executeRun } from '../run/session.js';
import type { RunReport } from '../run/types.js';
import {
  EXPECTATIONS_PATH,
  loadExpectations,
  saveExpectations,
} from '../scenarios/expectations.js';
import { expectationsFromRun } from '../scenarios/update.js';
import { rejectQemuFlags, runQemuCommand } from '../qemu/cli-run.js';
import { avfFindingsForRun } from './avf-check.js';
import { UsageError } from './errors.js';
import { finishRun } from './finish-run.js';
import { allErasCommand } from './run-all-eras.js';
import {
  collect,
  positiveInteger,
  positiveSeconds,
  prepareReportsDir,
} from './run-options.js';

interface RunFlags {
  readonly crosvm?: string;
  readonly targetEra?: string;
  readonly profile?: string[];
  readonly reports: string;
  readonly jobs?: number;
  readonly repeat: number;
  readonly allowFlaky?: true;
  readonly updateExpectations?: true;
  readonly expectations?: string;
  readonly scenario?: string[];
  readonly list?: true;
  readonly allEras?: true;
  readonly avfTree?: string;
  readonly vmm: 'crosvm' | 'qemu';
  readonly qemu?: string;
  readonly accel?: string;
  /** False with `--no-fingerprint`. */
  readonly fingerprint: boolean;
  readonly launch?: LaunchMode;
  readonly hangupMarker?: string;
  readonly hangupTimeout?: number;
}

/** Rejects the flags that `--all-eras`, a fixed run over every era, cannot honour. */
function rejectWithAllEras(flags: RunFlags): void {
  const ignored = [
    flags.list === true ? '--list' : undefined,
    flags.launch !== undefined ? '--launch' : undefined,
    flags.hangupMarker !== undefined ? '--hangup-marker' : undefined,
    flags.avfTree !== undefined ? '--avf-tree' : undefined,
  ].filter((flag) => flag !== undefined);
  if (ignored.length > 0) {
    throw new UsageError(
      `--all-eras runs the catalogued scenarios of every era as AVF launches them; drop ${ignored.join(', ')}`,
    );
  }
}

/**
 * Resolves `--hangup-marker` and `--hangup-timeout`. The timeout defaults to the primary
 * profile's own boot hangup timeout on hardware virtualization (10, 30 or 60 s).
 */
function hangupFrom(
  flags: RunFlags,
  primary: Profile | undefined,
): HangupEmulation | undefined {
  if (flags.hangupMarker === undefined) {
    if (flags.hangupTimeout !== undefined)
      throw new UsageError(
        '--hangup-timeout needs --hangup-marker TEXT, the console line that counts as "payload started"',
      );
    return undefined;
  }
  if (flags.hangupMarker === '')
    throw new UsageError(
      'invalid --hangup-marker "": name the console text that counts as "payload started"',
    );
  if (flags.launch === 'bare')
    throw new UsageError(
      '--hangup-marker emulates AVF, which reads the failure pipe; drop --launch bare',
    );
  const seconds =
    flags.hangupTimeout ?? primary?.hangup.timeoutSeconds?.normal ?? undefined;
  if (seconds === undefined)
    throw new UsageError(
      `profile ${primary?.name ?? ''} has no hangup detection, so --hangup-marker needs --hangup-timeout SECONDS`,
    );
  return { marker: flags.hangupMarker, timeoutMs: seconds * 1000 };
}

/** Runs the `run` command and returns its exit status: 0 all as expected, 1 otherwise. */
export async function runCommand(flags: RunFlags): Promise<number> {
  if (flags.list !== true) await prepareReportsDir(flags.reports);
  if (flags.vmm === 'qemu') return runQemuCommand(flags);
  rejectQemuFlags(flags);
  if (flags.allEras === true) {
    rejectWithAllEras(flags);
    return allErasCommand({ ...flags, jobs: flags.jobs ?? defaultJobs() });
  }
  const target = await discoverCrosvm({ flag: flags.crosvm });
  const expectationsPath = resolve(flags.expectations ?? EXPECTATIONS_PATH);
  const planned = await buildPlan({
    target,
    targetEra: flags.targetEra,
    profiles: flags.profile,
    launchMode: flags.launch,
    only: flags.scenario,
    // Listing ids and rewriting the file need no approved outcomes.
    expectationsPath:
      flags.updateExpectations === true || flags.list === true
        ? false
        : expectationsPath,
  });
  // The hangup timeout defaults to the primary profile's, which the plan has resolved.
  const plan = { ...planned, hangup: hangupFrom(flags, planned.profiles[0]) };
  if (flags.list === true) {
    for (const scenario of plan.scenarios)
      process.stdout.write(`${scenario.id}\n`);
    return 0;
  }

  // Checked before the scenarios run, so a bad path fails at once.
  const avfLines =
    flags.avfTree === undefined
      ? undefined
      : await avfFindingsForRun(flags.avfTree);
  const primary = plan.profiles[0]?.name ?? '';
  // The checked-in file contains the default target's outcomes only, so another target needs a file
  // of its own.
  const defaultTarget =
    plan.era.since === NEWEST_ERA.since && primary === DEFAULT_PROFILE_NAME;
  if (
    flags.updateExpectations === true &&
    expectationsPath === EXPECTATIONS_PATH &&
    !defaultTarget
  ) {
    throw new UsageError(
      `--update-expectations would overwrite ${EXPECTATIONS_PATH}, which contains era ${NEWEST_ERA.since} and profile ${DEFAULT_PROFILE_NAME}; pass --expectations PATH for era ${plan.era.since} and profile ${primary}`,
    );
  }
  process.stdout.write(`${describeTarget(target)}\n`);
  process.stdout.write(
    `target: crosvm era ${plan.era.since}, profiles ${plan.profiles.map((profile) => profile.name).join(', ')}; ${String(plan.scenarios.length)} scenarios\n`,
  );
  // The exit contract the binary follows, judged by its behaviour, heads the run and every report.
  const fingerprintSummary = flags.fingerprint
    ? formatFingerprintSummary(
        await fingerprint(target, {
          jobs: flags.jobs ?? defaultJobs(),
          inject: plan.inject,
        }),
      )
    : undefined;
  if (fingerprintSummary !== undefined)
    process.stdout.write(`fingerprint: ${fingerprintSummary}\n`);
  const reportsDir = resolve(flags.reports);
  // Evidence from an earlier run would sit next to this run's under the same ids.
  await rm(join(reportsDir, 'scenarios'), { recursive: true, force: true });
  const progress = new ProgressPrinter(process.stdout, plan.scenarios.length);
  let report: RunReport = await executeRun(plan, {
    outputDir: reportsDir,
    jobs: flags.jobs ?? defaultJobs(),
    repeat: flags.repeat,
    onResult: (result) => {
      progress.print(result);
    },
  });
  progress.finish();
  if (fingerprintSummary !== undefined)
    report = { ...report, fingerprint: fingerprintSummary };

  if (flags.updateExpectations === true) {
    // Reviewed divergence texts survive a rewrite; a missing or invalid file has none to keep.
    const previous = await loadExpectations(expectationsPath).catch(
      () => undefined,
    );
    const updated = expectationsFromRun(
      report.results,
      plan.scenarios,
      { era: plan.era.since, profile: primary },
      previous,
      (flags.scenario ?? []).length > 0,
    );
    await saveExpectations(updated, expectationsPath);
    process.stdout.write(
      `expectations written to ${expectationsPath}; review the diff\n`,
    );
    report = {
      ...report,
      results: report.results.map((result) =>
        rejudge(result, updated.scenarios[result.id]),
      ),
    };
  }

  if (avfLines !== undefined) {
    report = { ...report, avfFindings: avfLines };
    process.stdout.write(`avf-check: ${avfLines[0] ?? ''}\n`);
  }
  return finishRun(report, reportsDir, flags.allowFlaky === true);
}

/** Adds the `run` subcommand. */
export function register(program: Command): void {
  program
    .command('run')
    .description(
      'Boot every fixture scenario on the crosvm under test, classify each ending with the AVF mapping, compare with the approved expectations and write reports',
    )
    .option(
      '--crosvm <path>',
      'crosvm binary, or stub:YYYY-MM-DD for the bundled stub in that era (default: $CROSVM, then crosvm on PATH, then the bundled stub)',
    )
    .option(
      '--target-era <date>',
      'crosvm era the run certifies, YYYY-MM-DD (default: the newest)',
    )
    .option(
      '--profile <name>',
      'AVF profile to classify with; repeat for more, the first is primary; "all" adds every other profile (default: avf-2022-02-03)',
      collect,
    )
    .option(
      '--reports <dir>',
      'folder for junit.xml, conformance.json/.md/.html and evidence',
      DEFAULT_REPORTS_DIR,
    )
    .option(
      '--jobs <n>',
      'scenarios run at once (default: number of cores)',
      positiveInteger,
    )
    .option(
      '--repeat <n>',
      'runs per scenario; differing outcomes make it flaky',
      positiveInteger,
      1,
    )
    .option('--allow-flaky', 'do not fail the run on flaky scenarios')
    .option(
      '--update-expectations',
      'rewrite the expectations file from this run, for review as a diff',
    )
    .option(
      '--expectations <path>',
      'expectations file to hold results to (default: the checked-in one)',
    )
    .option(
      '--scenario <text>',
      'run only scenarios whose id contains TEXT; repeatable',
      collect,
    )
    .option('--list', 'print the scenario ids and exit')
    .option(
      '--all-eras',
      'run every catalogued fixture, with and without --extended-status, on the bundled stub in every crosvm era',
    )
    .option(
      '--no-fingerprint',
      'skip the fingerprint that names the crosvm eras the binary behaves like',
    )
    .addOption(
      new Option(
        '--vmm <kind>',
        'VMM to boot the fixtures on: crosvm (exit codes and AVF profiles) or qemu (QMP events from the catalog)',
      )
        .choices(['crosvm', 'qemu'])
        .default('crosvm'),
    )
    .option(
      '--qemu <path>',
      'QEMU executable for --vmm qemu (default: qemu-system-x86_64 on PATH)',
    )
    .option(
      '--accel <name>',
      'QEMU accelerator for --vmm qemu: tcg or kvm (default: tcg)',
    )
    .option(
      '--avf-tree <path>',
      'AVF checkout to check as avf-check does; its findings go into the reports',
    )
    .addOption(
      new Option(
        '--launch <mode>',
        'avf: start crosvm as AVF does, with COM2 on a failure pipe whose token reaches the classifier; bare: leave COM2 out (default: avf when a selected profile reads a failure string, else bare)',
      ).choices(LAUNCH_MODES),
    )
    .option(
      '--hangup-marker <text>',
      'emulate AVF hangup detection: kill crosvm with SIGKILL when TEXT, standing in for "payload started", has not appeared on the console in time',
    )
    .option(
      '--hangup-timeout <seconds>',
      "seconds to wait for the hangup marker (default: the primary profile's boot hangup timeout)",
      positiveSeconds,
    )
    .action(async (flags: RunFlags) => {
      process.exitCode = await runCommand(flags);
    });
}
