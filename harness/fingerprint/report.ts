import { formatOutcome } from './outcome.js';
import type { ProbeEvidence } from './match.js';
import {
  formatFingerprintLine,
  formatRange,
  unseparatedWithin,
  type FingerprintResult,
} from './result.js';

/** Renders a fingerprint for people: the verdict, then each probe's evidence. */
export function formatFingerprintText(result: FingerprintResult): string {
  const lines: string[] = [];
  const seconds = (result.durationMs / 1000).toFixed(1);
  lines.push(
    `crosvm: ${result.binary.path} (found by ${result.binary.foundBy})`,
  );
  lines.push(`${formatFingerprintLine(result)} in ${seconds} s`);
  const { match } = result;

  if (match.kind === 'matched') {
    for (const pair of unseparatedWithin(result.unseparated, match.ranges)) {
      lines.push(
        `  ${pair.older} and ${pair.newer} are one range: ${pair.reason}`,
      );
    }
  } else {
    lines.push(
      'This binary follows an exit contract that no era row describes; add an era row.',
    );
    if (match.unexplained.length > 0) {
      lines.push('Probes whose outcome no era predicts:');
      for (const item of match.unexplained) {
        lines.push(`  ${item.probeId}: ${formatOutcome(item.observed)}`);
      }
    } else {
      lines.push(
        'Every outcome is known from some era, but no era gives all of them.',
      );
    }
    const closest = match.closest.ranges.map(formatRange).join(', ');
    lines.push(
      `Closest eras: ${closest}, which differ on ${plural(match.closest.mismatches, 'probe')}.`,
    );
  }

  lines.push(
    '',
    'Evidence (= marks the eras that predict the observed outcome):',
  );
  for (const item of match.evidence)
    lines.push(...formatEvidence(item, result));
  return `${lines.join('\n')}\n`;
}

function formatEvidence(
  item: ProbeEvidence,
  result: FingerprintResult,
): string[] {
  const run = result.probes.find((probe) => probe.id === item.probeId);
  const lines = [`  ${item.probeId}`];
  if (run !== undefined) {
    lines.push(`    command: ${run.argv.join(' ')}`);
    if (run.hostActions.length > 0)
      lines.push(`    host actions: ${run.hostActions.join(', ')}`);
  }
  lines.push(`    observed: ${formatOutcome(item.observed)}`);
  for (const group of item.predictions) {
    const mark = group.matches ? '=' : ' ';
    lines.push(
      `    ${mark} ${formatRange(group)}: ${formatOutcome(group.outcome)}`,
    );
  }
  return lines;
}

/** JSON form of a fingerprint for scripts; dates are YYYY-MM-DD and ranges are inclusive. */
export interface FingerprintJson {
  readonly binary: {
    readonly path: string;
    readonly foundBy: string;
    readonly stubEra?: string;
  };
  readonly result: 'matched' | 'none';
  /** Era ranges consistent with every probe; empty when none is. */
  readonly ranges: readonly { readonly from: string; readonly to: string }[];
  /** With `result: none`: the eras that disagree with the fewest probes. */
  readonly closest?: {
    readonly ranges: readonly { readonly from: string; readonly to: string }[];
    readonly mismatches: number;
  };
  /** Ids of probes whose outcome no era predicts. */
  readonly unexplained: readonly string[];
  readonly unseparated: FingerprintResult['unseparated'];
  readonly probes: FingerprintResult['probes'];
  readonly evidence: readonly ProbeEvidence[];
  readonly durationMs: number;
}

/** Builds the JSON form of a fingerprint. */
export function toFingerprintJson(result: FingerprintResult): FingerprintJson {
  const { match } = result;
  // The verdict fields come first, so that a reader of the JSON finds them before the evidence.
  const verdict =
    match.kind === 'matched'
      ? { result: 'matched' as const, ranges: match.ranges, unexplained: [] }
      : {
          result: 'none' as const,
          ranges: [],
          closest: match.closest,
          unexplained: match.unexplained.map((item) => item.probeId),
        };
  return {
    binary: result.binary,
    ...verdict,
    unseparated: result.unseparated,
    probes: result.probes,
    evidence: match.evidence,
    durationMs: Math.round(result.durationMs),
  };
}

/** Formats a count with its noun, adding `s` unless the count is 1. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
