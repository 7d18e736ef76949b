import { mkdir, writeFile } from 'node:fs/promises';
import { makeTempDir, removeTempDir } from '../launch/temp-dirs.js';
import { join } from 'node:path';
import {
  decodeFailureString,
  openFailureChannel,
  type FailureChannel,
} from '../avf-launch/failure-channel.js';
import {
  bothDuring,
  hangupWatcher,
  type HangupEmulation,
  type LaunchMode,
} from '../avf-launch/launch-mode.js';
import { buildArgv } from '../crosvm/argv.js';
import type { CrosvmTarget } from '../crosvm/discover.js';
import type { Era } from '../crosvm/eras.js';
import { launch, type LaunchResult } from '../launch/launch.js';
import { formatExitStatus, type ExitStatus } from '../model/exit-status.js';
import type { ExpectationsFile } from '../scenarios/expectations.js';
import {
  compareIds,
  INJECTED_ACTIONS,
  type Scenario,
} from '../scenarios/scenario.js';
import { hostAction, type Injector } from './host-actions.js';
import { fixtureImagePath } from './paths.js';
import type { ProfileClassification, ScenarioResult } from './types.js';
import { judge, type Outcome } from './verdict.js';

/** Reads an ending under every selected profile, the primary profile first. */
export type Classifier = (
  status: ExitStatus,
  failureString: string | undefined,
  hangupDetected: boolean,
) => readonly ProfileClassification[];

export interface RunOptions {
  readonly target: CrosvmTarget;
  readonly scenarios: readonly Scenario[];
  /** The target era, whose flag spellings the command lines use. */
  readonly era: Era;
  readonly classify: Classifier;
  /** `avf` (the default) sends COM2 to a drained failure pipe; `bare` leaves it out. */
  readonly launchMode?: LaunchMode | undefined;
  /** Kill the VM as AVF's hangup detection does when this console marker is late. */
  readonly hangup?: HangupEmulation | undefined;
  /**
   * Cuts the failure string the way the primary profile's AVF reads it, for the result; the
   * classifier applies each profile's own cap. Kept whole when absent.
   */
  readonly capFailure?: ((failureString: string) => string) | undefined;
  /** Directory that receives `scenarios/ID/` with each scenario's argv, console and stderr. */
  readonly outputDir: string;
  /** Scenarios run at once. */
  readonly jobs: number;
  /** Runs per scenario; outcomes that differ make the verdict flaky. */
  readonly repeat: number;
  readonly expectations?: ExpectationsFile | undefined;
  readonly inject?: Injector | undefined;
  /** Called as each scenario finishes, in finishing order. */
  readonly onResult?: ((result: ScenarioResult) => void) | undefined;
}

/** One run of one scenario, before judging. */
interface Attempt {
  readonly launched: LaunchResult;
  readonly failureString: string | undefined;
  readonly classifications: readonly ProfileClassification[];
  readonly outcome: Outcome;
}

/**
 * Finishes the failure channel, keeps what the guest wrote as `failure-port.log` evidence and
 * returns it as AVF reads it, or undefined when the guest wrote nothing.
 */
async function readFailurePort(
  channel: FailureChannel,
  dir: string,
): Promise<string | undefined> {
  const capture = await channel.finish();
  await writeFile(join(dir, 'failure-port.log'), capture.held);
  return capture.totalBytes === 0 ? undefined : decodeFailureString(capture);
}

