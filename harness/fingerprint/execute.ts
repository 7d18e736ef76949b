import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { makeTempDir, removeTempDir } from '../launch/temp-dirs.js';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { CrosvmTarget } from '../crosvm/discover.js';
import { launch, type RunningProcess } from '../launch/launch.js';
import { hostAction, type Injector } from '../run/host-actions.js';
import type { ProbeCandidate } from './candidates.js';
import { outcomeOf, STILL_RUNNING, type ProbeOutcome } from './outcome.js';
import type { ProbeRun } from './result.js';
import { endWhenRunning, runningWaitMs } from './running-wait.js';
import { probeArguments } from './variants.js';

/**
 * Time limit of any probe, in milliseconds (30 s). The stub ends in well under a second and
 * crosvm boots a fixture in about one, so the limit only ends a binary that hangs where no era
 * does.
 */
export const PROBE_TIMEOUT_MS = 30_000;

/** One probe's observation and how it ran. */
export interface ProbeObservation {
  readonly run: ProbeRun;
  readonly outcome: ProbeOutcome;
}

/** Options of `executeProbes`. */
export interface ExecuteOptions {
  /** Directory for kernel images, sockets and each probe's captured output. */
  readonly workDir: string;
  /** Probes run at once; default the number of cores. */
  readonly jobs?: number;
  /**
   * Ids of the probes that some era predicts to keep running. They start at once, outside the
   * `jobs` limit because a running guest costs no CPU, and count as running once they outlive
   * `runningWaitMs` of the other probes' durations.
   */
  readonly mayKeepRunning?: ReadonlySet<string>;
  /** Delivers injected host events; without it, probes that need one must not be planned. */
  readonly inject?: Injector | undefined;
}

/**
 * Runs every probe against `target` and returns the observations in probe order. Probes that no
 * era predicts to keep running run up to `jobs` at once. Each probe runs in its own process
 * group, which the launcher kills when it ends.
 */
export async function executeProbes(
  target: CrosvmTarget,
  probes: readonly ProbeCandidate[],
  options: ExecuteOptions,
): Promise<ProbeObservation[]> {
  const kernelPaths = await writeKernels(
    probes,
    join(options.workDir, 'kernels'),
  );
  const jobs = Math.max(1, options.jobs ?? availableParallelism());
  // Unix socket paths are limited to 107 bytes, so sockets live in a short temporary directory.
  const socketDir = await makeTempDir('crosvm-fp-');
  const context = { target, kernelPaths, socketDir, options };

  let settleWait: (ms: number) => void = () => undefined;
  const waitMs = new Promise<number>((resolve) => {
    settleWait = resolve;
  });
  const indexed = probes.map((probe, index) => ({ probe, index }));
  const mayRun = indexed.filter(
    ({ probe }) => options.mayKeepRunning?.has(probe.id) === true,
  );
  const ordinary = indexed.filter(
    ({ probe }) => options.mayKeepRunning?.has(probe.id) !== true,
  );

  const mayRunTasks = mayRun.map(({ probe, index }) =>
    executeProbe(context, probe, index, waitMs),
  );
  const observations = new Array<ProbeObservation | undefined>(probes.length);
  try {
    let next = 0;
    const worker = async (): Promise<void> => {
      for (
        let item = ordinary[next++];
        item !== undefined;
        item = ordinary[next++]
      ) {
        observations[item.index] = await executeProbe(
          context,
          item.probe,
          item.index,
        );
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(jobs, ordinary.length) }, worker),
    );
  } finally {
    const reference = observations
      .filter((item) => item !== undefined)
      .filter(
        (item) =>
          item.run.hostActions.length === 0 &&
          item.outcome.ending !== STILL_RUNNING,
      )
      .map((item) => item.run.durationMs);
    settleWait(runningWaitMs(reference));
  }
  try {
    const mayRunResults = await Promise.all(mayRunTasks);
    mayRun.forEach(({ index }, position) => {
      observations[index] = mayRunResults[position];
    });
  } finally {
    await removeTempDir(socketDir);
  }
  return observations.filter((item) => item !== undefined);
}

/** The state that every probe of one `executeProbes` call shares. */
interface ProbeContext {
  readonly target: CrosvmTarget;
  readonly kernelPaths: ReadonlyMap<string, string>;
  readonly socketDir: string;
  readonly options: ExecuteOptions;
}

