import type { Finding } from './findings.js';
import type { SourceRef } from './tree-model.js';

/** Helpers the tree-against-profile comparisons share. */

/** Strips `DEATH_REASON_` or `STOP_REASON_` from a Java constant name. */
export function javaBaseName(name: string): string {
  return name.replace(/^(?:DEATH|STOP)_REASON_/, '');
}

/** A value for a message: JSON, or `none` when absent. */
export const show = (value: unknown): string =>
  value === undefined ? 'none' : JSON.stringify(value);

/** Differences found so far, one `inconsistency` finding per subject. */
export class Differences {
  readonly list: Finding[] = [];
  add(subject: string, message: string, where?: SourceRef): void {
    if (!this.list.some((finding) => finding.subject === subject)) {
      const base = { severity: 'inconsistency' as const, subject, message };
      this.list.push(where === undefined ? base : { ...base, where });
    }
  }
}
