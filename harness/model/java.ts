import type { JavaConstant, Profile } from './profile.js';

/** The Java constant an app receives, or null when the value arrives as a bare int. */
export interface JavaStopReason {
  readonly value: number;
  /** Full constant name, e.g. `STOP_REASON_CRASH`, or null when Java has no constant for it. */
  readonly constant: string | null;
}

function constantNamed(
  profile: Profile,
  name: string,
): JavaConstant | undefined {
  return profile.java.constants.find((constant) => constant.name === name);
}

/**
 * Converts an AIDL DeathReason value into what the profile's Java callback receives. Before the
 * 2022-10-04 translator the integer passes through raw; after it, a value without a translator
 * case becomes the default constant (UNKNOWN, 2).
 */
export function toJavaStopReason(
  profile: Profile,
  aidlValue: number,
): JavaStopReason {
  const { java } = profile;
  if (java.translation.kind === 'raw') {
    const constant = java.constants.find(
      (candidate) => candidate.value === aidlValue,
    );
    return {
      value: aidlValue,
      constant: constant === undefined ? null : java.prefix + constant.name,
    };
  }
  const name = profile.enumerators.find((e) => e.value === aidlValue)?.name;
  const caseName =
    name !== undefined && java.translation.cases.includes(name)
      ? name
      : java.translation.defaultConstant;
  const constant = constantNamed(profile, caseName);
  if (constant === undefined) {
    throw new Error(
      `profile ${profile.name} translates to ${caseName} but has no such constant`,
    );
  }
  return { value: constant.value, constant: java.prefix + constant.name };
}
