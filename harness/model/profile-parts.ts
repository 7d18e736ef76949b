import type { Enumerator, JavaConstant, Profile } from './profile.js';

/**
 * Texts and helpers the profile tables share. Doc strings are the AIDL `DeathReason` comments;
 * they never changed for a surviving name, so one table serves every profile.
 */
export const ENUMERATOR_DOCS: Readonly<Record<string, string>> = {
  INFRASTRUCTURE_ERROR: 'There was an error waiting for the VM.',
  KILLED: 'The VM was killed.',
  UNKNOWN: 'The VM died for an unknown reason.',
  SHUTDOWN: 'The VM requested to shut down.',
  ERROR: 'crosvm had an error starting the VM.',
  START_FAILED: 'crosvm had an error starting the VM.',
  REBOOT:
    'The VM requested to reboot, possibly as the result of a kernel panic.',
  CRASH: 'The VM or crosvm crashed.',
  PVM_FIRMWARE_PUBLIC_KEY_MISMATCH:
    "The pVM firmware failed to verify the VM because the public key doesn't match.",
  PVM_FIRMWARE_INSTANCE_IMAGE_CHANGED:
    'The pVM firmware failed to verify the VM because the instance image changed.',
  BOOTLOADER_PUBLIC_KEY_MISMATCH:
    "The bootloader failed to verify the VM because the public key doesn't match.",
  BOOTLOADER_INSTANCE_IMAGE_CHANGED:
    'The bootloader failed to verify the VM because the instance image changed.',
  MICRODROID_FAILED_TO_CONNECT_TO_VIRTUALIZATION_SERVICE:
    "The microdroid failed to connect to VirtualizationService's RPC server.",
  MICRODROID_PAYLOAD_HAS_CHANGED: 'The payload for microdroid is changed.',
  MICRODROID_PAYLOAD_VERIFICATION_FAILED:
    'The microdroid failed to verify given payload APK.',
  MICRODROID_INVALID_PAYLOAD_CONFIG:
    'The VM config for microdroid is invalid (e.g. missing tasks).',
  MICRODROID_UNKNOWN_RUNTIME_ERROR:
    'There was a runtime error while running microdroid manager.',
  HANGUP: 'The VM killed due to hangup',
  WATCHDOG_REBOOT: 'The VCPU stalled',
  HOST_SHUTDOWN: 'Host is shutting down',
};

/** The four tokens `b27681f6` (2022-03-01) matched; AVF's pVM firmware never sent any of them. */
export const FIRMWARE_TOKENS = [
  'PVM_FIRMWARE_PUBLIC_KEY_MISMATCH',
  'PVM_FIRMWARE_INSTANCE_IMAGE_CHANGED',
  'BOOTLOADER_PUBLIC_KEY_MISMATCH',
  'BOOTLOADER_INSTANCE_IMAGE_CHANGED',
] as const;

/** The tokens microdroid_manager writes on a startup failure, matched from 2022-06-13. */
export const MICRODROID_TOKENS = [
  'MICRODROID_FAILED_TO_CONNECT_TO_VIRTUALIZATION_SERVICE',
  'MICRODROID_PAYLOAD_HAS_CHANGED',
  'MICRODROID_PAYLOAD_VERIFICATION_FAILED',
  'MICRODROID_INVALID_PAYLOAD_CONFIG',
  'MICRODROID_UNKNOWN_RUNTIME_ERROR',
] as const;

/** Builds enumerators from `[name, value]` pairs, taking each doc string from the shared table. */
export function enumerators(
  pairs: readonly (readonly [string, number])[],
  renamed: Readonly<Record<string, string>> = {},
): Enumerator[] {
  return pairs.map(([name, value]) => {
    const doc = ENUMERATOR_DOCS[name];
    if (doc === undefined)
      throw new Error(`no AIDL doc string recorded for ${name}`);
    const from = renamed[name];
    return from === undefined
      ? { name, value, doc }
      : { name, value, doc, renamedFrom: from };
  });
}

/** Returns `list` with the `[name, value]` pairs appended. */
export function appendEnumerators(
  list: readonly Enumerator[],
  pairs: readonly (readonly [string, number])[],
): Enumerator[] {
  return [...list, ...enumerators(pairs)];
}

/** Builds Java constants from `[name, value]` pairs. */
export function javaConstants(
  pairs: readonly (readonly [string, number])[],
): JavaConstant[] {
  return pairs.map(([name, value]) => ({ name, value }));
}

/** Lists the `[name, value]` pairs of the enumerators valued `from` to `to`, for copying into Java. */
export function enumeratorPairs(
  profile: Pick<Profile, 'enumerators'>,
  from: number,
  to: number,
): [string, number][] {
  return profile.enumerators
    .filter((e) => e.value >= from && e.value <= to)
    .map((e) => [e.name, e.value]);
}

/** Rust `Debug` of an unrecognised AIDL value as the `vm` tool prints it. */
export function unrecognisedDebug(value: number | string): string {
  // NOTE: assumes the binder enum's derived Debug prints the tuple struct, `DeathReason(17)`.
  // A binder version that prints enumerator names would print `DeathReason(WATCHDOG_REBOOT)`
  // or the bare name instead; no AVF-side test pins the form.
  return `DeathReason(${String(value)})`;
}

/** The Rust vmclient `DeathReason` variant names, as `Debug` prints them after 2022-09-05. */
export const VMCLIENT_VARIANTS: Readonly<Record<string, string>> = {
  INFRASTRUCTURE_ERROR: 'InfrastructureError',
  KILLED: 'Killed',
  UNKNOWN: 'Unknown',
  SHUTDOWN: 'Shutdown',
  ERROR: 'Error',
  START_FAILED: 'StartFailed',
  REBOOT: 'Reboot',
  CRASH: 'Crash',
  PVM_FIRMWARE_PUBLIC_KEY_MISMATCH: 'PvmFirmwarePublicKeyMismatch',
  PVM_FIRMWARE_INSTANCE_IMAGE_CHANGED: 'PvmFirmwareInstanceImageChanged',
  BOOTLOADER_PUBLIC_KEY_MISMATCH: 'BootloaderPublicKeyMismatch',
  BOOTLOADER_INSTANCE_IMAGE_CHANGED: 'BootloaderInstanceImageChanged',
  MICRODROID_FAILED_TO_CONNECT_TO_VIRTUALIZATION_SERVICE:
    'MicrodroidFailedToConnectToVirtualizationService',
  MICRODROID_PAYLOAD_HAS_CHANGED: 'MicrodroidPayloadHasChanged',
  MICRODROID_PAYLOAD_VERIFICATION_FAILED: 'MicrodroidPayloadVerificationFailed',
  MICRODROID_INVALID_PAYLOAD_CONFIG: 'MicrodroidInvalidPayloadConfig',
  MICRODROID_UNKNOWN_RUNTIME_ERROR: 'MicrodroidUnknownRuntimeError',
  HANGUP: 'Hangup',
};

/**
 * `vm` output from 2022-09-05 (`2bead0d6`): "VM ended: " and the vmclient variant's Debug form,
 * or `Unrecognised(...)` for a value the vmclient enum has no variant for.
 */
export function vmEndedMessages(
  profile: Pick<Profile, 'enumerators'>,
): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const { name, value } of profile.enumerators) {
    const variant = VMCLIENT_VARIANTS[name];
    messages[name] =
      variant === undefined
        ? `VM ended: Unrecognised(${unrecognisedDebug(value)})`
        : `VM ended: ${variant}`;
  }
  return messages;
}
