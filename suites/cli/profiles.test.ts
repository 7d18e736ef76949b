import { describe, expect, test } from 'vitest';
import { PROFILES } from '../../harness/model/profiles.js';
import { runCli } from './capture.js';

describe('profiles', () => {
  test('lists every profile with its date', async () => {
    const run = await runCli(['profiles']);
    expect(run.status).toBe(0);
    for (const profile of PROFILES) {
      expect(run.stdout).toContain(profile.name);
    }
    expect(run.stdout).toContain(
      'avf-2022-02-03 (default)  2022-02-03  d15c5630',
    );
    expect(run.stdout).toContain('avf-2025b  undated  no commit');
  });

  test('--json lists names and changes', async () => {
    const run = await runCli(['profiles', '--json']);
    const rows = JSON.parse(run.stdout) as {
      name: string;
      changes: string[];
    }[];
    expect(rows.map((row) => row.name)).toEqual(PROFILES.map((p) => p.name));
    expect(rows.every((row) => row.changes.length > 0)).toBe(true);
  });

  test('--compare reports the renumbering as breaking and exits 1', async () => {
    const run = await runCli([
      'profiles',
      '--compare',
      'avf-2022-01-14',
      'avf-2022-02-03',
    ]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('breaking: aidl SHUTDOWN renumbered 0 -> 3');
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(
      'avf-2022-01-14 -> avf-2022-02-03: breaking',
    );
  });

  test('--compare of a rename is compatible and exits 0', async () => {
    const run = await runCli([
      'profiles',
      '--compare',
      'avf-2022-11-23',
      'avf-2022-12-06',
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      'compatible: aidl value 4 renamed ERROR -> START_FAILED',
    );
  });

  test('main leaves process.exitCode unchanged', async () => {
    const before = process.exitCode;
    await runCli(['profiles', '--compare', 'avf-2022-01-14', 'avf-2022-02-03']);
    expect(process.exitCode).toBe(before);
  });

  test('--compare with one name exits 2', async () => {
    const run = await runCli(['profiles', '--compare', 'avf-2022-01-14']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--compare needs two profile names, got 1');
  });

  test('--compare with an unknown name exits 2', async () => {
    const run = await runCli([
      'profiles',
      '--compare',
      'avf-2022-01-14',
      'avf-x',
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('unknown profile "avf-x"');
  });
});
