import { InvalidArgumentError } from 'commander';

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
