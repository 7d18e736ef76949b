import type { Profile } from './profile.js';
import {
  FIRMWARE_TOKENS,
  MICRODROID_TOKENS,
  appendEnumerators,
  enumeratorPairs,
  enumerators,
  javaConstants,
  unrecognisedDebug,
} from './profile-parts.js';

/**
 * AVF profiles from the creation of DeathReason (2022-01-14) to the Microdroid hangup rework
 * (2022-07-14). Each profile copies its predecessor and overrides what its commit changed. Facts
 * come from AOSP platform/packages/modules/Virtualization history: `DeathReason.aidl`,
 * `death_reason` in `virtualizationservice/src/crosvm.rs`, `vm/src/run.rs`, `vmclient` and the
 * Java `VirtualMachineCallback`.
 */

const FIRST_VM_MESSAGES = {
  SHUTDOWN: 'VM shutdown cleanly.',
  REBOOT: 'VM tried to reboot, possibly due to a kernel panic.',
  KILLED: 'VM was killed.',
  UNKNOWN: 'VM died for an unknown reason.',
  INFRASTRUCTURE_ERROR: 'Error waiting for VM to finish.',
};

/** Printed by the `vm` tool's match in `onDied` for any value it has no arm for. */
const ON_DIED_FALLBACK = 'VM died for an unrecognised reason.';

export const AVF_2022_01_14: Profile = {
  name: 'avf-2022-01-14',
  source: {
    commit: 'c92d35ff',
    date: '2022-01-14',
    subject:
      'Enable --extended-status for crosvm and return reason why VM died.',
  },
  changes: [
    'DeathReason created: SHUTDOWN 0, REBOOT 1, KILLED 2, UNKNOWN 3, INFRASTRUCTURE_ERROR 4.',
    'AVF starts crosvm with --extended-status. Exit 32 gives REBOOT, and exits 1 and 33 give UNKNOWN.',
  ],
  aidl: {
    package: 'android.system.virtualizationservice',
    path: 'virtualizationservice/aidl/android/system/virtualizationservice/DeathReason.aidl',
  },
  enumerators: enumerators([
    ['SHUTDOWN', 0],
    ['REBOOT', 1],
    ['KILLED', 2],
    ['UNKNOWN', 3],
    ['INFRASTRUCTURE_ERROR', 4],
  ]),
  statusConstants: [
    {
      name: 'CROSVM_REBOOT_STATUS',
      code: 32,
      reason: 'REBOOT',
      doc: 'The exit status which crosvm returns when a VM requests a reboot.',
    },
  ],
  failure: {
    read: false,
    tokens: [],
    splitAtPipe: false,
    match: 'exact',
    capBytes: null,
  },
  hangup: { mode: 'none', timeoutSeconds: null },
  java: {
    visibility: 'hide',
    prefix: 'DEATH_REASON_',
    callback: 'onDied',
    constants: javaConstants([
      ['VIRTUALIZATIONSERVICE_DIED', -1],
      ['SHUTDOWN', 0],
      ['REBOOT', 1],
      ['KILLED', 2],
      ['UNKNOWN', 3],
      ['INFRASTRUCTURE_ERROR', 4],
    ]),
    translation: { kind: 'raw' },
  },
  vm: {
    messages: FIRST_VM_MESSAGES,
    fallback: ON_DIED_FALLBACK,
    serviceDied: {
      text: 'VirtualizationService unexpectedly died',
      stream: 'stderr',
    },
  },
};

