import { javaBaseName } from './differences.js';
import type { Finding } from './findings.js';
import type { AvfTreeModel } from './tree-model.js';
import { vmMessageFor } from './diff-vm.js';

/**
 * Checks a tree against itself, whatever profile it matches. AIDL and Java values that disagree
 * and arms or cases that name a reason the AIDL enum lacks are `inconsistency` findings. Reasons
 * with no Java constant, no translation case or no `vm` message of their own are `gap` findings.
 */
export function checkConsistency(tree: AvfTreeModel): Finding[] {
  if (tree.aidl.kind !== 'found') {
    return [];
  }
  const findings: Finding[] = [];
  const enumerators = tree.aidl.value.enumerators;
  const aidlNames = new Set(enumerators.map((e) => e.name));
  const javaConstants =
    tree.javaConstants.kind === 'found'
      ? tree.javaConstants.value.constants
      : [];
  const javaByName = new Map(
    javaConstants.map((c) => [javaBaseName(c.name), c]),
  );
  const translation =
    tree.javaTranslation.kind === 'found'
      ? tree.javaTranslation.value
      : undefined;
  const defaultName = translation?.defaultTo;
  const defaultValue =
    defaultName === undefined
      ? undefined
      : javaByName.get(javaBaseName(defaultName))?.value;
  const appsReceive = (value: number): string =>
    translation === undefined
      ? `apps receive the bare int ${value}`
      : `apps receive ${defaultName ?? 'no constant'}${defaultValue === undefined ? '' : ` (${defaultValue})`}`;

  for (const enumerator of enumerators) {
    const { name, value } = enumerator;
    const constant = javaByName.get(name);
    if (tree.javaConstants.kind === 'found') {
      if (constant === undefined) {
        findings.push({
          severity: 'gap',
          subject: `java:${name}`,
          message: `${name} (${value}) has no Java constant, so ${appsReceive(value)}`,
          where: enumerator,
        });
      } else if (constant.value !== value) {
        findings.push({
          severity: 'inconsistency',
          subject: `java:${name}`,
          message: `Java ${constant.name} is ${constant.value} but AIDL ${name} is ${value}`,
          where: constant,
        });
      }
    }
    if (
      translation !== undefined &&
      defaultName !== undefined &&
      javaBaseName(defaultName) !== name &&
      !translation.cases.some((c) => c.from === name)
    ) {
      findings.push({
        severity: 'gap',
        subject: `translation:${name}`,
        message: `${name} (${value}) has no case in the Java translation, so ${appsReceive(value)}`,
      });
    }
    if (tree.vm.kind === 'found' && !tree.vm.value.messages.has(name)) {
      const vm = tree.vm.value;
      const printed = vmMessageFor(vm, name, value);
      findings.push({
        severity: 'gap',
        subject: `vm:${name}`,
        message: `${name} (${value}) has no vm message of its own; vm prints ${printed === undefined ? 'nothing' : JSON.stringify(printed)}`,
        where: { path: vm.paths[0] ?? '', line: vm.line },
      });
    }
  }

  for (const c of translation?.cases ?? []) {
    if (!aidlNames.has(c.from)) {
      findings.push({
        severity: 'inconsistency',
        subject: `translation:${c.from}`,
        message: `the Java translation has a case for ${c.from}, which the AIDL enum does not declare`,
        where: c,
      });
    } else if (
      tree.javaConstants.kind === 'found' &&
      !javaConstants.some((constant) => constant.name === c.to)
    ) {
      findings.push({
        severity: 'inconsistency',
        subject: `translation:${c.from}`,
        message: `the Java translation returns ${c.to}, which is not declared`,
        where: c,
      });
    }
  }
  if (tree.mapping.kind === 'found') {
    for (const arm of tree.mapping.value.arms) {
      if (!aidlNames.has(arm.reason)) {
        const subject =
          arm.kind === 'token'
            ? `token:${arm.token}`
            : arm.kind === 'exit-code'
              ? `exit:${arm.code}`
              : `exit:${arm.kind === 'other-code' ? 'other' : arm.kind}`;
        findings.push({
          severity: 'inconsistency',
          subject,
          message: `death_reason returns ${arm.reason}, which the AIDL enum does not declare`,
          where: arm,
        });
      }
    }
  }
  return findings;
}
