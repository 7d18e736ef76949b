/**
 * Injects a host event into a running stub crosvm: over its control socket when it has one,
 * otherwise by the event's signal (`HOST_EVENT_SIGNALS`).
 *
 * How to cause the same events on a real crosvm, for a later real-crosvm run:
 * - `device-child-killed`: start crosvm without `--disable-sandbox`, so that devices run as
 *   jailed child processes, and SIGKILL one of them (a child of crosvm's pid, as listed in
 *   `/proc/PID/task/PID/children`).
 * - `device-child-clean-exit`: needs a device that forks a short-lived helper under
 *   `--disable-sandbox`, as a host GPU driver does inside virtio-gpu. It cannot be caused from
 *   outside crosvm.
 * - `vhost-user-disconnect`: run the device in a separate vhost-user backend process (`crosvm
 *   device ...` serving a socket that `run` connects to as a vhost-user device) and SIGKILL that
 *   backend process.
 */
import { sendControlRequest } from './control.js';
import { HOST_EVENT_SIGNALS, type HostEvent } from './host-events.js';

export { HOST_EVENTS, type HostEvent } from './host-events.js';

/**
 * Sends `event` to the stub `target`; resolves when the socket replies `ok` or the signal is sent.
 * Send it once the stub runs the guest (its control socket exists or its console has output):
 * the stub installs its signal handlers at start, and Node handles SIGUSR1 and SIGPWR by
 * default before that.
 */
export async function injectHostEvent(
  target: { pid: number; socketPath?: string },
  event: HostEvent,
): Promise<void> {
  if (target.socketPath !== undefined) {
    await sendControlRequest(target.socketPath, `host-event ${event}`);
    return;
  }
  process.kill(target.pid, HOST_EVENT_SIGNALS[event]);
}
