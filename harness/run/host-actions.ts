import { access, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { launch, type RunningProcess } from '../launch/launch.js';
import type { HostAction } from '../scenarios/scenario.js';

/** Host events that only the stub can be made to see; a real crosvm needs a device process killed. */
export type InjectedEvent =
  'device-child-killed' | 'device-child-clean-exit' | 'vhost-user-disconnect';

/** Sends an injected event to the running VMM. */
export type Injector = (
  target: { pid: number; socketPath?: string },
  event: InjectedEvent,
) => Promise<void>;

/**
 * Time a host action waits for the fixture's start line, in milliseconds (15 s). The stub prints
 * it at once and crosvm within about a second of starting. A guest that never prints it ends by
 * the scenario's own timeout, and the outcome shows that.
 */
export const START_LINE_WAIT_MS = 15_000;

/** Time the `stop` action waits for the control socket to appear, in milliseconds (5 s). */
const SOCKET_WAIT_MS = 5_000;

/** Poll interval while waiting for the control socket, in milliseconds. */
const SOCKET_POLL_MS = 20;

/**
 * Time a `crosvm stop` request may take, in milliseconds (10 s). It connects to a local socket
 * and returns; anything longer is a hung client, which the launcher then kills.
 */
const STOP_REQUEST_TIMEOUT_MS = 10_000;

/** Inputs of a host action besides the running process. */
export interface HostActionContext {
  readonly action: HostAction;
  /** The line every fixture prints first on COM1: `fixture NAME: start`. */
  readonly startLine: string;
  /** The executable under test and its environment, for `stop SOCKET`. */
  readonly executable: string;
  readonly env: Readonly<Record<string, string>>;
  readonly socketPath?: string | undefined;
  /** Directory for the `stop` request's own output. */
  readonly outputDir: string;
  readonly inject?: Injector | undefined;
}

/** Polls for the control socket until it exists, the VMM ends, or `SOCKET_WAIT_MS` passes. */
async function waitForSocket(
  path: string,
  ended: Promise<void>,
): Promise<boolean> {
  const vmm = { ended: false };
  void ended.then(() => {
    vmm.ended = true;
  });
  const end = Date.now() + SOCKET_WAIT_MS;
  while (Date.now() < end && !vmm.ended) {
    try {
      await access(path);
      return true;
    } catch {
      await sleep(SOCKET_POLL_MS);
    }
  }
  return false;
}

/**
 * Returns the `during` callback that performs a host action on the running VMM. Actions that act
 * on a running guest start once its start line has appeared. If it never appears they do nothing,
 * and the scenario ends by its timeout.
 */
export function hostAction(
  context: HostActionContext,
): ((running: RunningProcess) => Promise<void>) | undefined {
  const { action } = context;
  if (action === 'none' || action === 'timeout') return undefined;

  return async (running) => {
    const started = await running.waitForConsole(
      context.startLine,
      START_LINE_WAIT_MS,
    );
    if (!started) return;
    switch (action) {
      case 'sigkill':
      case 'sigterm':
        // AVF signals crosvm itself, not its group; the launcher reaps the rest of the group.
        process.kill(running.pid, action === 'sigkill' ? 'SIGKILL' : 'SIGTERM');
        return;
      case 'stop': {
        const socket = context.socketPath;
        if (
          socket === undefined ||
          !(await waitForSocket(socket, running.ended))
        )
          return;
        const dir = join(context.outputDir, 'stop-request');
        await mkdir(dir, { recursive: true });
        await launch({
          argv: [context.executable, 'stop', socket],
          outputDir: dir,
          timeoutMs: STOP_REQUEST_TIMEOUT_MS,
          env: context.env,
        });
        return;
      }
      case 'device-child-killed':
      case 'device-child-clean-exit':
      case 'vhost-user-disconnect': {
        if (context.inject === undefined) {
          throw new Error(
            `host action ${action} needs event injection, which this binary lacks`,
          );
        }
        await context.inject(
          {
            pid: running.pid,
            ...(context.socketPath !== undefined
              ? { socketPath: context.socketPath }
              : {}),
          },
          action,
        );
        return;
      }
    }
  };
}
