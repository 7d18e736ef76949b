import type { Profile } from './profile.js';

/**
 * Compatibility check between two profiles. A change is breaking when an integer a client
 * receives changes meaning: a name moves to another value (renumbered) or a value starts to
 * name a different reason (reassigned). A rename that keeps its value, an addition and a
 * removal that leaves the value unused are compatible. Behaviour changes (exit arms, tokens,
 * matching, hangup, Java translation, `vm` messages) are listed but are not breaking.
 */

/** The integer space of a numbering change: AIDL values or Java constants. */
export type Surface = 'aidl' | 'java';

export type ProfileChange =
  | {
      readonly kind: 'renumbered';
      readonly surface: Surface;
      readonly name: string;
      readonly from: number;
      readonly to: number;
    }
  | {
      readonly kind: 'reassigned';
      readonly surface: Surface;
      readonly value: number;
      readonly from: string;
      readonly to: string;
    }
  | {
      readonly kind: 'renamed';
      readonly surface: Surface;
      readonly value: number;
      readonly from: string;
      readonly to: string;
    }
  | {
      readonly kind: 'added' | 'removed';
      readonly surface: Surface;
      readonly name: string;
      readonly value: number;
    }
  | {
      readonly kind: 'behaviour';
      readonly area: string;
      readonly detail: string;
    };

export interface ProfileComparison {
  readonly from: string;
  readonly to: string;
  /** True when any change is `renumbered` or `reassigned`. */
  readonly breaking: boolean;
  readonly changes: readonly ProfileChange[];
}

interface NamedValue {
  readonly name: string;
  readonly value: number;
  readonly renamedFrom?: string;
}

function isRename(older: NamedValue, newer: NamedValue): boolean {
  return newer.renamedFrom === older.name || older.renamedFrom === newer.name;
}

/** Compares two name/value lists in the same integer space. */
function compareNumbering(
  surface: Surface,
  before: readonly NamedValue[],
  after: readonly NamedValue[],
): ProfileChange[] {
  const changes: ProfileChange[] = [];
  const afterByName = new Map(after.map((entry) => [entry.name, entry]));
  const beforeByName = new Map(before.map((entry) => [entry.name, entry]));
  const explained = new Set<string>();
  for (const old of before) {
    const same = afterByName.get(old.name);
    if (same !== undefined) {
      explained.add(same.name);
      if (same.value !== old.value) {
        changes.push({
          kind: 'renumbered',
          surface,
          name: old.name,
          from: old.value,
          to: same.value,
        });
      }
      continue;
    }
    const holder = after.find(
      (entry) => entry.value === old.value && !beforeByName.has(entry.name),
    );
    if (holder === undefined) {
      changes.push({
        kind: 'removed',
        surface,
        name: old.name,
        value: old.value,
      });
      continue;
    }
    explained.add(holder.name);
    const kind = isRename(old, holder) ? 'renamed' : 'reassigned';
    changes.push({
      kind,
      surface,
      value: old.value,
      from: old.name,
      to: holder.name,
    });
  }
  for (const entry of after) {
    if (explained.has(entry.name)) continue;
    const previousHolder = before.find((old) => old.value === entry.value);
    if (previousHolder !== undefined && afterByName.has(previousHolder.name)) {
      // The old holder moved away and this name took its value: a second meaning for the value.
      changes.push({
        kind: 'reassigned',
        surface,
        value: entry.value,
        from: previousHolder.name,
        to: entry.name,
      });
    } else {
      changes.push({
        kind: 'added',
        surface,
        name: entry.name,
        value: entry.value,
      });
    }
  }
  return changes;
}

function describe(value: unknown): string {
  return value === undefined ? 'none' : JSON.stringify(value);
}

/** Lists one behaviour change per top-level field of `before`/`after` whose value differs. */
function fieldChanges(
  area: string,
  before: object,
  after: object,
): ProfileChange[] {
  const changes: ProfileChange[] = [];
  const beforeFields = before as Record<string, unknown>;
  const afterFields = after as Record<string, unknown>;
  const keys = new Set([
    ...Object.keys(beforeFields),
    ...Object.keys(afterFields),
  ]);
  for (const key of keys) {
    const from = describe(beforeFields[key]);
    const to = describe(afterFields[key]);
    if (from !== to)
      changes.push({
        kind: 'behaviour',
        area: `${area} ${key}`,
        detail: `${from} -> ${to}`,
      });
  }
  return changes;
}

function exitArms(profile: Profile): Record<string, string> {
  return Object.fromEntries(
    profile.statusConstants.map((c) => [`exit ${String(c.code)}`, c.reason]),
  );
}

/** Compares profile `a` (older, usually) with profile `b`. */
export function compareProfiles(a: Profile, b: Profile): ProfileComparison {
  const changes: ProfileChange[] = [
    ...compareNumbering('aidl', a.enumerators, b.enumerators),
    ...compareNumbering('java', a.java.constants, b.java.constants),
    ...fieldChanges(
      'aidl',
      { package: a.aidl.package },
      { package: b.aidl.package },
    ),
    ...fieldChanges('reason for', exitArms(a), exitArms(b)),
    ...fieldChanges('failure', a.failure, b.failure),
    ...fieldChanges('hangup', a.hangup, b.hangup),
    ...fieldChanges(
      'java',
      { ...a.java, constants: null },
      { ...b.java, constants: null },
    ),
    ...fieldChanges('vm message for', a.vm.messages, b.vm.messages),
    ...fieldChanges(
      'vm',
      { ...a.vm, messages: null },
      { ...b.vm, messages: null },
    ),
  ];
  const breaking = changes.some(
    (c) => c.kind === 'renumbered' || c.kind === 'reassigned',
  );
  return { from: a.name, to: b.name, breaking, changes };
}

/** Formats one change as a line for the CLI. */
export function formatChange(change: ProfileChange): string {
  switch (change.kind) {
    case 'renumbered':
      return `breaking: ${change.surface} ${change.name} renumbered ${change.from} -> ${change.to}`;
    case 'reassigned':
      return `breaking: ${change.surface} value ${change.value} reassigned ${change.from} -> ${change.to}`;
    case 'renamed':
      return `compatible: ${change.surface} value ${change.value} renamed ${change.from} -> ${change.to}`;
    case 'added':
    case 'removed':
      return `compatible: ${change.surface} ${change.name} ${change.value} ${change.kind}`;
    case 'behaviour':
      return `behaviour: ${change.area}: ${change.detail}`;
  }
}