async function runAttempt(
  options: RunOptions,
  scenario: Scenario,
  dir: string,
): Promise<Attempt> {
  await mkdir(dir, { recursive: true });
  const needsSocket =
    scenario.hostAction === 'stop' ||
    INJECTED_ACTIONS.includes(scenario.hostAction);
  // Unix socket paths are limited to 107 bytes, so the socket lives in a short temporary dir.
  const socketDir = needsSocket ? await makeTempDir('crosvm-sock-') : undefined;
  const socketPath =
    socketDir === undefined ? undefined : join(socketDir, 'control.sock');
  const channel =
    (options.launchMode ?? 'avf') === 'avf'
      ? await openFailureChannel(dir)
      : undefined;
  let channelOpen = channel !== undefined;
  try {
    const argv = buildArgv({
      executable: options.target.executable,
      variant: scenario.variant,
      era: options.era,
      kernelPath: fixtureImagePath(scenario.fixture),
      missingKernelPath: join(dir, 'missing-kernel.elf'),
      failurePortPath: channel?.path,
      socketPath,
    });
    const during = hostAction({
      action: scenario.hostAction,
      startLine: `fixture ${scenario.fixture}: start`,
      executable: options.target.executable,
      env: options.target.env,
      socketPath,
      outputDir: dir,
      inject: options.inject,
    });
    const watcher =
      options.hangup === undefined ? undefined : hangupWatcher(options.hangup);
    const allDuring = bothDuring(during, watcher?.during);
    const launched = await launch({
      argv,
      outputDir: dir,
      timeoutMs: scenario.timeoutMs,
      env: options.target.env,
      ...(allDuring !== undefined ? { during: allDuring } : {}),
    });
    channelOpen = false;
    const failureString =
      channel === undefined ? undefined : await readFailurePort(channel, dir);
    const classifications = options.classify(
      launched.status,
      failureString,
      watcher?.hungUp() ?? false,
    );
    const primary = classifications[0];
    if (primary === undefined)
      throw new RangeError('the classifier returned no profile');
    return {
      launched,
      failureString:
        failureString !== undefined && options.capFailure !== undefined
          ? options.capFailure(failureString)
          : failureString,
      classifications,
      outcome: {
        exit: formatExitStatus(launched.status),
        reason: primary.reason,
      },
    };
  } finally {
    // A launch that failed before the VM ended still has to release the FIFO.
    if (channel !== undefined && channelOpen)
      await channel.finish().catch(() => undefined);
    if (socketDir !== undefined) await removeTempDir(socketDir);
  }
}

/** Runs one scenario `repeat` times and judges it against its expectation. */
export async function runScenario(
  options: RunOptions,
  scenario: Scenario,
): Promise<ScenarioResult> {
  const base = join(options.outputDir, 'scenarios', scenario.id);
  const attempts: Attempt[] = [];
  for (let index = 0; index < options.repeat; index += 1) {
    const dir =
      options.repeat === 1 ? base : join(base, `attempt-${String(index + 1)}`);
    attempts.push(await runAttempt(options, scenario, dir));
  }
  const first = attempts[0];
  if (first === undefined)
    throw new RangeError(`invalid repeat count ${String(options.repeat)}`);
  const expected = options.expectations?.scenarios[scenario.id];
  const { verdict, detail } = judge(
    attempts.map((attempt) => attempt.outcome),
    expected,
  );
  return {
    id: scenario.id,
    fixture: scenario.fixture,
    variant: scenario.variant,
    hostAction: scenario.hostAction,
    vmm: 'crosvm',
    argv: first.launched.argv,
    status: first.launched.status,
    durationMs: first.launched.durationMs,
    console: first.launched.console,
    stderr: first.launched.stderr,
    ...(first.failureString !== undefined
      ? { failureString: first.failureString }
      : {}),
    classifications: first.classifications,
    ...(expected !== undefined ? { expected } : {}),
    verdict,
    detail,
  };
}

/**
 * Runs every scenario with up to `jobs` at once. The results come back sorted by id, so they and
 * every report built from them are the same whatever order the scenarios finished in.
 */
export async function runScenarios(
  options: RunOptions,
): Promise<ScenarioResult[]> {
  if (!Number.isInteger(options.jobs) || options.jobs < 1) {
    throw new RangeError(
      `invalid job count ${String(options.jobs)}: use an integer of at least 1`,
    );
  }
  if (!Number.isInteger(options.repeat) || options.repeat < 1) {
    throw new RangeError(
      `invalid repeat count ${String(options.repeat)}: use an integer of at least 1`,
    );
  }
  const queue = [...options.scenarios];
  const results: ScenarioResult[] = [];
  const worker = async (): Promise<void> => {
    for (
      let scenario = queue.shift();
      scenario !== undefined;
      scenario = queue.shift()
    ) {
      try {
        const result = await runScenario(options, scenario);
        results.push(result);
        options.onResult?.(result);
      } catch (error) {
        // A setup error (e.g. the binary cannot start) fails every scenario alike: start no more.
        queue.length = 0;
        throw error;
      }
    }
  };
  const workers = Array.from(
    { length: Math.min(options.jobs, queue.length) },
    () => worker(),
  );
  await Promise.all(workers);
  return results.sort(compareIds);
}
