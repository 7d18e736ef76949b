import type { SourceRef } from './tree-model.js';

/**
 * How much a finding matters. `inconsistency`: the tree disagrees with itself or with the
 * profile it is held to. `problem`: a file could not be read or parsed, so part of the check did
 * not run. `breaking`: a value was renumbered or reused against the baseline. `gap`: a reason
 * with no Java constant, translation case or message of its own, as the matched profile also
 * has it. `note`: facts for the reader, e.g. crosvm codes that fall to UNKNOWN.
 */
export type Severity =
  'inconsistency' | 'problem' | 'breaking' | 'gap' | 'note';

/** Severities that make `avf-check` exit with status 1. */
export const FAILING_SEVERITIES: ReadonlySet<Severity> = new Set([
  'inconsistency',
  'problem',
  'breaking',
]);

export interface Finding {
  readonly severity: Severity;
  /**
   * What the finding is about, e.g. `java:CRASH`, `vm:HANGUP`, `exit:34`, `token:HANGUP`,
   * `file:vm/src/run.rs`. Two findings about one subject are merged, the more severe kept.
   */
  readonly subject: string;
  readonly message: string;
  readonly where?: SourceRef;
}

const SEVERITY_ORDER: readonly Severity[] = [
  'problem',
  'inconsistency',
  'breaking',
  'gap',
  'note',
];

/** Orders findings by severity and keeps only the first finding for each subject. */
export function mergeFindings(findings: readonly Finding[]): Finding[] {
  const rank = (finding: Finding): number =>
    SEVERITY_ORDER.indexOf(finding.severity);
  const sorted = [...findings].sort((a, b) => rank(a) - rank(b));
  const seen = new Set<string>();
  const merged: Finding[] = [];
  for (const finding of sorted) {
    if (!seen.has(finding.subject)) {
      seen.add(finding.subject);
      merged.push(finding);
    }
  }
  return merged;
}

/** One line for text output: `severity: message (path:line)`. */
export function formatFinding(finding: Finding): string {
  const where =
    finding.where === undefined
      ? ''
      : ` (${finding.where.path}:${finding.where.line})`;
  return `${finding.severity}: ${finding.message}${where}`;
}
