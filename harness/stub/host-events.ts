/**
 * Host-side events the harness can inject into a running stub crosvm. Each stands for something
 * that happens outside the guest on a real crosvm host; inject.ts sends them.
 */

/**
 * `device-child-killed`: a sandboxed device process of crosvm is killed.
 * `device-child-clean-exit`: a child process crosvm does not track exits with status 0, as a
 * GPU driver's helper does.
 * `vhost-user-disconnect`: the backend process of a vhost-user device goes away.
 */
export type HostEvent =
  'device-child-killed' | 'device-child-clean-exit' | 'vhost-user-disconnect';

/** Every host event, in a stable order. */
export const HOST_EVENTS: readonly HostEvent[] = [
  'device-child-killed',
  'device-child-clean-exit',
  'vhost-user-disconnect',
];

/**
 * Signals that trigger each host event on the stub when no control socket is available. SIGUSR1
 * is also Node's inspector trigger, but the stub installs its own listener, which replaces that.
 */
export const HOST_EVENT_SIGNALS: Readonly<Record<HostEvent, NodeJS.Signals>> = {
  'device-child-killed': 'SIGUSR1',
  'device-child-clean-exit': 'SIGUSR2',
  'vhost-user-disconnect': 'SIGPWR',
};

/** One-line descriptions of the host events, for `--help`. */
export const HOST_EVENT_DESCRIPTIONS: Readonly<Record<HostEvent, string>> = {
  'device-child-killed': 'a device child process is killed',
  'device-child-clean-exit': 'an untracked child process exits with status 0',
  'vhost-user-disconnect': 'a vhost-user backend disconnects',
};

/** Returns true when `value` names a host event. */
export function isHostEvent(value: string): value is HostEvent {
  return (HOST_EVENTS as readonly string[]).includes(value);
}
