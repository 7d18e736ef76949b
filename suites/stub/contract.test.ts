/** The pure core, called the way the fingerprint calls it: no process, no file. */
import { describe, expect, it } from 'vitest';
import { eraForDate } from '../../harness/crosvm/eras.js';
import { parseCommandLine } from '../../harness/stub/argv.js';
import { predict, type KernelSource } from '../../harness/stub/contract.js';
import { makeTestImage } from '../elf/make-image.js';

const today = '2026-12-04';
const era = (date: string) => eraForDate(date, today);

const image = makeTestImage({
  fixture: 'flood',
  steps: [
    { op: 'console', text: 'fixture flood: start\n' },
    { op: 'console-repeat', pattern: 'abc', bytes: 1_048_576 },
    { op: 'failure-port', text: 'KERNEL_PANIC\n' },
    { op: 'pvpanic', value: 1, absentText: 'no pvpanic\n' },
    { op: 'shutdown-acpi' },
  ],
});
const kernels: KernelSource = () => ({ kind: 'bytes', bytes: image });

describe('predict', () => {
  it('returns serial chunks without expanding them', () => {
    const prediction = predict(
      era('2026-08-21'),
      ['--extended-status', 'run', 'k'],
      kernels,
    );
    expect(prediction.com1).toEqual([
      { text: 'fixture flood: start\n' },
      { pattern: 'abc', bytes: 1_048_576 },
    ]);
    expect(prediction.com2).toEqual([{ text: 'KERNEL_PANIC\n' }]);
    expect(prediction.ending).toEqual({ kind: 'exit', code: 34 });
  });

  it('prints the absent-device text before pvpanic existed', () => {
    const prediction = predict(
      era('2022-01-01'),
      ['--extended-status', 'run', 'k'],
      kernels,
    );
    expect(prediction.com1.at(-1)).toEqual({ text: 'no pvpanic\n' });
    expect(prediction.ending).toEqual({ kind: 'exit', code: 0 });
  });

  it('lists host-event results for a running VM', () => {
    const hang = makeTestImage({ fixture: 'hang', steps: [{ op: 'halt' }] });
    const prediction = predict(
      era('2025-09-01'),
      ['--extended-status', 'run', 'k'],
      () => ({
        kind: 'bytes',
        bytes: hang,
      }),
    );
    expect(prediction.ending).toEqual({
      kind: 'running',
      reason: 'halt',
      stopCode: 0,
      hostEvents: {
        'device-child-killed': { kind: 'exit', code: 33 },
        'device-child-clean-exit': { kind: 'exit', code: 33 },
        'vhost-user-disconnect': { kind: 'exit', code: 33 },
      },
    });
  });

  it('reports an unreadable kernel as exit 1', () => {
    const prediction = predict(era('2026-08-21'), ['run', '/k'], (path) => ({
      kind: 'open-failed',
      path,
      error: 'No such file or directory (os error 2)',
    }));
    expect(prediction.ending).toEqual({ kind: 'exit', code: 1 });
    expect(prediction.stderr).toEqual([
      'failed to open kernel image /k: No such file or directory (os error 2)',
    ]);
  });

  it('exits 1 for an image without an intent note', () => {
    const bare = makeTestImage({ fixture: 'x', steps: [] });
    const noNote = Buffer.from(bare);
    noNote.fill(0, 0x1000 + 16);
    const prediction = predict(era('2026-08-21'), ['run', 'k'], () => ({
      kind: 'bytes',
      bytes: noNote,
    }));
    expect(prediction.ending).toEqual({ kind: 'exit', code: 1 });
    expect(prediction.stderr[0]).toContain('no intent note');
  });

  it('prints version and help on stdout', () => {
    const version = predict(era('2026-08-21'), ['version'], kernels);
    expect(version.stdout).toBe('crosvm 0.1.0\n');
    const help = predict(era('2026-08-21'), ['--help'], kernels);
    expect(help.stdout).toContain('does not execute guest code');
    expect(help.stdout).toContain('SIGUSR1');
    expect(help.ending).toEqual({ kind: 'exit', code: 0 });
  });
});

describe('parseCommandLine', () => {
  it('takes --flag=value and --flag value alike', () => {
    const spaced = parseCommandLine(era('2018-03-01'), [
      'run',
      '--mem',
      '64',
      '-c',
      '2',
      'k',
    ]);
    const joined = parseCommandLine(era('2026-08-21'), [
      'run',
      '--mem=64',
      '--cpus=2',
      'k',
    ]);
    for (const command of [spaced, joined]) {
      expect(command.kind).toBe('run');
      if (command.kind !== 'run') continue;
      expect(command.options.memMib).toBe(64);
      expect(command.options.cpus).toBe(2);
      expect(command.options.kernelPath).toBe('k');
    }
  });

  it('parses serial ports by era', () => {
    const spec = 'type=file,path=/p,hardware=serial,num=2';
    const newer = parseCommandLine(era('2026-08-21'), [
      'run',
      '--serial',
      spec,
      'k',
    ]);
    expect(newer.kind).toBe('run');
    expect(newer.kind === 'run' ? newer.options.serials : []).toEqual([
      { type: 'file', hardware: 'serial', num: 2, path: '/p', console: false },
    ]);
    const older = parseCommandLine(era('2020-01-01'), [
      'run',
      '--serial',
      spec,
      'k',
    ]);
    expect(older).toEqual({
      kind: 'invalid',
      message: `invalid value for --serial: "hardware=serial" in "${spec}"`,
    });
    const none = parseCommandLine(era('2019-01-01'), [
      'run',
      '--serial',
      spec,
      'k',
    ]);
    expect(none).toEqual({
      kind: 'invalid',
      message: 'unknown argument: --serial',
    });
  });

  it('rejects a file serial without a path', () => {
    const command = parseCommandLine(era('2026-08-21'), [
      'run',
      '--serial=type=file,num=2',
      'k',
    ]);
    expect(command.kind).toBe('invalid');
  });

  it('follows the fixed top-level order of 2022-05-24', () => {
    const ordered = [
      '--extended-status',
      '--log-level',
      'debug',
      '--no-syslog',
      'run',
      'k',
    ];
    const command = parseCommandLine(era('2022-05-24'), ordered);
    expect(command.kind).toBe('run');
    expect(command.kind === 'run' ? command.extendedStatus : false).toBe(true);
    const swapped = ['--no-syslog', '--extended-status', 'run', 'k'];
    expect(parseCommandLine(era('2022-05-24'), swapped)).toEqual({
      kind: 'invalid',
      message: 'invalid subcommand: "--extended-status"',
    });
    expect(parseCommandLine(era('2022-06-02'), swapped).kind).toBe('run');
  });

  it('rejects version before 2020-01-13', () => {
    expect(parseCommandLine(era('2020-01-12'), ['version']).kind).toBe(
      'invalid',
    );
    expect(parseCommandLine(era('2020-01-13'), ['version']).kind).toBe(
      'version',
    );
  });

  it('shows usage for no subcommand before argh', () => {
    expect(parseCommandLine(era('2022-01-01'), [])).toEqual({ kind: 'usage' });
    expect(parseCommandLine(era('2022-06-02'), []).kind).toBe('invalid');
  });
});
