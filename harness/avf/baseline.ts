import { compareProfiles, formatChange } from '../model/compare.js';
import type { Enumerator, JavaConstant, Profile } from '../model/profile.js';
import { PROFILES } from '../model/profiles.js';
import { javaBaseName } from './differences.js';
import type { Finding } from './findings.js';
import type { AvfTreeModel } from './tree-model.js';

/**
 * Numbering changes of a tree against a baseline (a profile or a second tree). A name that moved
 * to another value, or a value that now names another reason, is `breaking` because apps and
 * telemetry store the integers. A rename, an addition or a removal is a `note`. The comparison
 * itself is the model's `compareProfiles`, fed with the tree's enumerators and Java constants.
 */

/** Renames recorded in the profiles (new name to old name), e.g. START_FAILED from ERROR. */
const KNOWN_RENAMES: ReadonlyMap<string, string> = new Map(
  PROFILES.flatMap((profile) =>
    profile.enumerators.flatMap((e) =>
      e.renamedFrom === undefined ? [] : [[e.name, e.renamedFrom] as const],
    ),
  ),
);

function withRename<T extends { name: string; value: number }>(
  entry: T,
): T & { renamedFrom?: string } {
  const from = KNOWN_RENAMES.get(entry.name);
  return from === undefined ? entry : { ...entry, renamedFrom: from };
}

/**
 * Builds a profile from the tree's numbering: its AIDL enumerators and Java constants over `filler`, so
 * that every other field compares equal. Parts the tree lacks keep `filler`'s values.
 */
export function numberingProfile(
  tree: AvfTreeModel,
  filler: Profile,
  name: string,
): Profile {
  const enumerators: Enumerator[] =
    tree.aidl.kind === 'found'
      ? tree.aidl.value.enumerators.map((e) =>
          withRename({ name: e.name, value: e.value, doc: e.doc ?? '' }),
        )
      : [...filler.enumerators];
  const constants: JavaConstant[] =
    tree.javaConstants.kind === 'found'
      ? tree.javaConstants.value.constants.map((c) =>
          withRename({ name: javaBaseName(c.name), value: c.value }),
        )
      : [...filler.java.constants];
  return { ...filler, name, enumerators, java: { ...filler.java, constants } };
}

/** Findings for the numbering changes from `baseline` to `current`. */
export function numberingFindings(
  baseline: Profile,
  current: Profile,
): Finding[] {
  const comparison = compareProfiles(baseline, current);
  const findings: Finding[] = [];
  for (const change of comparison.changes) {
    if (change.kind === 'behaviour') {
      continue;
    }
    const breaking =
      change.kind === 'renumbered' || change.kind === 'reassigned';
    const key = 'name' in change ? change.name : `${change.value}`;
    findings.push({
      severity: breaking ? 'breaking' : 'note',
      subject: `baseline:${change.surface}:${change.kind}:${key}`,
      message: `against ${baseline.name}: ${formatChange(change).replace(/^\w+: /, '')}`,
    });
  }
  return findings;
}
