import { describe, expect, test } from 'vitest';
import { PROFILES } from '../../harness/model/profiles.js';
import { runCli } from './capture.js';

describe('classify', () => {
  test('--code 33 prints CRASH 6', async () => {
    const run = await runCli(['classify', '--code', '33']);
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('CRASH 6');
    expect(run.stdout).toContain('vm: VM crashed.');
  });

  test('--code 34 prints UNKNOWN', async () => {
    const run = await runCli(['classify', '--code', '34']);
    expect(run.stdout.split('\n')[0]).toBe('UNKNOWN 2');
  });

  test('--signal SIGKILL prints KILLED', async () => {
    const run = await runCli(['classify', '--signal', 'SIGKILL']);
    expect(run.stdout.split('\n')[0]).toBe('KILLED 1');
  });

  test('--signal 6 prints KILLED', async () => {
    const run = await runCli(['classify', '--signal', '6']);
    expect(run.stdout).toContain('signal SIGABRT (6)');
  });

  test('first profile --code 0 prints SHUTDOWN 0', async () => {
    const run = await runCli([
      'classify',
      '--profile',
      'avf-2022-01-14',
      '--code',
      '0',
    ]);
    expect(run.stdout.split('\n')[0]).toBe('SHUTDOWN 0');
    expect(run.stdout).toContain('vm: VM shutdown cleanly.');
  });

  test('--wait-error prints INFRASTRUCTURE_ERROR', async () => {
    const run = await runCli(['classify', '--wait-error']);
    expect(run.stdout.split('\n')[0]).toBe('INFRASTRUCTURE_ERROR 0');
  });

  test('--failure-reason overrides the exit code', async () => {
    const run = await runCli([
      'classify',
      '--profile',
      'avf-2025b',
      '--code',
      '0',
      '--failure-reason',
      'MICRODROID_UNKNOWN_RUNTIME_ERROR|no such binary\n',
    ]);
    expect(run.stdout.split('\n')[0]).toBe(
      'MICRODROID_UNKNOWN_RUNTIME_ERROR 15',
    );
    expect(run.stdout).toContain('decided by token');
  });

  test('--hangup gives HANGUP', async () => {
    const run = await runCli([
      'classify',
      '--profile',
      'avf-2023-04-14',
      '--signal',
      '9',
      '--hangup',
    ]);
    expect(run.stdout.split('\n')[0]).toBe('HANGUP 16');
  });

  test('--json prints one object', async () => {
    const run = await runCli([
      'classify',
      '--code',
      '36',
      '--profile',
      'avf-2022-12-18',
      '--json',
    ]);
    const output = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(output).toMatchObject({
      profile: 'avf-2022-12-18',
      status: 'exit 36',
      reason: 'WATCHDOG_REBOOT',
      value: 17,
      message: 'VM ended: Unrecognised(DeathReason(17))',
      source: 'exit-status',
      java: { value: 2, constant: 'STOP_REASON_UNKNOWN' },
    });
  });
});

describe('classify bad input', () => {
  test.each([
    [['--code', '300'], 'invalid exit code 300'],
    [['--code', 'abc'], 'invalid exit code "abc"'],
    [['--code', '1.5'], 'invalid exit code "1.5"'],
    [['--signal', 'SIGFOO'], 'unknown signal "SIGFOO"'],
    [['--profile', 'avf-1999', '--code', '0'], 'unknown profile "avf-1999"'],
    [
      ['--code', '0', '--signal', '9'],
      'exactly one of --code, --signal or --wait-error',
    ],
    [[], 'exactly one of --code, --signal or --wait-error'],
  ])('%j exits 2 with one line', async (args, message) => {
    const run = await runCli(['classify', ...args]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  test('unknown option exits 2 with one line', async () => {
    const run = await runCli(['classify', '--colour']);
    expect(run.status).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('help', () => {
  test('classify --help lists the options', async () => {
    const run = await runCli(['classify', '--help']);
    expect(run.status).toBe(0);
    for (const option of [
      '--code',
      '--signal',
      '--wait-error',
      '--failure-reason',
      '--profile',
      '--json',
    ]) {
      expect(run.stdout).toContain(option);
    }
  });
});

describe('classify --all-profiles', () => {
  test('prints one line per profile', async () => {
    const run = await runCli(['classify', '--code', '1', '--all-profiles']);
    const lines = run.stdout.trimEnd().split('\n');
    expect(run.status).toBe(0);
    expect(lines).toHaveLength(PROFILES.length);
    expect(lines[0]).toBe(
      'avf-2022-01-14  UNKNOWN 3  VM died for an unknown reason.',
    );
    expect(lines[1]).toBe('avf-2022-02-03  ERROR 4  Error starting VM.');
    expect(lines.at(-1)).toBe(
      'avf-2025b  START_FAILED 4  VM ended: StartFailed',
    );
  });

  test('--json prints an array', async () => {
    const run = await runCli([
      'classify',
      '--wait-error',
      'ECHILD',
      '--all-profiles',
      '--json',
    ]);
    const rows = JSON.parse(run.stdout) as { profile: string; value: number }[];
    expect(rows.map((row) => row.profile)).toEqual(PROFILES.map((p) => p.name));
    expect(rows[0]?.value).toBe(4);
    expect(rows[1]?.value).toBe(0);
  });

  test('with --profile exits 2', async () => {
    const run = await runCli([
      'classify',
      '--code',
      '0',
      '--all-profiles',
      '--profile',
      'avf-2025b',
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      '--all-profiles and --profile exclude each other',
    );
  });
});
