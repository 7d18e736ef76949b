/**
 * Reasons why some adjacent eras cannot be separated from an x86_64 host running unsandboxed
 * crosvm, keyed by the `since` date of the newer era. A test checks that the derived probe set leaves
 * exactly these pairs unseparated. So a new era row that no probe can observe fails that test
 * until its reason is written here, and so does a listed row that becomes observable.
 */

/** Eras separated by no probe on any binary, with the reason. */
export const ALWAYS_UNSEPARATED: Readonly<Record<string, string>> = {
  '2019-02-07':
    'only panics of debug builds change (Rust unwinding to SIGABRT), and release builds abort ' +
    'on a panic in both eras',
  '2022-01-10':
    'only builds with the direct Cargo feature change (extended status without the flag), and ' +
    'the era table describes builds without that feature',
  '2022-01-27':
    'only the addresses of the boot GDT and IDT change, and every probe kernel loads its own ' +
    'GDT first and its own IDT before it raises an exception',
  '2022-01-28':
    'only the aarch64 PSCI reset and failed vCPU runs (KVM_EXIT_FAIL_ENTRY, KVM_RUN errors) ' +
    'change, and an x86_64 guest cannot make KVM fail its vCPU run on purpose',
  '2022-07-21':
    'only the aarch64 vmwdt stall detector is added, and x86_64 has no such device',
  '2022-10-12':
    'only the exit code of the aarch64 vmwdt stall detector changes (32 to 36), and x86_64 has ' +
    'no such device',
  '2022-11-15':
    'only the wording of kernel-loader errors on stderr changes, and a fingerprint judges exit ' +
    'status and guest console output alone',
  '2023-07-12':
    'only the boot GDT layout, its selectors and the IDT address change, and every probe ' +
    'kernel loads its own GDT and segment registers first and its own IDT before an exception',
  '2024-04-17':
    'only the handling of a bzImage without a 64-bit entry point changes, and every probe ' +
    'kernel is an ELF image',
  '2024-07-26':
    'only the handling of a bzImage without a 64-bit entry point changes, and every probe ' +
    'kernel is an ELF image',
  '2024-09-20':
    'only the size of the boot identity map changes (1 GiB to 4 GiB), and every probe kernel ' +
    'installs its own 0-4 GiB map before it touches memory above 1 GiB',
  '2025-02-10':
    'only kernels with a Multiboot v1 header load differently, and no probe kernel carries one',
  '2026-04-15':
    'only the exit code of a KVM_SYSTEM_EVENT_CRASH changes (0 to 34), and no x86_64 guest ' +
    'action is known to raise that event under crosvm',
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
