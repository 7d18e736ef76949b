import type { ExitStatus } from './exit-status.js';
import type { Enumerator, Profile } from './profile.js';

/** A DeathReason as one AVF profile reports it. */
export interface Classification {
  /** Enumerator name, e.g. `CRASH`. */
  readonly reason: string;
  /** Enumerator value in the profile. */
  readonly value: number;
  /** The text the profile's `vm` tool prints for the reason. */
  readonly message: string;
  /** The input that decided the reason: a failure token, the exit status, or a failed wait. */
  readonly source: 'token' | 'exit-status' | 'wait-failed';
}

/** Inputs besides the exit status and failure string that change the reason. */
export interface ClassifyOptions {
  /**
   * True when AVF's boot monitor timed out waiting for a Microdroid payload to start and killed
   * crosvm. Only profiles with a hangup rule act on it.
   */
  readonly hangupDetected?: boolean;
}

/** Raised when a profile lacks an enumerator its own rules produce. */
export class ProfileDataError extends Error {
  override name = 'ProfileDataError';
}

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Cuts a failure string at the profile's byte cap. Applying it twice gives the same result, so
 * callers may cut early and `classify` cuts again.
 */
export function capFailureString(profile: Profile, failure: string): string {
  const cap = profile.failure.capBytes;
  if (cap === null) return failure;
  const bytes = encoder.encode(failure);
  if (bytes.length <= cap) return failure;
  try {
    return strictDecoder.decode(bytes.subarray(0, cap));
  } catch {
    // NOTE: a cut inside a multi-byte character leaves invalid UTF-8, which Rust's
    // `read_to_string` rejects, leaving AVF with an empty string. Inferred from the standard
    // library, not read in AVF's capped reader.
    return '';
  }
}

/** Rust `str::trim`: strips characters with the Unicode White_Space property (not U+FEFF). */
const RUST_WHITESPACE =
  '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const RUST_TRIM = new RegExp(
  `^[${RUST_WHITESPACE}]+|[${RUST_WHITESPACE}]+$`,
  'gu',
);

/**
 * Returns the failure token the profile recognises, or undefined. Follows AVF's order: cap,
 * trim (2025b), hangup substitution, split at the first `|`, then exact comparison.
 */
export function matchFailureToken(
  profile: Profile,
  failure: string | undefined,
  options: ClassifyOptions = {},
): string | undefined {
  const rules = profile.failure;
  if (!rules.read) return undefined;
  let text = capFailureString(profile, failure ?? '');
  if (rules.match === 'trimmed') text = text.replace(RUST_TRIM, '');
  if (options.hangupDetected === true) {
    if (profile.hangup.mode === 'always') text = 'HANGUP';
    if (profile.hangup.mode === 'when-empty' && text === '') text = 'HANGUP';
  }
  if (rules.splitAtPipe) {
    const pipe = text.indexOf('|');
    if (pipe >= 0) text = text.slice(0, pipe);
  }
  return rules.tokens.includes(text) ? text : undefined;
}

/** Returns the enumerator named `name`, failing when the profile data lacks it. */
export function enumeratorByName(profile: Profile, name: string): Enumerator {
  const found = profile.enumerators.find(
    (enumerator) => enumerator.name === name,
  );
  if (found === undefined) {
    throw new ProfileDataError(
      `profile ${profile.name} has no enumerator ${name}`,
    );
  }
  return found;
}

/** Returns what the profile's `vm` tool prints for a DeathReason value, known or not. */
export function vmMessage(profile: Profile, value: number): string {
  const enumerator = profile.enumerators.find(
    (candidate) => candidate.value === value,
  );
  const message =
    enumerator === undefined ? undefined : profile.vm.messages[enumerator.name];
  return message ?? profile.vm.fallback.replaceAll('{value}', String(value));
}

/** Returns the reason AVF's exit arms give a status, ignoring any failure string. */
function exitStatusReason(profile: Profile, status: ExitStatus): string {
  switch (status.kind) {
    case 'wait-failed':
      return 'INFRASTRUCTURE_ERROR';
    case 'signaled':
      return 'KILLED';
    case 'exited': {
      const constant = profile.statusConstants.find(
        (candidate) => candidate.code === status.code,
      );
      if (constant !== undefined) return constant.reason;
      return status.code === 0 ? 'SHUTDOWN' : 'UNKNOWN';
    }
  }
}

/**
 * Classifies how crosvm ended into the DeathReason the profile's AVF reports. A failed wait wins
 * over everything; a recognised failure token wins over the exit status, even a signal. The
 * failure string is cut at the profile's cap here, whether or not the caller already cut it.
 */
export function classify(
  profile: Profile,
  status: ExitStatus,
  failure?: string,
  options: ClassifyOptions = {},
): Classification {
  let reason: string;
  let source: Classification['source'];
  const token =
    status.kind === 'wait-failed'
      ? undefined
      : matchFailureToken(profile, failure, options);
  if (status.kind === 'wait-failed') {
    reason = 'INFRASTRUCTURE_ERROR';
    source = 'wait-failed';
  } else if (token !== undefined) {
    reason = token;
    source = 'token';
  } else {
    reason = exitStatusReason(profile, status);
    source = 'exit-status';
  }
  const { value } = enumeratorByName(profile, reason);
  return { reason, value, message: vmMessage(profile, value), source };
}
