import type { Profile } from '../model/profile.js';
import type { AvfTreeModel, VmMessages } from './tree-model.js';
import { show, type Differences } from './differences.js';

/** Returns what the vm tool prints for `name` = `value`: its own text or the fallback. */
export function vmMessageFor(
  vm: Pick<VmMessages, 'fallback'> & { messages: ReadonlyMap<string, string> },
  name: string,
  value: number,
): string | undefined {
  return (
    vm.messages.get(name) ?? vm.fallback?.replaceAll('{value}', String(value))
  );
}

/** Compares the vm tool's message for each reason, its fallback and its service-death text. */
export function compareVm(
  tree: AvfTreeModel,
  profile: Profile,
  out: Differences,
): void {
  if (tree.vm.kind === 'absent') {
    out.add('part:vm', 'no Rust source of the vm tool prints the DeathReason');
    return;
  }
  if (tree.vm.kind !== 'found') {
    return;
  }

  const vm = tree.vm.value;
  const where = { path: vm.paths[0] ?? '', line: vm.line };
  const expectedVm = {
    messages: new Map(Object.entries(profile.vm.messages)),
    fallback: profile.vm.fallback,
  };

  // The tree's own values first, so a message is checked for every enumerator either side has.
  const treeEnumerators =
    tree.aidl.kind === 'found' ? tree.aidl.value.enumerators : [];
  const treeNames = new Set(treeEnumerators.map((e) => e.name));
  const enumerators = [
    ...treeEnumerators,
    ...profile.enumerators.filter((e) => !treeNames.has(e.name)),
  ];
  for (const { name, value } of enumerators) {
    const expected = vmMessageFor(expectedVm, name, value);
    const found = vmMessageFor(vm, name, value);
    if (found !== expected) {
      out.add(
        `vm:${name}`,
        `vm prints ${show(found)} for ${name}, ${profile.name} prints ${show(expected)}`,
        where,
      );
    }
  }

  if (vm.fallback !== profile.vm.fallback) {
    out.add(
      'vm:fallback',
      `vm prints ${show(vm.fallback)} for an unknown value, ${profile.name} prints ${show(profile.vm.fallback)}`,
      where,
    );
  }

  const died = vm.serviceDied;
  if (
    died !== undefined &&
    (died.text !== profile.vm.serviceDied.text ||
      died.stream !== profile.vm.serviceDied.stream)
  ) {
    out.add(
      'vm:serviceDied',
      `vm prints ${show(died.text)} on ${died.stream} when the service dies, ${profile.name} prints ${show(profile.vm.serviceDied.text)} on ${profile.vm.serviceDied.stream}`,
      where,
    );
  }
}
