import { afterEach, describe, expect, test } from 'vitest';
import { checkAvfTree } from '../../harness/avf/check.js';
import type { Finding } from '../../harness/avf/findings.js';
import { copyTree, treePath, type TreeCopy } from './tree-copy.js';

const failing = (findings: readonly Finding[]): Finding[] =>
  findings.filter((f) =>
    ['inconsistency', 'problem', 'breaking'].includes(f.severity),
  );

let copy: TreeCopy | undefined;
afterEach(async () => {
  await copy?.remove();
  copy = undefined;
});

describe('synthetic trees', () => {
  test.each([
    'avf-2022-01-14',
    'avf-2022-02-03',
    'avf-2022-10-11',
    'avf-2023-04-14',
    'avf-2025a',
    'avf-2025b',
  ])('%s matches its own profile', async (profile) => {
    const result = await checkAvfTree(treePath(profile));
    expect(result.match.profile).toBe(profile);
    expect(result.match.kind).toBe('matched');
    expect(result.match.ties).toEqual([]);
    expect(failing(result.findings)).toEqual([]);
    expect(result.failed).toBe(false);
  });

  test('2025 tree lists 34 and 35 as UNKNOWN', async () => {
    const result = await checkAvfTree(treePath('avf-2025b'));
    const unknown = result.findings.filter((f) =>
      f.subject.startsWith('crosvm:'),
    );
    expect(unknown.map((f) => f.subject)).toEqual(['crosvm:34', 'crosvm:35']);
    expect(unknown[0]?.message).toContain('GuestPanic');
    expect(unknown[1]?.message).toContain('InvalidArgs');
  });

  test('2025 tree reports reasons without Java constant', async () => {
    const result = await checkAvfTree(treePath('avf-2025b'));
    const gaps = result.findings
      .filter((f) => f.severity === 'gap')
      .map((f) => f.subject);
    expect(gaps).toEqual([
      'java:WATCHDOG_REBOOT',
      'translation:WATCHDOG_REBOOT',
      'vm:WATCHDOG_REBOOT',
      'java:HOST_SHUTDOWN',
      'translation:HOST_SHUTDOWN',
      'vm:HOST_SHUTDOWN',
    ]);
  });

  test('2022-01-14 tree has no gaps', async () => {
    const result = await checkAvfTree(treePath('avf-2022-01-14'));
    expect(result.findings.filter((f) => f.severity === 'gap')).toEqual([]);
  });
});

