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

/** Builds the ExitStatus the flags describe; exactly one of the three kinds must be given. */
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
    flags.waitError === true
      ? 'wait failed'
      : (flags.waitError ?? 'wait failed');
  return waitFailed(message);
}

function run(flags: ClassifyFlags): void {
  const profile = profileOption(flags.profile);
  const status = statusFromFlags(flags);
  const options = flags.hangup === true ? { hangupDetected: true } : {};
  const result = classify(profile, status, flags.failureReason, options);
  const java = toJavaStopReason(profile, result.value);
  if (flags.json === true) {
    const output = {
      profile: profile.name,
      status: formatExitStatus(status),
      failureReason: flags.failureReason ?? null,
      hangupDetected: flags.hangup === true,
      ...result,
      java,
    };
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    return;
  }
  const javaText = java.constant === null ? 'no constant' : java.constant;
  process.stdout.write(
    [
      `${result.reason} ${String(result.value)}`,
      `vm: ${result.message}`,
      `java: ${String(java.value)} (${javaText})`,
      `profile ${profile.name}, ${formatExitStatus(status)}, decided by ${result.source}`,
      '',
    ].join('\n'),
  );
}

/** Registers `classify`: one crosvm ending to the DeathReason a profile reports. */
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
    .option('--json', 'print one JSON object instead of text')
    .action((flags: ClassifyFlags) => {
      run(flags);
    });
}
