import { NEWEST_ERA } from '../crosvm/eras.js';

/**
 * The exit codes a crosvm of the newest era ends with, and what crosvm means by each. Source:
 * google/crosvm `src/main.rs`, `enum CommandStatus`, at f1e797a68 (2026-08-21); code 1 is any
 * error returned from `crosvm_main` (`error_to_exit_code` in `src/sys/linux/main.rs`).
 */
export interface CrosvmExitCode {
  readonly code: number;
  /** The `CommandStatus` variant, or `error` for code 1. */
  readonly variant: string;
  readonly meaning: string;
}

export const NEWEST_CROSVM_EXIT_CODES: readonly CrosvmExitCode[] = [
  {
    code: 0,
    variant: 'SuccessOrVmStop',
    meaning: 'the VM stopped or the command succeeded',
  },
  {
    code: 1,
    variant: 'error',
    meaning: 'crosvm failed, e.g. while setting up the VM',
  },
  { code: 32, variant: 'VmReset', meaning: 'the guest requested a reset' },
  {
    code: 33,
    variant: 'VmCrash',
    meaning: 'the VM crashed: a child process or vhost-user backend ended',
  },
  {
    code: 34,
    variant: 'GuestPanic',
    meaning:
      'the guest kernel panicked and reported it through pvpanic or, from 2026-04-15, a KVM crash event',
  },
  {
    code: NEWEST_ERA.exit.invalidArgs,
    variant: 'InvalidArgs',
    meaning: 'crosvm rejected its command line (unknown flag or bad value)',
  },
  {
    code: 36,
    variant: 'WatchdogReset',
    meaning: 'the vCPU stall watchdog fired',
  },
];
