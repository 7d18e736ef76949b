import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { execa } from 'execa';
import { SetupError } from '../cli/errors.js';
import { fromExecaResult, type ExitStatus } from '../model/exit-status.js';
import type { CapturedStream } from '../run/types.js';
import { CappedCapture, DEFAULT_CAPTURE_CAP_BYTES } from './capture.js';
import { ConsoleWatch } from './console-watch.js';
import { signalGroup, trackGroup, untrackGroup } from './process-groups.js';

/**
 * Time between SIGTERM and SIGKILL on timeout, in milliseconds (2 s). crosvm installs no SIGTERM
 * handler on Linux (its only one is in the Windows broker), so SIGTERM ends it at once. The grace
 * is for other group members and VMMs that clean up first, such as QEMU; 2 s leaves room on a
 * loaded 2-core machine without slowing timeout scenarios much.
 */
export const DEFAULT_KILL_GRACE_MS = 2000;

/**
 * Time a host action may take after the process has ended, in milliseconds (5 s). Actions end
 * with the process, because console waits then resolve false and requests fail. An action still
 * running after that is stuck, and waiting for it would hang the whole run.
 */
export const DEFAULT_DURING_SETTLE_MS = 5000;

/** Waits for `promise` up to `ms` milliseconds; returns whether it settled in time. */
async function settlesWithin(
  promise: Promise<void>,
  ms: number,
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<false>((resolve) => {
    timer = setTimeout(() => {
      resolve(false);
    }, ms);
  });
  const done = promise.then(() => true as const);
  const settled = await Promise.race([done, expired]);
  clearTimeout(timer);
  return settled;
}

/** A process to run, how long it may take, and what the host does while it runs. */
export interface LaunchRequest {
  /** Executable first, then its arguments; never passed through a shell. */
  readonly argv: readonly string[];
  /** Directory that receives `console.log` (stdout) and `stderr.log`. */
  readonly outputDir: string;
  /** Time limit in milliseconds; then SIGTERM goes to the whole group, SIGKILL after the grace. */
  readonly timeoutMs: number;
  /** Milliseconds between the timeout's SIGTERM and SIGKILL; default `DEFAULT_KILL_GRACE_MS`. */
  readonly killGraceMs?: number;
  /** Byte cap per captured stream, head and tail kept; default `DEFAULT_CAPTURE_CAP_BYTES`. */
  readonly captureCapBytes?: number;
  /** Variables added to the harness's own environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Host actions while the process runs (signals, `stop`, injected events). */
  readonly during?: (running: RunningProcess) => Promise<void>;
  /** Milliseconds `during` may run on after the process ended; default `DEFAULT_DURING_SETTLE_MS`. */
  readonly duringSettleMs?: number;
}

/** The handle host actions get on a running process. */
export interface RunningProcess {
  /** Process id, which is also the process-group id. */
  readonly pid: number;
  /** Resolves true once `text` has appeared on stdout; false on timeout or when the process ends. */
  waitForConsole(text: string, timeoutMs: number): Promise<boolean>;
  /** Sends `signal` to every process in the group. */
  signalGroup(signal: NodeJS.Signals): void;
  /** Resolves when the process has exited. */
  readonly ended: Promise<void>;
}

/** The ending of a launched process and its captured output. */
export interface LaunchResult {
  readonly argv: readonly string[];
  readonly status: ExitStatus;
  /** Milliseconds from spawn to exit. */
  readonly durationMs: number;
  /** True when the harness timeout sent the signals that ended the process. */
  readonly timedOut: boolean;
  readonly console: CapturedStream;
  readonly stderr: CapturedStream;
}

/** The executable could not be started (ENOENT, EACCES): a setup problem, never a DeathReason. */
export class SpawnError extends SetupError {
  override name = 'SpawnError';
}

/** System error codes that mean the executable itself cannot be started. */
const SPAWN_ERROR_HINTS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file; check the path or pass --crosvm PATH',
  EACCES: 'permission denied; make the file executable (chmod +x)',
  ENOTDIR: 'a directory in the path is a file; check the path',
  ENOEXEC:
    'not an executable format for this machine; pass a Linux x86_64 binary',
};

