import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SetupError, UsageError } from '../cli/errors.js';
import { runnableFixtures } from '../fixtures/catalog.js';
import { finishRun } from '../cli/finish-run.js';
import { defaultJobs } from '../run/plan.js';
import { ProgressPrinter } from '../run/progress.js';
import type { RunReport } from '../run/types.js';
import { DEFAULT_QEMU_BINARY, type QemuAccelerator } from './argv.js';
import { findQemu } from './discover.js';
import { qemuScenarioId, runFixturesOnQemu } from './run-fixtures.js';

/** The `run` flags that `run --vmm qemu` reads, plus those it rejects. */
export interface QemuRunFlags {
  readonly qemu?: string;
  readonly accel?: string;
  readonly reports: string;
  readonly jobs?: number;
  readonly scenario?: string[];
  readonly list?: true;
  readonly crosvm?: string;
  readonly targetEra?: string;
  readonly profile?: string[];
  readonly repeat?: number;
  readonly updateExpectations?: true;
  readonly expectations?: string;
  readonly avfTree?: string;
  readonly allEras?: true;
  readonly allowFlaky?: true;
  readonly launch?: string;
  readonly hangupMarker?: string;
  readonly hangupTimeout?: number;
}

const ACCELERATORS: readonly QemuAccelerator[] = ['tcg', 'kvm'];

/**
 * Flags of `run` that concern crosvm or AVF and mean nothing on QEMU, which is held to the
 * catalog's QMP observations instead of exit codes and profiles.
 */
const CROSVM_ONLY_FLAGS: readonly (readonly [keyof QemuRunFlags, string])[] = [
  ['crosvm', '--crosvm'],
  ['targetEra', '--target-era'],
  ['profile', '--profile'],
  ['updateExpectations', '--update-expectations'],
  ['expectations', '--expectations'],
  ['avfTree', '--avf-tree'],
  ['allEras', '--all-eras'],
  ['allowFlaky', '--allow-flaky'],
  ['launch', '--launch'],
  ['hangupMarker', '--hangup-marker'],
  ['hangupTimeout', '--hangup-timeout'],
];

function parseAccelerator(value: string | undefined): QemuAccelerator {
  if (value === undefined) return 'tcg';
  const found = ACCELERATORS.find((accelerator) => accelerator === value);
  if (found === undefined) {
    throw new UsageError(`invalid --accel "${value}": use tcg or kvm`);
  }
  return found;
}

/**
 * Runs `run --vmm qemu`: boots every valid and token fixture on QEMU, checks each against its
 * catalog entry, writes the reports and returns the exit status (0 all pass, 1 otherwise).
 */
export async function runQemuCommand(flags: QemuRunFlags): Promise<number> {
  for (const [key, option] of CROSVM_ONLY_FLAGS) {
    if (flags[key] !== undefined) {
      throw new UsageError(
        `${option} does not apply with --vmm qemu: QEMU runs are held to the catalog's QMP events; drop ${option} or use --vmm crosvm`,
      );
    }
  }
  if (flags.repeat !== undefined && flags.repeat !== 1) {
    throw new UsageError(
      `--repeat ${String(flags.repeat)} does not apply with --vmm qemu; drop --repeat`,
    );
  }
  const accelerator = parseAccelerator(flags.accel);
  const only = flags.scenario ?? [];
  const fixtures = runnableFixtures().filter(
    (fixture) =>
      only.length === 0 ||
      only.some((text) => qemuScenarioId(fixture).includes(text)),
  );
  if (flags.list === true) {
    for (const fixture of fixtures) {
      process.stdout.write(`${qemuScenarioId(fixture)}\n`);
    }
    return 0;
  }
  if (fixtures.length === 0) {
    throw new UsageError(
      `no QEMU scenario id contains ${only.map((text) => `"${text}"`).join(' or ')}; list them with run --vmm qemu --list`,
    );
  }
  const binary = findQemu(flags.qemu ?? DEFAULT_QEMU_BINARY);
  if (binary === undefined) {
    throw new SetupError(
      flags.qemu === undefined
        ? `${DEFAULT_QEMU_BINARY} not found on PATH; install Debian's qemu-system-x86 or pass --qemu PATH`
        : `QEMU not found at ${flags.qemu}; pass the path of an executable qemu-system-x86_64`,
    );
  }

  process.stdout.write(
    `qemu: ${binary} (found by ${flags.qemu === undefined ? 'PATH' : '--qemu'}), accelerator ${accelerator}; ${String(fixtures.length)} scenarios\n`,
  );
  const reportsDir = resolve(flags.reports);
  // Evidence from an earlier run would sit next to this run's under the same ids.
  await rm(join(reportsDir, 'scenarios'), { recursive: true, force: true });
  const progress = new ProgressPrinter(process.stdout, fixtures.length);
  const startedAt = new Date().toISOString();
  const results = await runFixturesOnQemu({
    fixtures,
    outputDir: reportsDir,
    jobs: flags.jobs ?? defaultJobs(),
    accelerator,
    binary,
    onResult: (result) => {
      progress.print(result);
    },
  });
  progress.finish();

  const report: RunReport = {
    startedAt,
    finishedAt: new Date().toISOString(),
    binary: {
      path: binary,
      foundBy: flags.qemu === undefined ? 'PATH' : '--qemu',
    },
    vmm: 'qemu',
    // A QEMU run certifies the fixtures, not a crosvm era or an AVF profile.
    target: { era: 'none (QEMU run)', profiles: [] },
    results,
  };
  // QEMU runs have no flaky verdicts to allow: each fixture runs once.
  return finishRun(report, reportsDir, false);
}

/** Rejects the QEMU flags of `run` when the crosvm backend is selected. */
export function rejectQemuFlags(
  flags: Pick<QemuRunFlags, 'qemu' | 'accel'>,
): void {
  for (const [value, option] of [
    [flags.qemu, '--qemu'],
    [flags.accel, '--accel'],
  ] as const) {
    if (value !== undefined) {
      throw new UsageError(
        `${option} applies only with --vmm qemu; add --vmm qemu or drop ${option}`,
      );
    }
  }
}
