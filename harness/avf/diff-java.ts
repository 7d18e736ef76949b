import type { Profile } from '../model/profile.js';
import type { AvfTreeModel } from './tree-model.js';
import { javaBaseName, type Differences } from './differences.js';

/** Compares the Java constants, callback, visibility and the AIDL-to-Java translation. */
export function compareJava(
  tree: AvfTreeModel,
  profile: Profile,
  out: Differences,
): void {
  const java = profile.java;
  if (tree.javaConstants.kind === 'absent') {
    out.add(
      'part:java',
      'no Java file declares DEATH_REASON_* or STOP_REASON_* constants',
    );
  } else if (tree.javaConstants.kind === 'found') {
    const found = tree.javaConstants.value;
    const prefixes = new Set(
      found.constants.map((c) =>
        c.name.slice(0, c.name.length - javaBaseName(c.name).length),
      ),
    );
    if (prefixes.size !== 1 || !prefixes.has(java.prefix)) {
      out.add(
        'java:prefix',
        `Java constants use ${[...prefixes].join(' and ')}, ${profile.name} uses ${java.prefix}`,
      );
    }
    if (found.callback !== undefined && found.callback !== java.callback) {
      out.add(
        'java:callback',
        `the Java callback is ${found.callback}, ${profile.name} has ${java.callback}`,
      );
    }
    if (found.visibility !== java.visibility) {
      out.add(
        'java:visibility',
        `the Java constants are ${found.visibility}, in ${profile.name} they are ${java.visibility}`,
      );
    }
    const byName = new Map(
      found.constants.map((c) => [javaBaseName(c.name), c]),
    );
    for (const expected of java.constants) {
      const constant = byName.get(expected.name);
      if (constant === undefined) {
        out.add(
          `java:${expected.name}`,
          `no Java constant ${java.prefix}${expected.name} (${profile.name}: ${expected.value})`,
        );
      } else if (constant.value !== expected.value) {
        out.add(
          `java:${expected.name}`,
          `Java ${constant.name} is ${constant.value}, ${profile.name} has ${expected.value}`,
          constant,
        );
      }
    }
    for (const [name, constant] of byName) {
      if (!java.constants.some((c) => c.name === name)) {
        out.add(
          `java:${name}`,
          `Java ${constant.name} = ${constant.value} is not in ${profile.name}`,
          constant,
        );
      }
    }
  }

  const translation = tree.javaTranslation;
  if (translation.kind === 'unparsable') {
    return;
  }
  if (java.translation.kind === 'raw') {
    if (translation.kind === 'found') {
      out.add(
        'translation:kind',
        `Java translates AIDL values in ${translation.value.path}, in ${profile.name} they pass through raw`,
      );
    }
    return;
  }
  if (translation.kind === 'absent') {
    out.add(
      'translation:kind',
      `no Java switch translates DeathReason values, ${profile.name} translates them`,
    );
    return;
  }
  const cases = translation.value.cases;
  const expectedCases = java.translation.cases;
  for (const name of expectedCases) {
    const found = cases.find((c) => c.from === name);
    if (found === undefined) {
      out.add(
        `translation:${name}`,
        `the Java translation has no case for ${name}, which ${profile.name} translates`,
      );
    } else if (javaBaseName(found.to) !== name) {
      out.add(
        `translation:${name}`,
        `the Java translation maps ${name} to ${found.to}`,
        found,
      );
    }
  }
  for (const extra of cases.filter((c) => !expectedCases.includes(c.from))) {
    out.add(
      `translation:${extra.from}`,
      `the Java translation has a case for ${extra.from}, ${profile.name} sends it to the default`,
      extra,
    );
  }
  const defaultTo = translation.value.defaultTo;
  if (
    defaultTo === undefined ||
    javaBaseName(defaultTo) !== java.translation.defaultConstant
  ) {
    out.add(
      'translation:default',
      `the Java translation's default is ${defaultTo ?? 'missing'}, ${profile.name} has ${java.prefix}${java.translation.defaultConstant}`,
    );
  }
}
