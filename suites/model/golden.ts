/**
 * Expected AVF behaviour, written by hand from AVF's history (AOSP
 * platform/packages/modules/Virtualization: DeathReason.aidl, `death_reason` in crosvm.rs, the
 * `vm` tool and the Java callback). Facts are stated with the commit date from which they hold,
 * not copied from the profile tables, so a property that compares the two can fail.
 */

/** Sort key of a profile: its date, or `2025-a` / `2025-b` for the undated 2025 trees. */
export function profileKey(profileName: string): string {
  return profileName.replace(/^avf-/, '').replace(/^2025([ab])$/, '2025-$1');
}

interface Fact<T> {
  readonly value: T;
  readonly from: string;
  /** First key at which the fact no longer holds. */
  readonly until?: string;
}

function holds(fact: Fact<unknown>, key: string): boolean {
  return key >= fact.from && (fact.until === undefined || key < fact.until);
}

/** DeathReason values from 2022-02-03 on. */
const ENUM_FACTS: readonly Fact<readonly [string, number]>[] = [
  { value: ['INFRASTRUCTURE_ERROR', 0], from: '2022-02-03' },
  { value: ['KILLED', 1], from: '2022-02-03' },
  { value: ['UNKNOWN', 2], from: '2022-02-03' },
  { value: ['SHUTDOWN', 3], from: '2022-02-03' },
  { value: ['ERROR', 4], from: '2022-02-03', until: '2022-12-06' },
  { value: ['START_FAILED', 4], from: '2022-12-06' },
  { value: ['REBOOT', 5], from: '2022-02-03' },
  { value: ['CRASH', 6], from: '2022-02-03' },
  { value: ['PVM_FIRMWARE_PUBLIC_KEY_MISMATCH', 7], from: '2022-03-01' },
  { value: ['PVM_FIRMWARE_INSTANCE_IMAGE_CHANGED', 8], from: '2022-03-01' },
  {
    value: ['BOOTLOADER_PUBLIC_KEY_MISMATCH', 9],
    from: '2022-03-01',
    until: '2023-04-14',
  },
  {
    value: ['BOOTLOADER_INSTANCE_IMAGE_CHANGED', 10],
    from: '2022-03-01',
    until: '2023-04-14',
  },
  {
    value: ['MICRODROID_FAILED_TO_CONNECT_TO_VIRTUALIZATION_SERVICE', 11],
    from: '2022-06-13',
  },
  { value: ['MICRODROID_PAYLOAD_HAS_CHANGED', 12], from: '2022-06-13' },
  { value: ['MICRODROID_PAYLOAD_VERIFICATION_FAILED', 13], from: '2022-06-13' },
  { value: ['MICRODROID_INVALID_PAYLOAD_CONFIG', 14], from: '2022-06-13' },
  { value: ['MICRODROID_UNKNOWN_RUNTIME_ERROR', 15], from: '2022-06-13' },
  { value: ['HANGUP', 16], from: '2022-06-23' },
  { value: ['WATCHDOG_REBOOT', 17], from: '2022-10-11' },
  { value: ['HOST_SHUTDOWN', 18], from: '2025-b' },
];

/** The first enum (c92d35ff), renumbered three weeks later. */
const FIRST_ENUM: Readonly<Record<string, number>> = {
  SHUTDOWN: 0,
  REBOOT: 1,
  KILLED: 2,
  UNKNOWN: 3,
  INFRASTRUCTURE_ERROR: 4,
};

/** Named crosvm exit codes; exit 0 (SHUTDOWN) and every other code (UNKNOWN) are implicit. */
const EXIT_FACTS: readonly Fact<readonly [number, string]>[] = [
  { value: [32, 'REBOOT'], from: '2022-01-14' },
  { value: [1, 'ERROR'], from: '2022-02-03', until: '2022-12-06' },
  { value: [1, 'START_FAILED'], from: '2022-12-06' },
  { value: [33, 'CRASH'], from: '2022-02-03' },
  { value: [36, 'WATCHDOG_REBOOT'], from: '2022-10-11' },
];

