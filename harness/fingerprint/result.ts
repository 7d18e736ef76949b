import type { BinaryIdentity } from '../run/types.js';
import type { EraMatch, EraRange } from './match.js';

/** Two adjacent eras that no probe can separate from an x86_64 host, and why. */
export interface UnseparatedEras {
  readonly older: string;
  readonly newer: string;
  /** The change at `newer` and the reason no probe can observe it. */
  readonly reason: string;
}

/** One probe as it was run. */
export interface ProbeRun {
  readonly id: string;
  /** The exact argv, executable first. */
  readonly argv: readonly string[];
  /** Host actions taken once the guest's start line appeared, in order. */
  readonly hostActions: readonly string[];
  /** Milliseconds from start to exit, or to the timeout for a probe that kept running. */
  readonly durationMs: number;
}

/** Everything a fingerprint found: the match, its evidence and how the probes ran. */
export interface FingerprintResult {
  readonly binary: BinaryIdentity;
  readonly match: EraMatch;
  readonly probes: readonly ProbeRun[];
  /** Adjacent eras the probes cannot separate; a range that spans one reports both eras. */
  readonly unseparated: readonly UnseparatedEras[];
  /** Wall-clock milliseconds for the whole fingerprint, probes run concurrently. */
  readonly durationMs: number;
}

/** Formats a range as `FROM..TO`, or one date when it is a single day. */
export function formatRange(range: EraRange): string {
  return range.from === range.to ? range.from : `${range.from}..${range.to}`;
}

/**
 * Formats the fingerprint summary for reports, e.g.
 * `crosvm era range 2022-06-13..2022-06-14 (12 probes)`.
 */
export function formatFingerprintSummary(result: FingerprintResult): string {
  const probes = `${result.probes.length} probes`;
  if (result.match.kind === 'matched') {
    const ranges = result.match.ranges.map(formatRange).join(', ');
    const noun = result.match.ranges.length === 1 ? 'range' : 'ranges';
    return `crosvm era ${noun} ${ranges} (${probes})`;
  }
  const unexplained = result.match.unexplained.length;
  return `no known crosvm era matches (${unexplained} of ${probes} unexplained)`;
}

/** Formats the run-header line: `fingerprint: ` and the summary. */
export function formatFingerprintLine(result: FingerprintResult): string {
  return `fingerprint: ${formatFingerprintSummary(result)}`;
}

/** Selects the unseparated era pairs that lie inside one of `ranges`. */
export function unseparatedWithin(
  unseparated: readonly UnseparatedEras[],
  ranges: readonly EraRange[],
): UnseparatedEras[] {
  return unseparated.filter((pair) =>
    ranges.some((range) => range.from <= pair.older && pair.newer <= range.to),
  );
}
