/**
 * Errors that end a CLI command with exit status 2 and a one-line message: bad arguments
 * (`UsageError`) or a machine that cannot run the request (`SetupError`, e.g. a crosvm path that
 * does not exist). Any other error is a bug and prints its stack.
 */
export class UsageError extends Error {
  override name = 'UsageError';
}

export class SetupError extends Error {
  override name = 'SetupError';
}

/** Exit status for usage and setup errors. */
export const EXIT_USAGE = 2;