describe('planted inconsistencies', () => {
  test('Java value that differs from AIDL', async () => {
    copy = await copyTree('avf-2023-04-14');
    await copy.edit(
      'javalib/src/android/system/virtualmachine/VirtualMachineCallback.java',
      'int STOP_REASON_CRASH = 6;',
      'int STOP_REASON_CRASH = 7;',
    );
    const result = await checkAvfTree(copy.root);
    expect(result.match.profile).toBe('avf-2023-04-14');
    expect(result.match.kind).toBe('closest');
    const found = failing(result.findings);
    expect(found).toHaveLength(1);
    expect(found[0]?.subject).toBe('java:CRASH');
    expect(found[0]?.message).toBe(
      'Java STOP_REASON_CRASH is 7 but AIDL CRASH is 6',
    );
    expect(found[0]?.where?.path).toBe(
      'javalib/src/android/system/virtualmachine/VirtualMachineCallback.java',
    );
    expect(result.failed).toBe(true);
  });

  test('missing vm message', async () => {
    copy = await copyTree('avf-2023-04-14');
    await copy.edit(
      'vmclient/src/death_reason.rs',
      '            AidlDeathReason::CRASH => Self::Crash,\n',
      '',
    );
    const result = await checkAvfTree(copy.root);
    expect(result.match.profile).toBe('avf-2023-04-14');
    const found = failing(result.findings);
    expect(found).toHaveLength(1);
    expect(found[0]?.subject).toBe('vm:CRASH');
    expect(found[0]?.message).toContain(
      '"VM ended: Unrecognised(DeathReason(6))"',
    );
    expect(found[0]?.message).toContain('"VM ended: Crash"');
  });

  test('missing message in the match-style vm tool', async () => {
    copy = await copyTree('avf-2022-02-03');
    await copy.edit(
      'vm/src/run.rs',
      '            DeathReason::CRASH => println!("VM crashed."),\n',
      '',
    );
    const result = await checkAvfTree(copy.root);
    const found = failing(result.findings);
    expect(found.map((f) => f.subject)).toEqual(['vm:CRASH']);
    expect(found[0]?.message).toContain(
      '"VM died for an unrecognised reason."',
    );
  });

  test('new exit constant', async () => {
    copy = await copyTree('avf-2025b');
    await copy.edit(
      'android/virtmgr/src/crosvm.rs',
      'const CROSVM_WATCHDOG_REBOOT_STATUS: i32 = 36;\n',
      'const CROSVM_WATCHDOG_REBOOT_STATUS: i32 = 36;\n/// The exit status which crosvm returns when the guest panics.\nconst CROSVM_GUEST_PANIC_STATUS: i32 = 34;\n',
    );
    await copy.edit(
      'android/virtmgr/src/crosvm.rs',
      '            Some(_) => DeathReason::UNKNOWN,',
      '            Some(CROSVM_GUEST_PANIC_STATUS) => DeathReason::CRASH,\n            Some(_) => DeathReason::UNKNOWN,',
    );
    const result = await checkAvfTree(copy.root);
    expect(result.match.profile).toBe('avf-2025b');
    const found = failing(result.findings);
    expect(found).toHaveLength(1);
    expect(found[0]?.subject).toBe('exit:34');
    expect(found[0]?.message).toContain(
      'new exit constant CROSVM_GUEST_PANIC_STATUS = 34',
    );
    expect(found[0]?.message).toContain('gives CRASH');
    // 34 no longer falls to UNKNOWN, so only 35 is listed.
    const unknown = result.findings.filter((f) =>
      f.subject.startsWith('crosvm:'),
    );
    expect(unknown.map((f) => f.subject)).toEqual(['crosvm:35']);
  });

  test('unparsable file is reported and skipped', async () => {
    copy = await copyTree('avf-2023-04-14');
    await copy.edit(
      'vm/src/run.rs',
      'let death_reason = vm.wait_for_death();',
      'let death_reason = vm.wait_for_death(;',
    );
    const result = await checkAvfTree(copy.root);
    const found = failing(result.findings);
    expect(found).toHaveLength(1);
    expect(found[0]?.severity).toBe('problem');
    expect(found[0]?.subject).toBe('file:vm/src/run.rs');
    expect(found[0]?.message).toMatch(
      /^vm\/src\/run\.rs: rust syntax error at line 5, column \d+/,
    );
    // The other parts were still checked: the tree still fits its profile everywhere else.
    expect(result.match.profile).toBe('avf-2023-04-14');
    expect(result.match.differences).toBe(0);
    expect(
      result.findings.some((f) => f.subject === 'java:WATCHDOG_REBOOT'),
    ).toBe(true);
  });

  test('AIDL syntax error is reported with its line', async () => {
    copy = await copyTree('avf-2022-10-11');
    const aidl =
      'virtualizationservice/aidl/android/system/virtualizationservice/DeathReason.aidl';
    await copy.edit(aidl, '    KILLED = 1,', '    KILLED = ,');
    const result = await checkAvfTree(copy.root);
    const problems = result.findings.filter((f) => f.severity === 'problem');
    expect(problems.map((f) => f.message)).toEqual([
      `${aidl}: AIDL syntax error at line 10: expected an integer value but found ","; the check went on without it`,
    ]);
    expect(result.findings.some((f) => f.subject.startsWith('exit:'))).toBe(
      false,
    );
  });
});

describe('baselines', () => {
  test('second tree shows the 2022-02-03 renumbering', async () => {
    const result = await checkAvfTree(treePath('avf-2022-02-03'), {
      baselineTree: treePath('avf-2022-01-14'),
    });
    const breaking = result.findings.filter((f) => f.severity === 'breaking');
    const messages = breaking.map((f) => f.message);
    expect(messages).toContain(
      'against baseline tree ' +
        treePath('avf-2022-01-14') +
        ': aidl SHUTDOWN renumbered 0 -> 3',
    );
    expect(messages).toContain(
      'against baseline tree ' +
        treePath('avf-2022-01-14') +
        ': aidl value 4 reassigned INFRASTRUCTURE_ERROR -> ERROR',
    );
    expect(
      breaking.filter((f) => f.subject.startsWith('baseline:aidl:')),
    ).toHaveLength(6);
    expect(result.failed).toBe(true);
  });

  test('rename and removal are not breaking', async () => {
    const result = await checkAvfTree(treePath('avf-2023-04-14'), {
      baselineProfile: 'avf-2022-10-11',
    });
    expect(result.findings.filter((f) => f.severity === 'breaking')).toEqual(
      [],
    );
    const notes = result.findings
      .filter((f) => f.subject.startsWith('baseline:'))
      .map((f) => f.message);
    expect(notes).toContain(
      'against avf-2022-10-11: aidl value 4 renamed ERROR -> START_FAILED',
    );
    expect(notes).toContain(
      'against avf-2022-10-11: aidl BOOTLOADER_PUBLIC_KEY_MISMATCH 9 removed',
    );
    expect(result.failed).toBe(false);
  });

  test('requested profile is reported as such', async () => {
    const result = await checkAvfTree(treePath('avf-2022-10-11'), {
      profile: 'avf-2022-10-17',
    });
    expect(result.match).toEqual({
      profile: 'avf-2022-10-17',
      kind: 'requested',
      differences: 1,
      ties: [],
    });
    expect(
      result.findings.find((f) => f.severity === 'inconsistency')?.subject,
    ).toBe('failure:splitAtPipe');
  });
});
