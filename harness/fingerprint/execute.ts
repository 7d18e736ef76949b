import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CrosvmTarget } from '../crosvm/discover.js';
import { launch } from '../launch/launch.js';
import { hostAction, type Injector } from '../run/host-actions.js';
import type { ProbeCandidate } from './candidates.js';
import { outcomeOf, type ProbeOutcome } from './outcome.js';
import type { ProbeRun } from './result.js';
import { probeArguments } from './variants.js';

/**
 * Time limit of a probe that every era predicts to end by itself, in milliseconds (30 s). The
 * stub ends in well under a second and crosvm boots a fixture in about one; the limit only ends a
 * binary that hangs where no era does.
 */
export const PROBE_TIMEOUT_MS = 30_000;

/**
 * Time limit of a probe that some era predicts to keep running, in milliseconds (3 s). Such a
 * probe shows `running` only by reaching the limit, so the binary's start-up must fit well
 * inside it, and every such probe on a binary that keeps running waits for it in full.
 * NOTE: a binary that needs more than 3 s to start and exit (a machine under heavy load) is
 * observed as running, which misplaces the fingerprint.
 */
export const RUNNING_PROBE_TIMEOUT_MS = 3_000;

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
  /** Ids of the probes that some era predicts to keep running; they get the short timeout. */
  readonly mayKeepRunning?: ReadonlySet<string>;
  /** Delivers injected host events; without it, probes that need one must not be planned. */
  readonly inject?: Injector | undefined;
}

/**
 * Runs every probe against `target`, up to `jobs` at once, and returns the observations in probe
 * order. Each probe runs in its own process group, which the launcher kills when it ends.
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
  const observations = new Array<ProbeObservation | undefined>(probes.length);
  // Unix socket paths are limited to 107 bytes, so sockets live in a short temporary directory.
  const socketDir = await mkdtemp(join(tmpdir(), 'crosvm-fp-'));
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < probes.length) {
      const index = next;
      next += 1;
      const probe = probes[index];
      if (probe === undefined) continue;
      observations[index] = await executeProbe(
        target,
        probe,
        kernelPaths,
        index,
        socketDir,
        options,
      );
    }
  };
  try {
    await Promise.all(
      Array.from({ length: Math.min(jobs, probes.length) }, worker),
    );
  } finally {
    await rm(socketDir, { recursive: true, force: true });
  }
  return observations.filter((item) => item !== undefined);
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

async function executeProbe(
  target: CrosvmTarget,
  probe: ProbeCandidate,
  kernelPaths: ReadonlyMap<string, string>,
  index: number,
  socketDir: string,
  options: ExecuteOptions,
): Promise<ProbeObservation> {
  const outputDir = join(options.workDir, 'probes', probe.id);
  const timeoutMs =
    options.mayKeepRunning?.has(probe.id) === true
      ? RUNNING_PROBE_TIMEOUT_MS
      : PROBE_TIMEOUT_MS;
  await mkdir(outputDir, { recursive: true });
  if (probe.kernel === undefined) {
    const result = await launch({
      argv: [target.executable, ...probe.variant.arguments],
      outputDir,
      timeoutMs,
      env: { ...target.env },
    });
    return {
      run: {
        id: probe.id,
        argv: result.argv,
        hostActions: [],
        durationMs: result.durationMs,
      },
      // The output of a command probe is crosvm's own text, which is never judged.
      outcome: outcomeOf(result.timedOut ? undefined : result.status, ''),
    };
  }
  const { kernel } = probe;
  const kernelPath = kernelPaths.get(kernel.name) ?? '';
  // The stub takes injected events through its control socket too, so any host action needs it.
  const socketPath =
    probe.hostActions.length > 0
      ? join(socketDir, `p${index}.sock`)
      : undefined;
  const argv = [
    target.executable,
    ...probeArguments(probe.variant, kernelPath, socketPath),
  ];

  const actions = probe.hostActions.map((action, step) =>
    hostAction({
      action,
      startLine: kernel.startLine,
      executable: target.executable,
      env: target.env,
      socketPath,
      outputDir: join(outputDir, `action-${step}-${action}`),
      inject: options.inject,
    }),
  );
  const result = await launch({
    argv,
    outputDir,
    timeoutMs,
    env: { ...target.env },
    // Each action waits for the start line, which the console watch keeps, so the second action
    // of a sequence starts as soon as the first one has been delivered.
    during: async (running) => {
      for (const action of actions) await action?.(running);
    },
  });

  const console = await readFile(result.console.path, 'utf8');
  return {
    run: {
      id: probe.id,
      argv: result.argv,
      hostActions: probe.hostActions,
      durationMs: result.durationMs,
    },
    outcome: outcomeOf(result.timedOut ? undefined : result.status, console),
  };
}
