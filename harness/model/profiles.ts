import type { Profile } from './profile.js';
import {
  AVF_2022_01_14,
  AVF_2022_02_03,
  AVF_2022_03_01,
  AVF_2022_05_19,
  AVF_2022_05_23,
  AVF_2022_06_13,
  AVF_2022_06_23,
  AVF_2022_07_14,
} from './profiles-2022a.js';
import {
  AVF_2022_09_05,
  AVF_2022_10_04,
  AVF_2022_10_11,
  AVF_2022_10_17,
  AVF_2022_11_23,
  AVF_2022_12_06,
  AVF_2022_12_18,
} from './profiles-2022b.js';
import {
  AVF_2023_01_27,
  AVF_2023_04_14,
  AVF_2025A,
  AVF_2025B,
} from './profiles-later.js';

/** Every AVF mapping profile, oldest first. */
export const PROFILES: readonly Profile[] = [
  AVF_2022_01_14,
  AVF_2022_02_03,
  AVF_2022_03_01,
  AVF_2022_05_19,
  AVF_2022_05_23,
  AVF_2022_06_13,
  AVF_2022_06_23,
  AVF_2022_07_14,
  AVF_2022_09_05,
  AVF_2022_10_04,
  AVF_2022_10_11,
  AVF_2022_10_17,
  AVF_2022_11_23,
  AVF_2022_12_06,
  AVF_2022_12_18,
  AVF_2023_01_27,
  AVF_2023_04_14,
  AVF_2025A,
  AVF_2025B,
];

/** The AVF state this project starts from: DeathReason with ERROR and CRASH, before tokens. */
export const DEFAULT_PROFILE_NAME = 'avf-2022-02-03';

/** An Android release and the profile whose behaviour it ships. */
export interface AndroidRelease {
  readonly release: string;
  readonly profile: string;
  /** The tree the pairing was read from, or why it is inferred. */
  readonly evidence: string;
}

/** Android releases by the AVF state they ship, oldest first. */
export const ANDROID_RELEASES: readonly AndroidRelease[] = [
  {
    release: 'Android 13',
    profile: 'avf-2022-03-01',
    evidence: 'LineageOS lineage-20.0 (android-13.0.0_r35)',
  },
  {
    release: 'Android 14',
    profile: 'avf-2023-04-14',
    evidence: 'crDroid branch 14.0',
  },
  {
    release: 'Android 15',
    profile: 'avf-2023-04-14',
    evidence:
      'LineageOS lineage-22.0; its split_once change keeps the same behaviour',
  },
  {
    // NOTE: inferred from the early-2025 AOSP main tree, not read in an Android 16 tree.
    release: 'Android 16',
    profile: 'avf-2025a',
    evidence:
      'inferred: the android-36 DeathReason.java has the same enum, without HOST_SHUTDOWN',
  },
];

/** Raised for a profile name that is not in `PROFILES`. */
export class UnknownProfileError extends Error {
  override name = 'UnknownProfileError';
}

/** Looks a profile up by name, rejecting an unknown name with the list of valid ones. */
export function findProfile(name: string): Profile {
  const profile = PROFILES.find((candidate) => candidate.name === name);
  if (profile === undefined) {
    const names = PROFILES.map((candidate) => candidate.name).join(', ');
    throw new UnknownProfileError(
      `unknown profile "${name}": use one of ${names}`,
    );
  }
  return profile;
}