const prev0203 = AVF_2022_01_14;
export const AVF_2022_02_03: Profile = {
  ...prev0203,
  name: 'avf-2022-02-03',
  source: {
    commit: 'd15c5630',
    date: '2022-02-03',
    subject: 'Add DeathReason::CRASH and ERROR.',
  },
  changes: [
    'Every enumerator renumbered: INFRASTRUCTURE_ERROR 0, KILLED 1, UNKNOWN 2, SHUTDOWN 3, REBOOT 5.',
    'ERROR 4 (exit 1) and CRASH 6 (exit 33) added, in AIDL, Java and the vm tool.',
  ],
  enumerators: enumerators([
    ['INFRASTRUCTURE_ERROR', 0],
    ['KILLED', 1],
    ['UNKNOWN', 2],
    ['SHUTDOWN', 3],
    ['ERROR', 4],
    ['REBOOT', 5],
    ['CRASH', 6],
  ]),
  statusConstants: [
    ...prev0203.statusConstants,
    {
      name: 'CROSVM_ERROR_STATUS',
      code: 1,
      reason: 'ERROR',
      doc: 'The exit status which crosvm returns when it has an error starting a VM.',
    },
    {
      name: 'CROSVM_CRASH_STATUS',
      code: 33,
      reason: 'CRASH',
      doc: 'The exit status which crosvm returns when it crashes due to an error.',
    },
  ],
  java: {
    ...prev0203.java,
    constants: javaConstants([
      ['VIRTUALIZATIONSERVICE_DIED', -1],
      ['INFRASTRUCTURE_ERROR', 0],
      ['KILLED', 1],
      ['UNKNOWN', 2],
      ['SHUTDOWN', 3],
      ['ERROR', 4],
      ['REBOOT', 5],
      ['CRASH', 6],
    ]),
  },
  vm: {
    ...prev0203.vm,
    messages: {
      ...FIRST_VM_MESSAGES,
      ERROR: 'Error starting VM.',
      CRASH: 'VM crashed.',
    },
  },
};

const prev0301 = AVF_2022_02_03;
export const AVF_2022_03_01: Profile = {
  ...prev0301,
  name: 'avf-2022-03-01',
  source: {
    commit: 'b27681f6',
    date: '2022-03-01',
    subject: 'Pass serial device to VM to report failure reason.',
  },
  changes: [
    "AVF reads a failure string from the guest's second UART and matches four firmware tokens exactly.",
    'Enumerators 7-10 added. Java passes them as bare ints, and the vm tool prints its fallback.',
  ],
  enumerators: appendEnumerators(
    prev0301.enumerators,
    FIRMWARE_TOKENS.map((name, index) => [name, 7 + index] as const),
  ),
  failure: { ...prev0301.failure, read: true, tokens: [...FIRMWARE_TOKENS] },
  vm: {
    ...prev0301.vm,
    messages: {
      ...prev0301.vm.messages,
      ...Object.fromEntries(
        FIRMWARE_TOKENS.map((name) => [name, ON_DIED_FALLBACK]),
      ),
    },
  },
};

const prev0519 = AVF_2022_03_01;
export const AVF_2022_05_19: Profile = {
  ...prev0519,
  name: 'avf-2022-05-19',
  source: {
    commit: 'e405ba03',
    date: '2022-05-19',
    subject: null,
  },
  changes: [
    'The vm tool prints a message of its own for each of the reasons 7-10.',
  ],
  vm: {
    ...prev0519.vm,
    messages: {
      ...prev0519.vm.messages,
      PVM_FIRMWARE_PUBLIC_KEY_MISMATCH:
        "pVM firmware failed to verify the VM because the public key doesn't match.",
      PVM_FIRMWARE_INSTANCE_IMAGE_CHANGED:
        'pVM firmware failed to verify the VM because the instance image changed.',
      BOOTLOADER_PUBLIC_KEY_MISMATCH:
        "Bootloader failed to verify the VM because the public key doesn't match.",
      BOOTLOADER_INSTANCE_IMAGE_CHANGED:
        'Bootloader failed to verify the VM because the instance image changed.',
    },
  },
};

const prev0523 = AVF_2022_05_19;
export const AVF_2022_05_23: Profile = {
  ...prev0523,
  name: 'avf-2022-05-23',
  source: {
    commit: 'd0ef400b',
    date: '2022-05-23',
    subject: null,
  },
  changes: [
    'The vm tool prints the Rust vmclient Display form: same texts for known reasons.',
    'Unknown values print "Unrecognised death reason ...", and service death prints on stdout.',
  ],
  vm: {
    ...prev0523.vm,
    fallback: `Unrecognised death reason ${unrecognisedDebug('{value}')}.`,
    serviceDied: { text: 'VirtualizationService died.', stream: 'stdout' },
  },
};

