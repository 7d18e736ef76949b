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
