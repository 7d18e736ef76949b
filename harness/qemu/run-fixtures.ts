import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IntentStep } from '../elf/intent-note.js';
import { fixtureImagePath } from '../run/paths.js';
import type { ScenarioResult } from '../run/types.js';
import type { QemuAccelerator } from './argv.js';
import { runOnQemu, type QemuRunResult } from './backend.js';
import { checkQemuRun, type QemuCheck } from './check.js';
import {
  formatObservations,
  toObservations,
  type QemuObservation,
} from './observations.js';

/**
 * Milliseconds a fixture that keeps running is left to run before the harness kills it (2 s).
 * Such a fixture halts or spins right after its narration, which takes well under 0.5 s on TCG,
 * so 2 s shows that no event follows without slowing the suite much.
 */
export const KEEPS_RUNNING_GUEST_TIMEOUT_MS = 2000;

/**
 * Milliseconds a fixture that ends by itself may take (90 s). On an idle machine each takes
 * under a second on TCG, except console-flood at about 3 s for its 1 MiB of port writes. On a
 * 2-core machine at load 11 console-flood took 15 s, and the limit leaves room beyond that.
 */
export const ENDING_GUEST_TIMEOUT_MS = 90_000;

/** The parts of a fixture catalog entry a QEMU run needs. */
export interface QemuFixture {
  readonly name: string;
  readonly steps: readonly IntentStep[];
  readonly keepsRunning: boolean;
  /** The guest's QMP events QEMU 7.2 should report, in order. */
  readonly qemu: readonly QemuObservation[];
}

/** Settings for running fixtures on QEMU. */
export interface QemuFixtureRunOptions {
  readonly fixtures: readonly QemuFixture[];
  /** Directory that receives `scenarios/ID/` with each run's console, stderr, COM2 and events. */
  readonly outputDir: string;
  /** Fixtures run at once. */
  readonly jobs: number;
  /** Default `tcg`. */
  readonly accelerator?: QemuAccelerator;
  /** Default `qemu-system-x86_64` on PATH. */
  readonly binary?: string;
  /** Image path per fixture name; default `fixtures/images/x86_64/NAME.elf`. */
  readonly imagePath?: (name: string) => string;
  /** Called as each fixture finishes, in finishing order. */
  readonly onResult?: (result: ScenarioResult) => void;
}

/** Scenario id of a fixture's QEMU run, e.g. `reboot-i8042.qemu.none`. */
export function qemuScenarioId(fixture: QemuFixture): string {
  return `${fixture.name}.qemu.${fixture.keepsRunning ? 'timeout' : 'none'}`;
}

/** A fixture's QEMU run with what it wrote to COM2 and the check against its catalog entry. */
export interface CheckedQemuRun {
  readonly run: QemuRunResult;
  /** Every byte the guest wrote to COM2. */
  readonly failurePort: Buffer;
  readonly check: QemuCheck;
}

/** Settings for one fixture's QEMU run. */
export type SingleFixtureOptions = Omit<
  QemuFixtureRunOptions,
  'fixtures' | 'jobs' | 'onResult'
> & {
  /** Overrides the guest time limit that `keepsRunning` selects, in milliseconds. */
  readonly guestTimeoutMs?: number;
  /** See `QemuRunRequest.killOnConsole`. */
  readonly killOnConsole?: string;
};

/**
 * Boots one fixture on QEMU into `scenarios/ID/` under the output directory, keeps its QMP events
 * and argv there as evidence, and checks the run against the fixture's catalog entry.
 */
export async function runAndCheckFixture(
  fixture: QemuFixture,
  options: SingleFixtureOptions,
): Promise<CheckedQemuRun> {
  const dir = join(options.outputDir, 'scenarios', qemuScenarioId(fixture));
  await mkdir(dir, { recursive: true });
  const com2Path = join(dir, 'failure-port.log');
  const run = await runOnQemu({
    image: (options.imagePath ?? fixtureImagePath)(fixture.name),
    outputDir: dir,
    guestTimeoutMs:
      options.guestTimeoutMs ??
      (fixture.keepsRunning
        ? KEEPS_RUNNING_GUEST_TIMEOUT_MS
        : ENDING_GUEST_TIMEOUT_MS),
    com2Path,
    ...(options.accelerator === undefined
      ? {}
      : { accelerator: options.accelerator }),
    ...(options.binary === undefined ? {} : { binary: options.binary }),
    ...(options.killOnConsole === undefined
      ? {}
      : { killOnConsole: options.killOnConsole }),
  });
  await writeFile(
    join(dir, 'qmp-events.json'),
    `${JSON.stringify(run.events, null, 2)}\n`,
  );
  await writeFile(join(dir, 'argv.json'), `${JSON.stringify(run.argv)}\n`);

  const failurePort = await readFile(com2Path).catch(() => Buffer.alloc(0));
  const check = await checkQemuRun(
    {
      fixture: fixture.name,
      observations: fixture.qemu,
      keepsRunning: fixture.keepsRunning,
      steps: fixture.steps,
    },
    run,
    failurePort,
  );
  return { run, failurePort, check };
}

/**
 * Boots one fixture on QEMU and judges it against its catalog entry. The result carries no AVF
 * classification because QEMU exits 0 after a reset, a power-off and a panic alike, so its exit
 * status carries no information about crosvm's. The verdict is `pass` when the check passes, else
 * `unexpected`.
 */
export async function runFixtureOnQemu(
  fixture: QemuFixture,
  options: SingleFixtureOptions,
): Promise<ScenarioResult> {
  const { run, failurePort, check } = await runAndCheckFixture(
    fixture,
    options,
  );
  const observed = formatObservations(toObservations(run.eventsBeforeKill));
  const ending = run.killedByHarness
    ? 'then killed by the harness'
    : 'then QEMU exited';
  return {
    id: qemuScenarioId(fixture),
    fixture: fixture.name,
    variant: 'qemu',
    hostAction: fixture.keepsRunning ? 'timeout' : 'none',
    vmm: 'qemu',
    argv: run.argv,
    status: run.status,
    durationMs: run.durationMs,
    console: run.console,
    stderr: run.stderr,
    ...(failurePort.length === 0
      ? {}
      : { failureString: failurePort.toString('utf8') }),
    classifications: [],
    verdict: check.kind === 'pass' ? 'pass' : 'unexpected',
    detail:
      check.kind === 'pass'
        ? `QMP events ${observed}, ${ending}, as catalogued`
        : check.problems.join('; '),
  };
}

/**
 * Runs every fixture on QEMU with up to `jobs` at once. Results come back sorted by id, so they
 * do not depend on the order in which runs finished.
 */
export async function runFixturesOnQemu(
  options: QemuFixtureRunOptions,
): Promise<ScenarioResult[]> {
  if (!Number.isInteger(options.jobs) || options.jobs < 1) {
    throw new RangeError(
      `invalid job count ${String(options.jobs)}: use an integer of at least 1`,
    );
  }
  const results: ScenarioResult[] = [];
  await forEachConcurrently(options.fixtures, options.jobs, async (fixture) => {
    const result = await runFixtureOnQemu(fixture, options);
    results.push(result);
    options.onResult?.(result);
  });
  return results.sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * Calls `work` on every item with at most `jobs` calls in flight, and resolves when all are done.
 * The first failure rejects the whole and starts no further item.
 */
export async function forEachConcurrently<T>(
  items: readonly T[],
  jobs: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const queue = [...items];
  const worker = async (): Promise<void> => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
      try {
        await work(item);
      } catch (error) {
        queue.length = 0;
        throw error;
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(jobs, queue.length) }, worker),
  );
}
