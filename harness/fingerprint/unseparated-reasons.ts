/**
 * Reasons why some adjacent eras cannot be separated from an x86_64 host running unsandboxed
 * crosvm, keyed by the `since` date of the newer era. A test checks that the derived probe set leaves
 * exactly these pairs unseparated. So a new era row that no probe can observe fails that test
 * until its reason is written here, and so does a listed row that becomes observable.
 */

/** Eras separated by no probe on any binary, with the reason. */
export const ALWAYS_UNSEPARATED: Readonly<Record<string, string>> = {
  '2022-11-15':
    'only the wording of kernel-loader errors on stderr changes, and a fingerprint judges exit ' +
    'status and guest console output alone',
};

/**
 * Eras separated only by an injected host event (a device child process exiting or a vhost-user
 * backend disconnecting). The stub accepts these events; a real crosvm run with
 * `--disable-sandbox` has no device child processes and no vhost-user backend to lose.
 */
export const INJECTION_ONLY: Readonly<Record<string, string>> = {
  '2022-12-15':
    'only the exit status after a device child process exits changes (33 instead of 0), and ' +
    'an unsandboxed crosvm has no device child process',
  '2023-06-13':
    'only the handling of a clean device-child exit changes (ignored unsandboxed), and an ' +
    'unsandboxed crosvm has no device child process',
  '2025-08-14':
    'only the ending after a vhost-user backend disconnects changes (33 instead of SIGABRT), ' +
    'and the probes start no vhost-user backend',
};

/**
 * Returns the reason the eras starting on `newer` and just before it are not separated, or
 * undefined when no reason is recorded.
 */
export function unseparatedReason(
  newer: string,
  injection: boolean,
): string | undefined {
  return (
    ALWAYS_UNSEPARATED[newer] ?? (injection ? undefined : INJECTION_ONLY[newer])
  );
}
