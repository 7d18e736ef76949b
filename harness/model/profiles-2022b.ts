import type { JavaConstant, Profile } from './profile.js';
import {
  appendEnumerators,
  enumerators,
  unrecognisedDebug,
  vmEndedMessages,
} from './profile-parts.js';
import { AVF_2022_07_14 } from './profiles-2022a.js';

/**
 * AVF profiles from the `vm` tool's switch to Debug output (2022-09-05) to the move of
 * DeathReason into `virtualizationcommon` (2022-12-18). Same sources as `profiles-2022a.ts`.
 */

const prev0905 = AVF_2022_07_14;
export const AVF_2022_09_05: Profile = {
  ...prev0905,
  name: 'avf-2022-09-05',
  source: {
    commit: '2bead0d6',
    date: '2022-09-05',
    subject: 'Make ErrorCode an enum',
  },
  changes: [
    'The vm tool prints "VM ended: " and the vmclient variant name, e.g. "VM ended: Crash".',
  ],
  vm: {
    messages: vmEndedMessages(prev0905),
    fallback: `VM ended: Unrecognised(${unrecognisedDebug('{value}')})`,
    serviceDied: {
      text: 'VM ended: VirtualizationServiceDied',
      stream: 'stdout',
    },
  },
};

/** Respells the service-death constant as `STOP_REASON_` spells it. Other names keep their suffix. */
function stopReasonConstants(
  constants: readonly JavaConstant[],
): JavaConstant[] {
  return constants.map((constant) =>
    constant.name === 'VIRTUALIZATIONSERVICE_DIED'
      ? {
          name: 'VIRTUALIZATION_SERVICE_DIED',
          value: constant.value,
          renamedFrom: 'VIRTUALIZATIONSERVICE_DIED',
        }
      : constant,
  );
}

/** Lists every AIDL name with a same-named Java constant, except UNKNOWN, which takes the default. */
function translatedCases(profile: Profile): string[] {
  const javaNames = new Set(
    profile.java.constants.map((constant) => constant.name),
  );
  return profile.enumerators
    .map((enumerator) => enumerator.name)
    .filter((name) => name !== 'UNKNOWN' && javaNames.has(name));
}

const prev1004 = AVF_2022_09_05;
export const AVF_2022_10_04: Profile = {
  ...prev1004,
  name: 'avf-2022-10-04',
  source: {
    commit: 'd4667bc5',
    date: '2022-10-04',
    subject: null,
  },
  changes: [
    'Java: onDied becomes onStopped, DEATH_REASON_* becomes STOP_REASON_*, same numbers.',
    'Java translates each AIDL value to its constant, and a value without a case gives UNKNOWN 2.',
  ],
  java: {
    ...prev1004.java,
    prefix: 'STOP_REASON_',
    callback: 'onStopped',
    constants: stopReasonConstants(prev1004.java.constants),
    translation: {
      kind: 'translated',
      cases: translatedCases(prev1004),
      defaultConstant: 'UNKNOWN',
    },
  },
};

const prev1011 = AVF_2022_10_04;
const withWatchdog = appendEnumerators(prev1011.enumerators, [
  ['WATCHDOG_REBOOT', 17],
]);
export const AVF_2022_10_11: Profile = {
  ...prev1011,
  name: 'avf-2022-10-11',
  source: {
    commit: '23167d8f',
    date: '2022-10-11',
    subject: 'Report crosvm reboot reason on watchdog stall',
  },
  changes: [
    'WATCHDOG_REBOOT 17 added for crosvm exit 36.',
    'Java has no constant for 17 and reports it as UNKNOWN. The vm tool prints it as unrecognised.',
  ],
  enumerators: withWatchdog,
  statusConstants: [
    ...prev1011.statusConstants,
    {
      name: 'CROSVM_WATCHDOG_REBOOT_STATUS',
      code: 36,
      reason: 'WATCHDOG_REBOOT',
      doc: 'The exit status which crosvm returns when vcpu is stalled.',
    },
  ],
  vm: {
    ...prev1011.vm,
    messages: vmEndedMessages({ enumerators: withWatchdog }),
  },
};

const prev1017 = AVF_2022_10_11;
export const AVF_2022_10_17: Profile = {
  ...prev1017,
  name: 'avf-2022-10-17',
  source: {
    commit: '3ba10fd6',
    date: '2022-10-17',
    subject: null,
  },
  changes: [
    'Only the failure string text before the first "|" is matched, and the rest is logged.',
  ],
  failure: { ...prev1017.failure, splitAtPipe: true },
};

const prev1123 = AVF_2022_10_17;
export const AVF_2022_11_23: Profile = {
  ...prev1123,
  name: 'avf-2022-11-23',
  source: {
    commit: 'ca0d27ee',
    date: '2022-11-23',
    subject: null,
  },
  changes: ['The Java STOP_REASON_* constants become a public @SystemApi.'],
  java: { ...prev1123.java, visibility: 'system-api' },
};

function renameError(name: string): string {
  return name === 'ERROR' ? 'START_FAILED' : name;
}

const prev1206 = AVF_2022_11_23;
const renamedEnumerators = enumerators(
  prev1206.enumerators.map((e) => [renameError(e.name), e.value] as const),
  { START_FAILED: 'ERROR' },
);
export const AVF_2022_12_06: Profile = {
  ...prev1206,
  name: 'avf-2022-12-06',
  source: {
    commit: '7c459e85',
    date: '2022-12-06',
    subject: 'Give a better name to STOP_REASON_ERROR',
  },
  changes: [
    'ERROR renamed START_FAILED (value 4) in AIDL, Java, the crosvm constant and the vm tool.',
  ],
  enumerators: renamedEnumerators,
  statusConstants: prev1206.statusConstants.map((constant) =>
    constant.name === 'CROSVM_ERROR_STATUS'
      ? {
          ...constant,
          name: 'CROSVM_START_ERROR_STATUS',
          reason: 'START_FAILED',
        }
      : constant,
  ),
  java: {
    ...prev1206.java,
    constants: prev1206.java.constants.map((c) =>
      c.name === 'ERROR'
        ? { ...c, name: 'START_FAILED', renamedFrom: 'ERROR' }
        : c,
    ),
    translation: {
      kind: 'translated',
      cases: translatedCases(prev1206).map(renameError),
      defaultConstant: 'UNKNOWN',
    },
  },
  vm: {
    ...prev1206.vm,
    messages: vmEndedMessages({ enumerators: renamedEnumerators }),
  },
};

const prev1218 = AVF_2022_12_06;
export const AVF_2022_12_18: Profile = {
  ...prev1218,
  name: 'avf-2022-12-18',
  source: {
    commit: '49f96f56',
    date: '2022-12-18',
    subject: 'Send atoms via VirtualizationServiceInternal',
  },
  changes: [
    'DeathReason moves to package android.system.virtualizationcommon with unchanged values.',
  ],
  aidl: {
    package: 'android.system.virtualizationcommon',
    path: 'virtualizationservice/aidl/android/system/virtualizationcommon/DeathReason.aidl',
  },
};
