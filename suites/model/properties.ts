import { constants } from 'node:os';
import fc from 'fast-check';
import { expect } from 'vitest';
import { classify, vmMessage } from '../../harness/model/classify.js';
import type { ExitStatus } from '../../harness/model/exit-status.js';
import {
  exited,
  signaled,
  waitFailed,
} from '../../harness/model/exit-status.js';
import { toJavaStopReason } from '../../harness/model/java.js';
import type { Profile } from '../../harness/model/profile.js';
import { golden } from './golden.js';
import type { GoldenProfile } from './golden.js';
import { expectedToken } from './oracle.js';

/**
 * Properties every profile must satisfy, each checked against the hand-written golden facts.
 * They are functions of a profile so that a test can also run them on deliberately broken
 * profiles and see them fail.
 */

const RUNS = { numRuns: 150 };

/** Every signal name in Node's `os.constants.signals`, aliases included. */
const SIGNAL_NAMES = Object.keys(constants.signals);

const statusArbitrary: fc.Arbitrary<ExitStatus> = fc.oneof(
  fc.integer({ min: 0, max: 255 }).map(exited),
  fc.constantFrom(...SIGNAL_NAMES).map(signaled),
  fc.string().map(waitFailed),
);

const PREFIXES = ['', ' ', '\n', '\t', '\u0085', '\ufeff', 'x'];
const SUFFIXES = ['', '\n', '\r\n', '|detail', ' |detail', '|', 'x', ' \u3000'];

/** Failure strings near the tokens (whitespace, pipes, noise) and arbitrary text. */
function failureArbitrary(
  expected: GoldenProfile,
): fc.Arbitrary<string | undefined> {
  const words = [
    ...expected.tokens,
    'HANGUP',
    'PVM_FIRMWARE_INVALID_BCC',
    'SHUTDOWN',
    '',
  ];
  const nearToken = fc
    .tuple(
      fc.constantFrom(...PREFIXES),
      fc.constantFrom(...words),
      fc.constantFrom(...SUFFIXES),
    )
    .map(([prefix, word, suffix]) => prefix + word + suffix);
  return fc.option(fc.oneof(nearToken, fc.string({ unit: 'binary' })), {
    nil: undefined,
  });
}

/** Strings around the 50,000-byte cap: the token before, across and after the cut. */
function longFailureStrings(token: string): string[] {
  const cap = 50_000;
  return [
    `${token}|${'x'.repeat(cap)}`,
    `${' '.repeat(cap - token.length)}${token}noise`,
    `${' '.repeat(cap - token.length - 1)}${token}noise`,
    `${token}${' '.repeat(cap)}`,
    `${'x'.repeat(cap)}${token}`,
    // A two-byte character across the cut: the capped bytes are not valid UTF-8.
    `${' '.repeat(cap - 1)}\u00e9${token}`,
  ];
}

function valueOf(expected: GoldenProfile, name: string): number {
  const value = expected.values.get(name);
  if (value === undefined)
    throw new Error(`golden table has no value for ${name}`);
  return value;
}

/** Returns the reason the exit status alone gives, from the golden facts. */
function expectedExitReason(
  expected: GoldenProfile,
  status: ExitStatus,
): string {
  if (status.kind === 'wait-failed') return 'INFRASTRUCTURE_ERROR';
  if (status.kind === 'signaled') return 'KILLED';
  if (status.code === 0) return 'SHUTDOWN';
  return expected.exitArms.get(status.code) ?? 'UNKNOWN';
}

export interface ProfileProperty {
  readonly name: string;
  readonly check: (profile: Profile) => void;
}

