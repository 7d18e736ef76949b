import { describe, expect, test } from 'vitest';
import { runCli } from '../cli/capture.js';
import { copyTree, treePath } from './tree-copy.js';

describe('avf-check command', () => {
  test('first line names the matched profile', async () => {
    const run = await runCli([
      'avf-check',
      '--tree',
      treePath('avf-2022-10-11'),
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('profile avf-2022-10-11: matches');
    expect(run.stdout).toContain('note: crosvm exit 34 (GuestPanic');
    expect(run.stderr).toBe('');
  });

  test('--json carries the same findings', async () => {
    const text = await runCli(['avf-check', '--tree', treePath('avf-2025b')]);
    const json = await runCli([
      'avf-check',
      '--tree',
      treePath('avf-2025b'),
      '--json',
    ]);
    expect(json.status).toBe(0);
    const parsed = JSON.parse(json.stdout) as {
      match: { profile: string; kind: string };
      findings: { severity: string; message: string }[];
      failed: boolean;
    };
    expect(parsed.match).toMatchObject({
      profile: 'avf-2025b',
      kind: 'matched',
    });
    expect(parsed.failed).toBe(false);
    const textLines = text.stdout.trimEnd().split('\n').slice(1);
    expect(textLines).toHaveLength(parsed.findings.length);
    for (const [index, finding] of parsed.findings.entries()) {
      expect(textLines[index]).toContain(
        `${finding.severity}: ${finding.message}`,
      );
    }
  });

  test('inconsistency exits 1', async () => {
    const copy = await copyTree('avf-2022-02-03');
    try {
      await copy.edit(
        'javalib/src/android/system/virtualmachine/VirtualMachineCallback.java',
        'int DEATH_REASON_REBOOT = 5;',
        'int DEATH_REASON_REBOOT = 1;',
      );
      const run = await runCli(['avf-check', '--tree', copy.root]);
      expect(run.status).toBe(1);
      expect(run.stdout.split('\n')[0]).toBe(
        'profile avf-2022-02-03: closest, 1 difference(s)',
      );
      expect(run.stdout).toContain(
        'inconsistency: Java DEATH_REASON_REBOOT is 1 but AIDL REBOOT is 5',
      );
    } finally {
      await copy.remove();
    }
  });

  test('breaking baseline change exits 1', async () => {
    const run = await runCli([
      'avf-check',
      '--tree',
      treePath('avf-2022-02-03'),
      '--baseline-profile',
      'avf-2022-01-14',
    ]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      'breaking: against avf-2022-01-14: aidl SHUTDOWN renumbered 0 -> 3',
    );
  });

  test.each([
    [
      ['avf-check'],
      'avf-check: missing --tree; pass the root of an AVF checkout',
    ],
    [
      ['avf-check', '--tree', '/nonexistent/avf'],
      'avf-check: AVF tree "/nonexistent/avf" is not a directory; pass the root of an AVF checkout (packages/modules/Virtualization)',
    ],
    [
      [
        'avf-check',
        '--tree',
        treePath('avf-2025b'),
        '--baseline-profile',
        'avf-1999',
      ],
      'avf-check: unknown profile "avf-1999": use one of',
    ],
  ])('usage error %j exits 2', async (argv, message) => {
    const run = await runCli(argv);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')).toHaveLength(2);
    expect(run.stderr).toContain(`crosvm-conformance: ${message}`);
  });

  test('--help states the exit statuses', async () => {
    const run = await runCli(['avf-check', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout.replace(/\s+/g, ' ')).toContain(
      '1 when a finding shows an inconsistency',
    );
  });
});
