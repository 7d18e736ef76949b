import type { Profile } from '../model/profile.js';
import { compareAidl } from './diff-aidl.js';
import { compareJava } from './diff-java.js';
import { compareMapping } from './diff-mapping.js';
import { compareVm } from './diff-vm.js';
import { Differences } from './differences.js';
import type { Finding } from './findings.js';
import type { AvfTreeModel } from './tree-model.js';

/**
 * Differences between an extracted tree and one profile, one `inconsistency` finding per subject.
 * Parts of the tree that could not be parsed are not compared (their problem is reported on its
 * own); parts that are absent are a difference when the profile has them.
 */

/** Lists every difference between `tree` and `profile`. */
export function diffTreeAgainstProfile(
  tree: AvfTreeModel,
  profile: Profile,
): Finding[] {
  const out = new Differences();
  compareAidl(tree, profile, out);
  compareMapping(tree, profile, out);
  compareJava(tree, profile, out);
  compareVm(tree, profile, out);
  return out.list;
}
