import { formatExitStatus } from '../model/exit-status.js';
import type { RunReport, ScenarioResult, VerdictKind } from '../run/types.js';
import { compareCodeUnits } from './text.js';

/**
 * The facts every report format shows the same way: scenario order, verdict counts, labels and
 * the header lines that name what was tested.
 */

/** Verdicts in the order reports list them, best first. */
export const VERDICT_ORDER: readonly VerdictKind[] = [
  'pass',
  'expected-divergence',
  'unexpected',
  'flaky',
];

/** Label of each verdict for people. */
export const VERDICT_LABEL: Readonly<Record<VerdictKind, string>> = {
  pass: 'pass',
  'expected-divergence': 'expected divergence',
  unexpected: 'unexpected',
  flaky: 'flaky',
};

/** Choices that change how reports judge verdicts. */
export interface ReportOptions {
  /**
   * Counts flaky scenarios as passing, as the run's `--allow-flaky` does for its exit status.
   * Defaults to false, so flaky scenarios fail the report.
   */
  readonly allowFlaky?: boolean;
}

/** True when a verdict fails the run under `options`. */
export function isFailure(
  verdict: VerdictKind,
  options: ReportOptions = {},
): boolean {
  if (verdict === 'flaky') return options.allowFlaky !== true;
  return verdict === 'unexpected';
}

/** Sorts results by scenario id, so that reports do not depend on the order scenarios ended. */
export function sortedResults(report: RunReport): ScenarioResult[] {
  return [...report.results].sort((a, b) => compareCodeUnits(a.id, b.id));
}

/** Counts the scenarios with each verdict. */
export function countVerdicts(
  results: readonly ScenarioResult[],
): Record<VerdictKind, number> {
  const counts: Record<VerdictKind, number> = {
    pass: 0,
    'expected-divergence': 0,
    unexpected: 0,
    flaky: 0,
  };
  for (const result of results) counts[result.verdict] += 1;
  return counts;
}

/** Formats the verdict counts as one line, e.g. `12 scenarios: 10 pass, 1 expected divergence, 1 unexpected`. */
export function formatCounts(results: readonly ScenarioResult[]): string {
  const counts = countVerdicts(results);
  const parts = VERDICT_ORDER.filter((verdict) => counts[verdict] > 0).map(
    (verdict) => `${counts[verdict]} ${VERDICT_LABEL[verdict]}`,
  );
  const noun = results.length === 1 ? 'scenario' : 'scenarios';
  return parts.length === 0
    ? `0 ${noun}`
    : `${results.length} ${noun}: ${parts.join(', ')}`;
}

/** Formats the raw exit of a scenario, e.g. `exit 32` or `signal SIGKILL (9)`. */
export function exitLabel(result: ScenarioResult): string {
  return formatExitStatus(result.status);
}

/**
 * Returns the DeathReason of a scenario under `profile`, or `not classified` when the runner did
 * not classify it under that profile.
 */
export function reasonUnder(result: ScenarioResult, profile: string): string {
  const found = result.classifications.find(
    (entry) => entry.profile === profile,
  );
  return found === undefined ? 'not classified' : found.reason;
}

/** True when `profile` reads the scenario differently from the run's primary profile. */
export function differsFromPrimary(
  result: ScenarioResult,
  profile: string,
  primary: string,
): boolean {
  return reasonUnder(result, profile) !== reasonUnder(result, primary);
}

/** Lists the header facts as label and value pairs, leaving out optional facts that are absent. */
export function headerFacts(report: RunReport): [string, string][] {
  const binary = report.binary;
  const found =
    binary.stubEra === undefined
      ? `${binary.path} (found by ${binary.foundBy})`
      : `${binary.path} (found by ${binary.foundBy}, stub era ${binary.stubEra})`;
  const [primary, ...others] = report.target.profiles;
  const profiles =
    primary === undefined
      ? 'none'
      : [`${primary} (primary)`, ...others].join(', ');
  const facts: [string, string][] = [
    ['Binary', found],
    ['Target era', report.target.era],
    ['AVF profiles', profiles],
    ['VMM', report.vmm],
    ['Started', report.startedAt],
    ['Finished', report.finishedAt],
  ];
  if (report.fingerprint !== undefined)
    facts.push(['Fingerprint', report.fingerprint]);
  return facts;
}
