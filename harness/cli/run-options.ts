import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { UsageError } from './errors.js';

/** Parses a positive integer option value such as `--jobs 4`. */
export function positiveInteger(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new InvalidArgumentError(
      `"${value}" is not a positive integer; use e.g. 2`,
    );
  }
  return Number(value);
}

/** Parses a positive number of seconds such as `--hangup-timeout 2.5`. */
export function positiveSeconds(value: string): number {
  const seconds = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || seconds <= 0) {
    throw new InvalidArgumentError(
      `"${value}" is not a positive number of seconds; use e.g. 30`,
    );
  }
  return seconds;
}

/** Collects a repeatable option's values in order. */
export function collect(
  value: string,
  previous: readonly string[] | undefined,
): string[] {
  return [...(previous ?? []), value];
}

/**
 * Creates the `--reports` folder and checks that it is writable, before any scenario runs, so
 * that a bad path fails at once instead of after the whole run.
 */
export async function prepareReportsDir(value: string): Promise<string> {
  if (value.trim() === '') {
    throw new UsageError(
      'invalid --reports "": name a folder for the reports, e.g. --reports reports',
    );
  }
  const dir = resolve(value);
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UsageError(
      `invalid --reports ${value}: the folder cannot be created or written (${code}); pass a writable folder`,
    );
  }
  return dir;
}