const TOKEN_FACTS: readonly Fact<string>[] = [
  { value: 'PVM_FIRMWARE_PUBLIC_KEY_MISMATCH', from: '2022-03-01' },
  { value: 'PVM_FIRMWARE_INSTANCE_IMAGE_CHANGED', from: '2022-03-01' },
  {
    value: 'BOOTLOADER_PUBLIC_KEY_MISMATCH',
    from: '2022-03-01',
    until: '2023-04-14',
  },
  {
    value: 'BOOTLOADER_INSTANCE_IMAGE_CHANGED',
    from: '2022-03-01',
    until: '2023-04-14',
  },
  {
    value: 'MICRODROID_FAILED_TO_CONNECT_TO_VIRTUALIZATION_SERVICE',
    from: '2022-06-13',
  },
  { value: 'MICRODROID_PAYLOAD_HAS_CHANGED', from: '2022-06-13' },
  { value: 'MICRODROID_PAYLOAD_VERIFICATION_FAILED', from: '2022-06-13' },
  { value: 'MICRODROID_INVALID_PAYLOAD_CONFIG', from: '2022-06-13' },
  { value: 'MICRODROID_UNKNOWN_RUNTIME_ERROR', from: '2022-06-13' },
  { value: 'HANGUP', from: '2022-06-23' },
];

/** vm tool texts before 2022-09-05, with the date each appeared. */
const EARLY_MESSAGES: readonly Fact<readonly [string, string]>[] = [
  { value: ['SHUTDOWN', 'VM shutdown cleanly.'], from: '2022-01-14' },
  {
    value: ['REBOOT', 'VM tried to reboot, possibly due to a kernel panic.'],
    from: '2022-01-14',
  },
  { value: ['KILLED', 'VM was killed.'], from: '2022-01-14' },
  { value: ['UNKNOWN', 'VM died for an unknown reason.'], from: '2022-01-14' },
  {
    value: ['INFRASTRUCTURE_ERROR', 'Error waiting for VM to finish.'],
    from: '2022-01-14',
  },
  { value: ['ERROR', 'Error starting VM.'], from: '2022-02-03' },
  { value: ['CRASH', 'VM crashed.'], from: '2022-02-03' },
  {
    value: [
      'PVM_FIRMWARE_PUBLIC_KEY_MISMATCH',
      "pVM firmware failed to verify the VM because the public key doesn't match.",
    ],
    from: '2022-05-19',
  },
  {
    value: [
      'PVM_FIRMWARE_INSTANCE_IMAGE_CHANGED',
      'pVM firmware failed to verify the VM because the instance image changed.',
    ],
    from: '2022-05-19',
  },
  {
    value: [
      'BOOTLOADER_PUBLIC_KEY_MISMATCH',
      "Bootloader failed to verify the VM because the public key doesn't match.",
    ],
    from: '2022-05-19',
  },
  {
    value: [
      'BOOTLOADER_INSTANCE_IMAGE_CHANGED',
      'Bootloader failed to verify the VM because the instance image changed.',
    ],
    from: '2022-05-19',
  },
  {
    value: [
      'MICRODROID_FAILED_TO_CONNECT_TO_VIRTUALIZATION_SERVICE',
      "The microdroid failed to connect to VirtualizationService's RPC server.",
    ],
    from: '2022-06-23',
  },
  {
    value: [
      'MICRODROID_PAYLOAD_HAS_CHANGED',
      'The payload for microdroid is changed.',
    ],
    from: '2022-06-23',
  },
  {
    value: [
      'MICRODROID_PAYLOAD_VERIFICATION_FAILED',
      'The microdroid failed to verify given payload APK.',
    ],
    from: '2022-06-23',
  },
  {
    value: [
      'MICRODROID_INVALID_PAYLOAD_CONFIG',
      'The VM config for microdroid is invalid (e.g. missing tasks).',
    ],
    from: '2022-06-23',
  },
  {
    value: [
      'MICRODROID_UNKNOWN_RUNTIME_ERROR',
      'There was a runtime error while running microdroid manager.',
    ],
    from: '2022-06-23',
  },
  { value: ['HANGUP', 'VM hangup.'], from: '2022-06-23' },
];

