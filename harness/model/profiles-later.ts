import type { Profile } from './profile.js';
import { appendEnumerators, vmEndedMessages } from './profile-parts.js';
import { AVF_2022_12_18 } from './profiles-2022b.js';

/**
 * AVF profiles from 2023 on. No upstream commit after 2024-09-24 is public, so the two 2025
 * states come from trees of AOSP main: `avf-2025a` from a squashed tree dated 2025-02-11
 * (GitHub L0czek/aosp-virt-package) and `avf-2025b` from a later undated tree (GitHub
 * thead-android/platform-packages-modules-Virtualization). Changes between 2023-04-14 and early
 * 2025 (path moves, `find` replaced by `split_once`) are not observable and start no profile.
 */

const prev0127 = AVF_2022_12_18;
export const AVF_2023_01_27: Profile = {
  ...prev0127,
  name: 'avf-2023-01-27',
  source: {
    commit: 'e557cec7',
    date: '2023-01-27',
    subject: null,
  },
  changes: [
    'The boot hangup timeout grows from 10 s / 100 s (nested) to 30 s / 300 s.',
  ],
  hangup: { mode: 'when-empty', timeoutSeconds: { normal: 30, nested: 300 } },
};

const BOOTLOADER_NAMES = new Set([
  'BOOTLOADER_PUBLIC_KEY_MISMATCH',
  'BOOTLOADER_INSTANCE_IMAGE_CHANGED',
]);

const prev0414 = AVF_2023_01_27;
const withoutBootloader = prev0414.enumerators.filter(
  (e) => !BOOTLOADER_NAMES.has(e.name),
);
export const AVF_2023_04_14: Profile = {
  ...prev0414,
  name: 'avf-2023-04-14',
  source: {
    commit: 'de96446f',
    date: '2023-04-14',
    subject: 'Remove bootloader-related death reasons',
  },
  changes: [
    'BOOTLOADER_* 9 and 10 removed from AIDL and the token list. The values stay unused.',
    'Java keeps the constants 9 and 10 but no longer translates them.',
  ],
  enumerators: withoutBootloader,
  failure: {
    ...prev0414.failure,
    tokens: prev0414.failure.tokens.filter(
      (token) => !BOOTLOADER_NAMES.has(token),
    ),
  },
  java: {
    ...prev0414.java,
    translation: {
      kind: 'translated',
      cases:
        prev0414.java.translation.kind === 'translated'
          ? prev0414.java.translation.cases.filter(
              (name) => !BOOTLOADER_NAMES.has(name),
            )
          : [],
      defaultConstant: 'UNKNOWN',
    },
  },
  vm: {
    ...prev0414.vm,
    messages: vmEndedMessages({ enumerators: withoutBootloader }),
  },
};

const prev2025a = AVF_2023_04_14;
export const AVF_2025A: Profile = {
  ...prev2025a,
  name: 'avf-2025a',
  source: {
    commit: null,
    date: null,
    subject: null,
    tree: 'L0czek/aosp-virt-package: AOSP main of about early 2025, one squashed commit dated 2025-02-11',
  },
  changes: [
    'The failure pipe is read while crosvm runs and capped at 50,000 bytes.',
  ],
  aidl: {
    package: 'android.system.virtualizationcommon',
    path: 'android/virtualizationservice/aidl/android/system/virtualizationcommon/DeathReason.aidl',
  },
  failure: { ...prev2025a.failure, capBytes: 50_000 },
};

const prev2025b = AVF_2025A;
const withHostShutdown = appendEnumerators(prev2025b.enumerators, [
  ['HOST_SHUTDOWN', 18],
]);
export const AVF_2025B: Profile = {
  ...prev2025b,
  name: 'avf-2025b',
  source: {
    commit: null,
    date: null,
    subject: null,
    tree: 'thead-android/platform-packages-modules-Virtualization: AOSP main of mid or late 2025, undated',
  },
  changes: [
    'HOST_SHUTDOWN 18 added. start() reports it while the host shuts down, and crosvm never runs.',
    'The failure string is trimmed of leading and trailing whitespace before matching.',
    'The boot hangup timeout becomes 60 s (300 s nested).',
  ],
  enumerators: withHostShutdown,
  failure: { ...prev2025b.failure, match: 'trimmed' },
  hangup: { mode: 'when-empty', timeoutSeconds: { normal: 60, nested: 300 } },
  vm: {
    ...prev2025b.vm,
    messages: vmEndedMessages({ enumerators: withHostShutdown }),
  },
};