export const PROFILE_PROPERTIES: readonly ProfileProperty[] = [
  {
    name: 'classification is total and deterministic',
    check(profile) {
      const expected = golden(profile.name);
      fc.assert(
        fc.property(
          statusArbitrary,
          failureArbitrary(expected),
          fc.boolean(),
          (status, failure, hangup) => {
            const first = classify(profile, status, failure, {
              hangupDetected: hangup,
            });
            const second = classify(profile, status, failure, {
              hangupDetected: hangup,
            });
            expect(second).toEqual(first);
            expect(first.value).toBe(valueOf(expected, first.reason));
            expect(first.message).toBe(expected.message(first.value));
          },
        ),
        RUNS,
      );
    },
  },
  {
    name: 'a signal gives KILLED unless a token overrides it',
    check(profile) {
      const expected = golden(profile.name);
      for (const signal of SIGNAL_NAMES) {
        const result = classify(profile, signaled(signal));
        expect(result.reason, signal).toBe('KILLED');
        expect(result.value, signal).toBe(valueOf(expected, 'KILLED'));
      }
      fc.assert(
        fc.property(
          fc.constantFrom(...SIGNAL_NAMES),
          failureArbitrary(expected),
          fc.boolean(),
          (signal, failure, hangup) => {
            const token = expectedToken(expected, failure, hangup);
            const result = classify(profile, signaled(signal), failure, {
              hangupDetected: hangup,
            });
            expect(result.reason).toBe(token ?? 'KILLED');
            expect(result.source).toBe(
              token === undefined ? 'exit-status' : 'token',
            );
          },
        ),
        RUNS,
      );
    },
  },
  {
    name: 'codes other than 0 and named constants give UNKNOWN',
    check(profile) {
      const expected = golden(profile.name);
      for (let code = 0; code <= 255; code += 1) {
        const reason = expectedExitReason(expected, exited(code));
        const result = classify(profile, exited(code));
        expect(result.reason, `exit ${String(code)}`).toBe(reason);
        expect(result.value, `exit ${String(code)}`).toBe(
          valueOf(expected, reason),
        );
      }
    },
  },
  {
    name: 'a failed wait gives INFRASTRUCTURE_ERROR',
    check(profile) {
      const expected = golden(profile.name);
      fc.assert(
        fc.property(
          fc.string(),
          failureArbitrary(expected),
          fc.boolean(),
          (error, failure, hangup) => {
            const result = classify(profile, waitFailed(error), failure, {
              hangupDetected: hangup,
            });
            expect(result.reason).toBe('INFRASTRUCTURE_ERROR');
            expect(result.value).toBe(
              valueOf(expected, 'INFRASTRUCTURE_ERROR'),
            );
            expect(result.source).toBe('wait-failed');
          },
        ),
        RUNS,
      );
    },
  },
  {
    name: 'enumerator values are unique and Java matches AIDL',
    check(profile) {
      const expected = golden(profile.name);
      const values = profile.enumerators.map((e) => e.value);
      expect(new Set(values).size).toBe(values.length);
      const names = profile.enumerators.map((e) => e.name);
      expect(new Set(names).size).toBe(names.length);
      expect(
        new Map(profile.enumerators.map((e) => [e.name, e.value])),
      ).toEqual(expected.values);
      for (const constant of profile.java.constants) {
        const aidl = profile.enumerators.find((e) => e.name === constant.name);
        if (aidl !== undefined)
          expect(constant.value, constant.name).toBe(aidl.value);
      }
      const died = profile.java.constants.filter((c) =>
        c.name.endsWith('SERVICE_DIED'),
      );
      expect(died.map((c) => c.value)).toEqual([-1]);
      for (const value of [...values, 19, 100]) {
        expect(
          toJavaStopReason(profile, value).value,
          `AIDL ${String(value)}`,
        ).toBe(expected.javaValue(value));
      }
    },
  },
  {
    name: 'every reason has a vm message and unknown values get the fallback',
    check(profile) {
      const expected = golden(profile.name);
      for (const { name, value } of profile.enumerators) {
        expect(profile.vm.messages[name], name).toBe(expected.message(value));
      }
      const known = new Set(profile.enumerators.map((e) => e.value));
      fc.assert(
        fc.property(fc.integer({ min: -1000, max: 1000 }), (value) => {
          fc.pre(!known.has(value));
          expect(vmMessage(profile, value)).toBe(expected.message(value));
        }),
        RUNS,
      );
    },
  },
  {
    name: 'failure tokens follow precedence, trim, split and cap',
    check(profile) {
      const expected = golden(profile.name);
      // Long strings that random generation never reaches: the byte cap decides these.
      for (const token of [...expected.tokens, 'HANGUP']) {
        for (const failure of longFailureStrings(token)) {
          for (const hangup of [false, true]) {
            const want = expectedToken(expected, failure, hangup) ?? 'SHUTDOWN';
            const result = classify(profile, exited(0), failure, {
              hangupDetected: hangup,
            });
            expect(
              result.reason,
              `${token}, ${String(failure.length)} chars`,
            ).toBe(want);
          }
        }
      }
      const nonWait = statusArbitrary.filter(
        (status) => status.kind !== 'wait-failed',
      );
      fc.assert(
        fc.property(
          nonWait,
          failureArbitrary(expected),
          fc.boolean(),
          (status, failure, hangup) => {
            const token = expectedToken(expected, failure, hangup);
            const result = classify(profile, status, failure, {
              hangupDetected: hangup,
            });
            expect(result.reason).toBe(
              token ?? expectedExitReason(expected, status),
            );
          },
        ),
        RUNS,
      );
    },
  },
];