/** Writes each distinct kernel image once and returns the path of each by kernel name. */
async function writeKernels(
  probes: readonly ProbeCandidate[],
  directory: string,
): Promise<Map<string, string>> {
  await mkdir(directory, { recursive: true });
  const paths = new Map<string, string>();
  for (const { kernel } of probes) {
    if (kernel === undefined || paths.has(kernel.name)) continue;
    const path = join(directory, `${kernel.name}.elf`);
    await writeFile(path, kernel.image);
    paths.set(kernel.name, path);
  }
  return paths;
}

/** Returns the argv of a probe, executable first, and the socket it passes, if any. */
function probeArgv(
  context: ProbeContext,
  probe: ProbeCandidate,
  index: number,
): { argv: string[]; socketPath: string | undefined } {
  const { executable } = context.target;
  if (probe.kernel === undefined) {
    return {
      argv: [executable, ...probe.variant.arguments],
      socketPath: undefined,
    };
  }
  const kernelPath = context.kernelPaths.get(probe.kernel.name) ?? '';
  // The stub takes injected events through its control socket too, so any host action needs it.
  const socketPath =
    probe.hostActions.length > 0
      ? join(context.socketDir, `p${index}.sock`)
      : undefined;
  return {
    argv: [
      executable,
      ...probeArguments(probe.variant, kernelPath, socketPath),
    ],
    socketPath,
  };
}

/**
 * Runs one probe. With `runningWait`, the probe is ended and counted as running once it has
 * lived as long as the wait that promise settles to.
 */
async function executeProbe(
  context: ProbeContext,
  probe: ProbeCandidate,
  index: number,
  runningWait?: Promise<number>,
): Promise<ProbeObservation> {
  const { target, options } = context;
  const outputDir = join(options.workDir, 'probes', probe.id);
  await mkdir(outputDir, { recursive: true });
  const { argv, socketPath } = probeArgv(context, probe, index);
  const actions = probe.hostActions.map((action, step) => {
    const actionDir = join(outputDir, `action-${step}-${action}`);
    // A `stop` after an injected event goes to a socket that the event already used, so it
    // needs no wait for the socket and is skipped when the event has ended the VMM.
    if (step > 0 && action === 'stop' && socketPath !== undefined) {
      return followUpStop(target, socketPath, actionDir);
    }
    return hostAction({
      action,
      startLine: probe.kernel?.startLine ?? '',
      executable: target.executable,
      env: target.env,
      socketPath,
      outputDir: actionDir,
      inject: options.inject,
    });
  });

  // Set by the deadline inside `during`. It is an object because the type checker would
  // otherwise narrow a plain boolean to its initial value.
  const deadlineState = { killed: false };
  const started = performance.now();
  const result = await launch({
    argv,
    outputDir,
    timeoutMs: PROBE_TIMEOUT_MS,
    env: { ...target.env },
    during: async (running) => {
      const deadline =
        runningWait === undefined
          ? Promise.resolve()
          : endWhenRunning(running, started, runningWait).then((killed) => {
              deadlineState.killed = killed;
            });
      // Each action waits for the start line, which the console watch keeps, so the second
      // action of a sequence starts as soon as the first one has been delivered.
      for (const action of actions) await action?.(running);
      await deadline;
    },
  });

  // The output of a command probe is crosvm's own text, which is never judged.
  const console =
    probe.kernel === undefined
      ? ''
      : await readFile(result.console.path, 'utf8');
  const ranOn = deadlineState.killed || result.timedOut;
  return {
    run: {
      id: probe.id,
      argv: result.argv,
      hostActions: probe.hostActions,
      durationMs: result.durationMs,
    },
    outcome: outcomeOf(ranOn ? undefined : result.status, console),
  };
}

/**
 * Time limit of a `stop` request, in milliseconds (10 s). It connects to a local socket and
 * returns at once; the limit only ends a hung client.
 */
export const STOP_REQUEST_TIMEOUT_MS = 10_000;

/** Returns a host action that runs `<binary> stop SOCKET` unless the VMM has already ended. */
function followUpStop(
  target: CrosvmTarget,
  socketPath: string,
  outputDir: string,
): (running: RunningProcess) => Promise<void> {
  return async (running) => {
    // An ended process has its `ended` promise settled, so its callback runs before the next
    // turn of the event loop does.
    const ended = await Promise.race([
      running.ended.then(() => true),
      nextTurn().then(() => false),
    ]);
    if (ended) return;
    await mkdir(outputDir, { recursive: true });
    await launch({
      argv: [target.executable, 'stop', socketPath],
      outputDir,
      timeoutMs: STOP_REQUEST_TIMEOUT_MS,
      env: { ...target.env },
    });
  };
}
