import type { Profile } from '../model/profile.js';
import type { AvfTreeModel } from './tree-model.js';
import { show, type Differences } from './differences.js';

/** Compares the AIDL enum: package, path, names, values and doc comments. */
export function compareAidl(
  tree: AvfTreeModel,
  profile: Profile,
  out: Differences,
): void {
  if (tree.aidl.kind === 'absent') {
    out.add('part:aidl', 'no AIDL file declares enum DeathReason');
    return;
  }
  if (tree.aidl.kind !== 'found') {
    return;
  }
  const aidl = tree.aidl.value;
  if (aidl.packageName !== profile.aidl.package) {
    out.add(
      'aidl:package',
      `AIDL package is ${aidl.packageName}, ${profile.name} has ${profile.aidl.package}`,
    );
  }
  if (aidl.path !== profile.aidl.path) {
    out.add(
      'aidl:path',
      `AIDL enum is at ${aidl.path}, ${profile.name} has ${profile.aidl.path}`,
    );
  }
  const byName = new Map(aidl.enumerators.map((e) => [e.name, e]));
  for (const expected of profile.enumerators) {
    const found = byName.get(expected.name);
    if (found === undefined) {
      out.add(
        `aidl:${expected.name}`,
        `AIDL has no ${expected.name} (${profile.name}: ${expected.value})`,
      );
    } else if (found.value !== expected.value) {
      out.add(
        `aidl:${expected.name}`,
        `AIDL ${expected.name} is ${found.value}, ${profile.name} has ${expected.value}`,
        found,
      );
    } else if (found.doc !== expected.doc) {
      out.add(
        `aidl:${expected.name}`,
        `AIDL ${expected.name} doc is ${show(found.doc)}, ${profile.name} has ${show(expected.doc)}`,
        found,
      );
    }
  }
  const expectedNames = new Set(profile.enumerators.map((e) => e.name));
  for (const extra of aidl.enumerators.filter(
    (e) => !expectedNames.has(e.name),
  )) {
    out.add(
      `aidl:${extra.name}`,
      `AIDL ${extra.name} = ${extra.value} is not in ${profile.name}`,
      extra,
    );
  }
}