const prev0613 = AVF_2022_05_23;
export const AVF_2022_06_13: Profile = {
  ...prev0613,
  name: 'avf-2022-06-13',
  source: {
    commit: '272f5723',
    date: '2022-06-13',
    subject: 'Add death reasons for microdroid failures',
  },
  changes: [
    'Enumerators 11-15 and their five MICRODROID_* tokens added.',
    'The vm tool has no variant for 11-15 yet and prints them as unrecognised.',
  ],
  enumerators: appendEnumerators(
    prev0613.enumerators,
    MICRODROID_TOKENS.map((name, index) => [name, 11 + index] as const),
  ),
  failure: {
    ...prev0613.failure,
    tokens: [...prev0613.failure.tokens, ...MICRODROID_TOKENS],
  },
  vm: {
    ...prev0613.vm,
    // The vmclient Display is an exhaustive Rust match, and its Microdroid texts arrived with
    // e6ed0f92 (2022-06-23), so until then 11-15 fell into the Unrecognised variant.
    messages: {
      ...prev0613.vm.messages,
      ...Object.fromEntries(
        MICRODROID_TOKENS.map((name, index) => [
          name,
          `Unrecognised death reason ${unrecognisedDebug(11 + index)}.`,
        ]),
      ),
    },
  },
};

const prev0623 = AVF_2022_06_13;
const withHangup = appendEnumerators(prev0623.enumerators, [['HANGUP', 16]]);
export const AVF_2022_06_23: Profile = {
  ...prev0623,
  name: 'avf-2022-06-23',
  source: {
    commit: 'e6ed0f92',
    date: '2022-06-23',
    subject: 'Detect Microdroid hangup during boot',
  },
  changes: [
    'HANGUP 16 added for a Microdroid that does not start within 10 s (100 s nested).',
    'Java gains DEATH_REASON_* constants 7-16, and the vm tool prints texts for 11-16.',
  ],
  enumerators: withHangup,
  failure: {
    ...prev0623.failure,
    tokens: [...prev0623.failure.tokens, 'HANGUP'],
  },
  hangup: { mode: 'always', timeoutSeconds: { normal: 10, nested: 100 } },
  java: {
    ...prev0623.java,
    constants: [
      ...prev0623.java.constants,
      ...javaConstants(enumeratorPairs({ enumerators: withHangup }, 7, 16)),
    ],
  },
  vm: {
    ...prev0623.vm,
    messages: {
      ...prev0623.vm.messages,
      MICRODROID_FAILED_TO_CONNECT_TO_VIRTUALIZATION_SERVICE:
        "The microdroid failed to connect to VirtualizationService's RPC server.",
      MICRODROID_PAYLOAD_HAS_CHANGED: 'The payload for microdroid is changed.',
      MICRODROID_PAYLOAD_VERIFICATION_FAILED:
        'The microdroid failed to verify given payload APK.',
      MICRODROID_INVALID_PAYLOAD_CONFIG:
        'The VM config for microdroid is invalid (e.g. missing tasks).',
      MICRODROID_UNKNOWN_RUNTIME_ERROR:
        'There was a runtime error while running microdroid manager.',
      HANGUP: 'VM hangup.',
    },
  },
};

const prev0714 = AVF_2022_06_23;
export const AVF_2022_07_14: Profile = {
  ...prev0714,
  name: 'avf-2022-07-14',
  source: {
    commit: 'a4eebdef',
    date: '2022-07-14',
    subject: null,
  },
  changes: [
    'HANGUP is used only when the failure pipe gave an empty string, so other output gives KILLED.',
  ],
  hangup: { ...prev0714.hangup, mode: 'when-empty' },
};
