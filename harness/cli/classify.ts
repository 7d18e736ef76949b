import type { Command } from 'commander';
import { classify } from '../model/classify.js';
import type { ExitStatus } from '../model/exit-status.js';
import {
  ExitStatusError,
  exited,
  formatExitStatus,
  signaled,
  waitFailed,
} from '../model/exit-status.js';
import { toJavaStopReason } from '../model/java.js';
import type { Profile } from '../model/profile.js';
import {
  DEFAULT_PROFILE_NAME,
  PROFILES,
  UnknownProfileError,
  findProfile,
} from '../model/profiles.js';
import { UsageError } from './errors.js';

interface ClassifyFlags {
  readonly code?: string;
  readonly signal?: string;
  readonly waitError?: string | true;
  readonly failureReason?: string;
  readonly hangup?: true;
  readonly profile: string;
  readonly allProfiles?: true;
  readonly json?: true;
}

/** Looks a profile up, turning an unknown name into a usage error. */
export function profileOption(name: string): Profile {
  try {
    return findProfile(name);
  } catch (error) {
    if (error instanceof UnknownProfileError)
      throw new UsageError(error.message);
    throw error;
  }
}

/** Builds the ExitStatus the flags describe, which must give exactly one of the three kinds. */
function statusFromFlags(flags: ClassifyFlags): ExitStatus {
  const given = [flags.code, flags.signal, flags.waitError].filter(
    (v) => v !== undefined,
  );
  if (given.length !== 1) {
    throw new UsageError(
      `classify needs exactly one of --code, --signal or --wait-error (got ${String(given.length)})`,
    );
  }
  try {
    if (flags.code !== undefined) {
      if (!/^\d+$/.test(flags.code)) {
        throw new ExitStatusError(
          `invalid exit code "${flags.code}": an exit code is an integer from 0 to 255`,
        );
      }
      return exited(Number(flags.code));
    }
    if (flags.signal !== undefined) return signaled(flags.signal);
  } catch (error) {
    if (error instanceof ExitStatusError) throw new UsageError(error.message);
    throw error;
  }
  const message =
    typeof flags.waitError === 'string'
      ? flags.waitError
      : 'error given by --wait-error';
  return waitFailed(message);
}

/** Classifies the ending under one profile and adds the value a Java callback receives. */
function describe(profile: Profile, status: ExitStatus, flags: ClassifyFlags) {
  const options = flags.hangup === true ? { hangupDetected: true } : {};
  const result = classify(profile, status, flags.failureReason, options);
  return {
    profile: profile.name,
    ...result,
    java: toJavaStopReason(profile, result.value),
  };
}

function run(flags: ClassifyFlags, command: Command): void {
  const status = statusFromFlags(flags);
  if (flags.allProfiles === true) {
    if (command.getOptionValueSource('profile') !== 'default') {
      throw new UsageError(
        '--all-profiles and --profile exclude each other: give only one',
      );
    }
    const rows = PROFILES.map((profile) => describe(profile, status, flags));
    if (flags.json === true) {
      process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      return;
    }
    const lines = rows.map(
      (row) =>
        `${row.profile}  ${row.reason} ${String(row.value)}  ${row.message}`,
    );
    process.stdout.write(`${lines.join('\n')}\n`);
    return;
  }
  const profile = profileOption(flags.profile);
  const row = describe(profile, status, flags);
  if (flags.json === true) {
    const output = {
      status: formatExitStatus(status),
      failureReason: flags.failureReason ?? null,
      hangupDetected: flags.hangup === true,
      ...row,
    };
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    return;
  }
  const javaText = row.java.constant ?? 'no constant';
  process.stdout.write(
    [
      `${row.reason} ${String(row.value)}`,
      `vm: ${row.message}`,
      `java: ${String(row.java.value)} (${javaText})`,
      `profile ${profile.name}, ${formatExitStatus(status)}, decided by ${row.source}`,
      '',
    ].join('\n'),
  );
}

/** Registers `classify`, which maps one crosvm ending to the DeathReason a profile reports. */
export function register(program: Command): void {
  program
    .command('classify')
    .description(
      'Print the DeathReason (name and value), the vm tool message and the Java value that an ' +
        'AVF profile reports for one crosvm ending',
    )
    .option('--code <N>', 'crosvm exited with this code (0-255)')
    .option(
      '--signal <NAME|NUMBER>',
      'crosvm was killed by this signal, e.g. SIGKILL or 9',
    )
    .option(
      '--wait-error [MESSAGE]',
      'waiting for crosvm failed, with this error message',
    )
    .option(
      '--failure-reason <TEXT>',
      "what the guest wrote to its second UART (AVF's failure pipe)",
    )
    .option(
      '--hangup',
      'the Microdroid boot monitor timed out and killed crosvm',
    )
    .option(
      '--profile <NAME>',
      'AVF mapping profile (see the profiles command)',
      DEFAULT_PROFILE_NAME,
    )
    .option('--all-profiles', 'print one line per profile, oldest first')
    .option('--json', 'print JSON instead of text')
    .action((flags: ClassifyFlags, command: Command) => {
      run(flags, command);
    });
}