/**
 * Runs `request.argv` in a process group of its own and waits for it. On timeout the group gets
 * SIGTERM, then SIGKILL after the grace. Once the leader exits, the rest of the group gets
 * SIGKILL, so device children and helpers never outlive a scenario.
 */
export async function launch(request: LaunchRequest): Promise<LaunchResult> {
  const [file, ...args] = request.argv;
  if (file === undefined || file === '') {
    throw new SpawnError(
      'invalid command line: argv is empty; the executable must come first',
    );
  }
  const cap = request.captureCapBytes ?? DEFAULT_CAPTURE_CAP_BYTES;
  const consoleCapture = new CappedCapture(cap);
  const stderrCapture = new CappedCapture(cap);
  const watch = new ConsoleWatch();

  const started = performance.now();
  const subprocess = execa(file, args, {
    reject: false,
    detached: true,
    stdin: 'ignore',
    buffer: false,
    shell: false,
    env: request.env ?? {},
    stripFinalNewline: false,
  });
  const pid = subprocess.pid;
  let exitedAt: number | undefined;
  let timedOut = false;
  let graceTimer: NodeJS.Timeout | undefined;
  let timeoutTimer: NodeJS.Timeout | undefined;

  if (pid !== undefined) {
    trackGroup(pid);
    subprocess.stdout.on('data', (chunk: Buffer) => {
      consoleCapture.push(chunk);
      watch.push(chunk);
    });
    subprocess.stderr.on('data', (chunk: Buffer) => {
      stderrCapture.push(chunk);
    });
    // The leader's exit ends the scenario: kill what is left of the group so that no child keeps
    // the output pipes open and nothing outlives the run.
    subprocess.once('exit', () => {
      exitedAt = performance.now();
      signalGroup(pid, 'SIGKILL');
    });
    timeoutTimer = setTimeout(() => {
      timedOut = true;
      signalGroup(pid, 'SIGTERM');
      graceTimer = setTimeout(() => {
        signalGroup(pid, 'SIGKILL');
      }, request.killGraceMs ?? DEFAULT_KILL_GRACE_MS);
    }, request.timeoutMs);
  }

  const ended = subprocess.then(() => undefined);
  let duringError: Error | undefined;
  const during =
    pid !== undefined && request.during !== undefined
      ? request
          .during({
            pid,
            waitForConsole: (text, timeoutMs) => watch.waitFor(text, timeoutMs),
            signalGroup: (signal) => {
              signalGroup(pid, signal);
            },
            ended,
          })
          .catch((error: unknown) => {
            duringError =
              error instanceof Error ? error : new Error(String(error));
            signalGroup(pid, 'SIGKILL');
          })
      : Promise.resolve();

  const result = await subprocess;
  clearTimeout(timeoutTimer);
  clearTimeout(graceTimer);
  watch.close();
  const settleMs = request.duringSettleMs ?? DEFAULT_DURING_SETTLE_MS;
  const settled = await settlesWithin(during, settleMs);
  if (pid !== undefined) {
    signalGroup(pid, 'SIGKILL');
    untrackGroup(pid);
  }
  if (duringError !== undefined) throw duringError;
  if (!settled) {
    throw new Error(
      `host action on ${file} still running ${String(settleMs)} ms after the process ended; it must finish once \`ended\` resolves`,
    );
  }

  if (pid === undefined) {
    const code = typeof result.code === 'string' ? result.code : undefined;
    const hint = code !== undefined ? SPAWN_ERROR_HINTS[code] : undefined;
    throw new SpawnError(
      `cannot start ${file}: ${code ?? result.shortMessage}${hint !== undefined ? ` (${hint})` : ''}`,
    );
  }

  return {
    argv: [...request.argv],
    status: fromExecaResult({
      exitCode: result.exitCode,
      signal: result.signal,
      cause: result.cause ?? result.shortMessage,
    }),
    durationMs: (exitedAt ?? performance.now()) - started,
    timedOut,
    console: await consoleCapture.finish(
      join(request.outputDir, 'console.log'),
    ),
    stderr: await stderrCapture.finish(join(request.outputDir, 'stderr.log')),
  };
}
