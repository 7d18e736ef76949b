import { makeTempDir, removeTempDir } from '../launch/temp-dirs.js';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { launch, type LaunchResult } from '../launch/launch.js';
import { captureConsoleFile, waitForFileText } from './console-file.js';
import {
  buildQemuArgv,
  DEFAULT_QEMU_BINARY,
  type QemuAccelerator,
} from './argv.js';
import { connectQmp, type QmpClient } from './qmp-client.js';
import type { QmpEvent } from './qmp-messages.js';

/**
 * Milliseconds QEMU gets to create its QMP socket and greet (10 s). QEMU 7.2 does so in well
 * under a second, and the margin covers a loaded CI machine running several QEMUs at once.
 */
export const QMP_CONNECT_TIMEOUT_MS = 10_000;

/**
 * Milliseconds the launcher waits beyond the guest time limit before it sends SIGTERM itself
 * (15 s). It only fires when the QMP session hangs, because the backend's own SIGKILL ends a
 * guest that outlives its time limit.
 */
export const LAUNCH_BACKSTOP_MS = 15_000;

/**
 * Capture cap for the COM1 copy `console.log`, in bytes (4 MiB). It keeps console-flood's 1 MiB of
 * text and its narration whole, so that the console can be compared byte for byte.
 */
export const QEMU_CAPTURE_CAP_BYTES = 4 * 1024 * 1024;

/** File in the output directory that QEMU writes COM1 to; `console.log` is its capped copy. */
export const COM1_FILE_NAME = 'com1.log';

/** One fixture image to boot on QEMU. */
export interface QemuRunRequest {
  /** ELF image with a Xen PVH note. */
  readonly image: string;
  /** Directory that receives `com1.log`, its capped copy `console.log`, and `stderr.log`. */
  readonly outputDir: string;
  /**
   * Milliseconds the guest may run after `cont` before the harness kills QEMU with SIGKILL. On
   * an idle machine with TCG, most fixtures that end by themselves take under a second and
   * console-flood about 3 s. A fixture that never ends is killed after this.
   */
  readonly guestTimeoutMs: number;
  /** Default `tcg`. */
  readonly accelerator?: QemuAccelerator;
  /** Default `qemu-system-x86_64` on PATH. */
  readonly binary?: string;
  /** File or FIFO for COM2 (I/O port 0x2F8). Without it the guest has no second serial port. */
  readonly com2Path?: string;
  /**
   * Console text after which the harness kills QEMU with SIGKILL without waiting for the time
   * limit, for a guest known to halt right after printing it.
   */
  readonly killOnConsole?: string;
}

/** The outcome of the QMP session: completed (capabilities and `cont` accepted) or failed. */
export type QmpSession =
  | { readonly kind: 'completed'; readonly qemuVersion: string }
  | { readonly kind: 'failed'; readonly error: string };

/** The launcher's result for a QEMU run, plus the QMP session and every event QEMU sent. */
export interface QemuRunResult extends LaunchResult {
  readonly session: QmpSession;
  /** Every event, oldest first, including `RESUME` caused by the harness's `cont`. */
  readonly events: readonly QmpEvent[];
  /**
   * True when the harness killed QEMU with SIGKILL: the guest outlived `guestTimeoutMs` or
   * printed `killOnConsole`.
   */
  readonly killedByHarness: boolean;
  /** The events received before the harness's SIGKILL; all events when QEMU ended by itself. */
  readonly eventsBeforeKill: readonly QmpEvent[];
  /** Process id of QEMU, also its process-group id. The launcher has killed the group by now. */
  readonly pid: number | undefined;
}

/**
 * Boots `request.image` on QEMU: starts it paused in its own process group, connects to QMP,
 * negotiates capabilities, sends `cont`, and records events until QEMU exits or the guest time
 * limit passes.
 */
export async function runOnQemu(
  request: QemuRunRequest,
): Promise<QemuRunResult> {
  const socketDir = await makeTempDir('qmp-');
  const qmpSocket = join(socketDir, 'qmp.sock');
  const consolePath = join(request.outputDir, COM1_FILE_NAME);
  const argv = buildQemuArgv({
    binary: request.binary ?? DEFAULT_QEMU_BINARY,
    image: request.image,
    consolePath,
    qmpSocket,
    accelerator: request.accelerator ?? 'tcg',
    ...(request.com2Path === undefined ? {} : { com2Path: request.com2Path }),
  });

  let client: QmpClient | undefined;
  let session: QmpSession = {
    kind: 'failed',
    error: 'the QMP session did not start',
  };
  let killedByHarness = false;
  let eventsBeforeKill: readonly QmpEvent[] | undefined;
  let pid: number | undefined;

  try {
    const result = await launch({
      argv,
      outputDir: request.outputDir,
      timeoutMs:
        QMP_CONNECT_TIMEOUT_MS + request.guestTimeoutMs + LAUNCH_BACKSTOP_MS,
      during: async (running) => {
        pid = running.pid;
        try {
          client = await connectQmp(qmpSocket, {
            timeoutMs: QMP_CONNECT_TIMEOUT_MS,
            abandon: running.ended,
          });
          const { version } = await client.greeting();
          await client.execute('qmp_capabilities');
          await client.execute('cont');
          session = { kind: 'completed', qemuVersion: version };
        } catch (error) {
          // A QEMU that exits at start-up (bad image, unknown option) ends the session early. Its
          // exit status and stderr show why, so the run is returned rather than thrown.
          session = {
            kind: 'failed',
            error: error instanceof Error ? error.message : String(error),
          };
          running.signalGroup('SIGKILL');
          return;
        }

        const guestTimer = new AbortController();
        const limit = sleep(request.guestTimeoutMs, 'limit' as const, {
          signal: guestTimer.signal,
        });
        limit.catch(() => undefined);
        const waits: Promise<'ended' | 'limit' | 'console'>[] = [
          running.ended.then(() => 'ended' as const),
          limit,
        ];
        const killText = request.killOnConsole;
        if (killText !== undefined) {
          const seen = waitForFileText(
            consolePath,
            killText,
            Promise.race([running.ended, limit]),
          );
          // A wait that ends without the text leaves the decision to the other two.
          waits.push(seen.then((found) => (found ? 'console' : limit)));
        }
        const first = await Promise.race(waits);
        guestTimer.abort();
        if (first !== 'ended') {
          killedByHarness = true;
          eventsBeforeKill = [...client.events];
          running.signalGroup('SIGKILL');
          await running.ended;
        }
        await client.closed;
      },
    });
    const events = client?.events ?? [];
    // QEMU's stdout carries nothing with COM1 in a file, so the console capture replaces it.
    const console = await captureConsoleFile(
      consolePath,
      QEMU_CAPTURE_CAP_BYTES,
      join(request.outputDir, 'console.log'),
    );
    return {
      ...result,
      console,
      session,
      events: [...events],
      killedByHarness,
      eventsBeforeKill: eventsBeforeKill ?? [...events],
      pid,
    };
  } finally {
    client?.close();
    await removeTempDir(socketDir);
  }
}
