import type { Profile } from '../model/profile.js';
import type { AvfTreeModel, MappingFunction, SourceRef } from './tree-model.js';
import { show, type Differences } from './differences.js';

/** The reason the tree's mapping gives for an arm kind, and where. */
function armReason(
  mapping: MappingFunction,
  kind: 'signal' | 'other-code' | 'wait-failed',
) {
  return mapping.arms.find((arm) => arm.kind === kind);
}

/** Compares the exit-status constants and arms, failure tokens and matching rules. */
export function compareMapping(
  tree: AvfTreeModel,
  profile: Profile,
  out: Differences,
): void {
  if (tree.mapping.kind === 'absent') {
    out.add('part:mapping', 'no Rust file defines fn death_reason');
    return;
  }
  if (tree.mapping.kind !== 'found') {
    return;
  }
  const mapping = tree.mapping.value;
  const codeArms = new Map<number, { reason: string; ref: SourceRef }>();
  for (const arm of mapping.arms) {
    if (arm.kind === 'exit-code' && !codeArms.has(arm.code)) {
      codeArms.set(arm.code, { reason: arm.reason, ref: arm });
    }
  }
  const fixed: readonly [
    string,
    string,
    SourceRef | undefined,
    string | undefined,
  ][] = [
    [
      'exit:signal',
      'KILLED',
      armReason(mapping, 'signal'),
      armReason(mapping, 'signal')?.reason,
    ],
    ['exit:0', 'SHUTDOWN', codeArms.get(0)?.ref, codeArms.get(0)?.reason],
    [
      'exit:other',
      'UNKNOWN',
      armReason(mapping, 'other-code'),
      armReason(mapping, 'other-code')?.reason,
    ],
    [
      'exit:wait-failed',
      'INFRASTRUCTURE_ERROR',
      armReason(mapping, 'wait-failed'),
      armReason(mapping, 'wait-failed')?.reason,
    ],
  ];
  const what: Record<string, string> = {
    'exit:signal': 'death by a signal',
    'exit:0': 'exit code 0',
    'exit:other': 'any other exit code',
    'exit:wait-failed': 'a failed wait',
  };
  for (const [subject, expected, ref, reason] of fixed) {
    if (reason !== expected) {
      out.add(
        subject,
        `${what[subject] ?? subject} gives ${reason ?? 'no arm'}, every profile gives ${expected}`,
        ref,
      );
    }
  }

  const treeConstants = new Map(mapping.constants.map((c) => [c.name, c]));
  const profileCodes = new Set(profile.statusConstants.map((c) => c.code));
  for (const expected of profile.statusConstants) {
    const subject = `exit:${expected.code}`;
    const constant = treeConstants.get(expected.name);
    const arm = codeArms.get(expected.code);
    if (constant === undefined) {
      out.add(
        subject,
        `no const ${expected.name} (${expected.code}) in ${mapping.path}`,
      );
    } else if (constant.value !== expected.code) {
      out.add(
        subject,
        `${expected.name} is ${constant.value}, ${profile.name} has ${expected.code}`,
        constant,
      );
    } else if (constant.doc !== undefined && constant.doc !== expected.doc) {
      out.add(
        subject,
        `${expected.name} doc is ${show(constant.doc)}, ${profile.name} has ${show(expected.doc)}`,
        constant,
      );
    }
    if (arm?.reason !== expected.reason) {
      out.add(
        subject,
        `exit code ${expected.code} gives ${arm?.reason ?? 'UNKNOWN (no arm)'}, ${profile.name} gives ${expected.reason}`,
        arm?.ref,
      );
    }
  }
  for (const constant of mapping.constants) {
    if (
      !profileCodes.has(constant.value) &&
      !profile.statusConstants.some((c) => c.name === constant.name)
    ) {
      const arm = codeArms.get(constant.value);
      const gives =
        arm === undefined
          ? 'no arm uses it'
          : `exit code ${constant.value} gives ${arm.reason}`;
      out.add(
        `exit:${constant.value}`,
        `new exit constant ${constant.name} = ${constant.value} (${gives}), not in ${profile.name}`,
        constant,
      );
    }
  }
  for (const [code, arm] of codeArms) {
    if (code !== 0 && !profileCodes.has(code)) {
      out.add(
        `exit:${code}`,
        `exit code ${code} gives ${arm.reason}, ${profile.name} sends it to UNKNOWN`,
        arm.ref,
      );
    }
  }

  compareFailureRules(mapping, profile, out);
}

function compareFailureRules(
  mapping: MappingFunction,
  profile: Profile,
  out: Differences,
): void {
  const rules = profile.failure;
  const tokens = mapping.arms.flatMap((arm) =>
    arm.kind === 'token' ? [arm] : [],
  );
  const readsFailure = mapping.readsFailure || tokens.length > 0;
  if (readsFailure !== rules.read) {
    out.add(
      'failure:read',
      `death_reason ${readsFailure ? 'reads' : 'does not read'} a failure string, ${profile.name} ${rules.read ? 'does' : 'does not'}`,
    );
  }
  for (const token of rules.tokens) {
    const arm = tokens.find((candidate) => candidate.token === token);
    if (arm === undefined) {
      out.add(
        `token:${token}`,
        `no arm for the failure token ${token}, which ${profile.name} matches`,
      );
    } else if (arm.reason !== token) {
      out.add(
        `token:${token}`,
        `failure token ${token} gives ${arm.reason}`,
        arm,
      );
    }
  }
  for (const arm of tokens.filter(
    (candidate) => !rules.tokens.includes(candidate.token),
  )) {
    out.add(
      `token:${arm.token}`,
      `failure token ${arm.token} (gives ${arm.reason}) is not in ${profile.name}`,
      arm,
    );
  }
  if (mapping.splitsAtPipe !== rules.splitAtPipe) {
    out.add(
      'failure:splitAtPipe',
      `the failure string ${mapping.splitsAtPipe ? 'is' : 'is not'} cut at '|', in ${profile.name} it ${rules.splitAtPipe ? 'is' : 'is not'}`,
    );
  }
  const match = mapping.trims ? 'trimmed' : 'exact';
  if (match !== rules.match) {
    out.add(
      'failure:match',
      `the failure string is matched ${match}, ${profile.name} matches it ${rules.match}`,
    );
  }
  if (mapping.capBytes !== rules.capBytes) {
    out.add(
      'failure:capBytes',
      `the failure pipe read is capped at ${show(mapping.capBytes)} bytes, ${profile.name} caps it at ${show(rules.capBytes)}`,
    );
  }
  compareHangupTimeouts(mapping, profile, out);
}

function compareHangupTimeouts(
  mapping: MappingFunction,
  profile: Profile,
  out: Differences,
): void {
  const found = mapping.hangupTimeouts;
  if (found === undefined) {
    return;
  }
  const expected = profile.hangup.timeoutSeconds;
  const describe = (normal: number, nested: number | undefined): string =>
    nested === undefined ? `${normal} s` : `${normal} s (${nested} s nested)`;
  if (expected === null) {
    out.add(
      'hangup:timeout',
      `the boot hangup timeout is ${describe(found.normal, found.nested)}, ${profile.name} has no hangup detection`,
    );
    return;
  }
  const nestedDiffers =
    found.nested !== undefined && found.nested !== expected.nested;
  if (found.normal !== expected.normal || nestedDiffers) {
    out.add(
      'hangup:timeout',
      `the boot hangup timeout is ${describe(found.normal, found.nested)}, ${profile.name} has ${describe(expected.normal, expected.nested)}`,
    );
  }
}
