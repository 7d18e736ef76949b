import type { Variant } from '../scenarios/scenario.js';
import type { Era } from './eras.js';

/**
 * Builds crosvm's command line for a scenario the way AVF does: `crosvm --extended-status run
 * --disable-sandbox ... KERNEL`, with the guest's second UART (COM2) sent to AVF's failure pipe
 * when the launch is AVF's, so that a failure token can be read back. Flag spellings follow the era the run targets.
 */

/**
 * Returns the switch that removes the i8042 in `era`: `--no-i8042` where it exists (from 2022-06-15,
 * `7110d673f`), else `--no-legacy` (2021-05-13, `d93c29fdf`, to 2022-06-27), else none.
 */
export function noI8042Flag(
  era: Era,
): '--no-i8042' | '--no-legacy' | undefined {
  if (era.flags.noI8042AndNoRtc) return '--no-i8042';
  if (era.flags.noLegacy) return '--no-legacy';
  return undefined;
}

/**
 * Guest RAM in MiB (64). It covers the fixtures' needs under both loader eras (4 MiB plus the
 * image before 2022-06-23) and leaves `segment-beyond-memory`, whose segment sits above 64 MiB,
 * outside RAM. A bare number is accepted as `--mem` in every era.
 */
export const GUEST_MEMORY_MIB = 64;

/**
 * A flag that no crosvm era accepts, for the `invalid-flag` variant. crosvm has no `--no-such-flag`
 * in any commit up to `f1e797a68dad` (2026-08-21).
 */
export const INVALID_FLAG = '--no-such-flag';

/** Everything that varies between scenarios' command lines. */
export interface ArgvRequest {
  /** The executable under test. */
  readonly executable: string;
  readonly variant: Variant;
  /** The era whose flag spellings the command line uses. */
  readonly era: Era;
  /** Kernel image path; `missing-kernel` replaces it with `missingKernelPath`. */
  readonly kernelPath: string;
  /** A path that does not exist, for the `missing-kernel` variant. */
  readonly missingKernelPath: string;
  /**
   * Pipe or file that receives what the guest writes to COM2, as AVF's failure pipe does; COM2
   * stays on crosvm's default (a sink) when absent.
   */
  readonly failurePortPath?: string | undefined;
  /** Control socket for `crosvm stop`, when the scenario needs one. */
  readonly socketPath?: string | undefined;
}

/** Raised when the target era cannot express a variant, e.g. `--no-i8042` before 2021-05-13. */
export class ArgvError extends Error {
  override name = 'ArgvError';
}

/** Returns the argv, executable first, for one scenario. */
export function buildArgv(request: ArgvRequest): string[] {
  const { variant, era } = request;
  const argv = [request.executable];
  if (variant !== 'plain') {
    if (!era.flags.extendedStatus) {
      throw new ArgvError(
        `variant "${variant}" needs --extended-status, which the target era lacks (added 2021-12-10); pick a later --target-era`,
      );
    }
    argv.push('--extended-status');
  }

  argv.push('run', '--disable-sandbox', '--mem', String(GUEST_MEMORY_MIB));
  // COM2 carries AVF's failure string. `--serial` exists from 2019-05-15 (`17ccaadc2`) and its
  // `hardware=` key from 2020-04-23 (`a7b6a1c89`). Before 2019-05-15 the command line cannot
  // route COM2, so no failure string is read. Without a failure port (a bare launch) crosvm's
  // default serial setup makes COM2 a sink.
  const failurePort = request.failurePortPath;
  if (failurePort !== undefined && era.flags.serial === 'with-hardware') {
    argv.push(
      '--serial',
      `type=file,path=${failurePort},hardware=serial,num=2`,
    );
  } else if (
    failurePort !== undefined &&
    era.flags.serial === 'without-hardware'
  ) {
    argv.push('--serial', `type=file,path=${failurePort},num=2`);
  }

  if (request.socketPath !== undefined)
    argv.push('--socket', request.socketPath);
  if (variant === 'no-i8042') {
    const flag = noI8042Flag(era);
    if (flag === undefined) {
      throw new ArgvError(
        'variant "no-i8042" needs --no-legacy or --no-i8042, which the target era lacks (added 2021-05-13); pick a later --target-era',
      );
    }
    argv.push(flag);
  }

  if (variant === 'invalid-flag') argv.push(INVALID_FLAG);
  argv.push(
    variant === 'missing-kernel'
      ? request.missingKernelPath
      : request.kernelPath,
  );
  return argv;
}