/** Debug names of the vmclient variants that `vm` prints after "VM ended: " from 2022-09-05. */
const DEBUG_NAMES: Readonly<Record<string, string>> = {
  SHUTDOWN: 'Shutdown',
  REBOOT: 'Reboot',
  KILLED: 'Killed',
  UNKNOWN: 'Unknown',
  INFRASTRUCTURE_ERROR: 'InfrastructureError',
  ERROR: 'Error',
  START_FAILED: 'StartFailed',
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

/** The expected behaviour of one profile. */
export interface GoldenProfile {
  /** Enumerator name to value. */
  readonly values: ReadonlyMap<string, number>;
  /** Named exit code to reason; 0 and all other codes are implicit. */
  readonly exitArms: ReadonlyMap<number, string>;
  readonly tokens: readonly string[];
  readonly readsFailure: boolean;
  readonly splitsAtPipe: boolean;
  readonly trims: boolean;
  readonly capBytes: number | null;
  readonly hangup: 'none' | 'always' | 'when-empty';
  /** Output of the `vm` tool for a value. */
  message(value: number): string;
  /** The value a Java callback receives for an AIDL value. */
  javaValue(value: number): number;
}

function enumFor(key: string): Map<string, number> {
  if (key < '2022-02-03') return new Map(Object.entries(FIRST_ENUM));
  return new Map(ENUM_FACTS.filter((f) => holds(f, key)).map((f) => f.value));
}

function messageFor(
  key: string,
  values: ReadonlyMap<string, number>,
  value: number,
): string {
  const name = [...values].find(([, v]) => v === value)?.[0];
  if (key >= '2022-09-05') {
    const debug = name === undefined ? undefined : DEBUG_NAMES[name];
    return `VM ended: ${debug ?? `Unrecognised(DeathReason(${String(value)}))`}`;
  }
  const early = EARLY_MESSAGES.find(
    (f) => holds(f, key) && f.value[0] === name,
  );
  if (early !== undefined) return early.value[1];
  if (key < '2022-05-23') return 'VM died for an unrecognised reason.';
  return `Unrecognised death reason DeathReason(${String(value)}).`;
}

/** Values the 2022-10-04 Java translator maps to themselves; the rest become UNKNOWN (2). */
function javaFor(key: string, value: number): number {
  if (key < '2022-10-04') return value;
  const kept = [0, 1, 3, 4, 5, 6, 7, 8, 11, 12, 13, 14, 15, 16];
  if (key < '2023-04-14') kept.push(9, 10);
  return kept.includes(value) ? value : 2;
}

/** Returns the hand-written expectation for a profile name. */
export function golden(profileName: string): GoldenProfile {
  const key = profileKey(profileName);
  const values = enumFor(key);
  let hangup: GoldenProfile['hangup'] = 'none';
  if (key >= '2022-06-23')
    hangup = key < '2022-07-14' ? 'always' : 'when-empty';
  return {
    values,
    exitArms: new Map(
      EXIT_FACTS.filter((f) => holds(f, key)).map((f) => f.value),
    ),
    tokens: TOKEN_FACTS.filter((f) => holds(f, key)).map((f) => f.value),
    readsFailure: key >= '2022-03-01',
    splitsAtPipe: key >= '2022-10-17',
    trims: key >= '2025-b',
    capBytes: key >= '2025-a' ? 50_000 : null,
    hangup,
    message: (value) => messageFor(key, values, value),
    javaValue: (value) => javaFor(key, value),
  };
}

/** Renames that keep their value; any other name change on a value is a reassignment. */
export const GOLDEN_RENAMES: readonly (readonly [string, string])[] = [
  ['ERROR', 'START_FAILED'],
];

/** The profile names, oldest first, that the mapping history calls for. */
export const GOLDEN_PROFILE_NAMES: readonly string[] = [
  'avf-2022-01-14',
  'avf-2022-02-03',
  'avf-2022-03-01',
  'avf-2022-05-19',
  'avf-2022-05-23',
  'avf-2022-06-13',
  'avf-2022-06-23',
  'avf-2022-07-14',
  'avf-2022-09-05',
  'avf-2022-10-04',
  'avf-2022-10-11',
  'avf-2022-10-17',
  'avf-2022-11-23',
  'avf-2022-12-06',
  'avf-2022-12-18',
  'avf-2023-01-27',
  'avf-2023-04-14',
  'avf-2025a',
  'avf-2025b',
];
