import { describe, expect, test } from 'vitest';
import {
  ArgvError,
  buildArgv,
  INVALID_FLAG,
  type ArgvRequest,
} from '../../harness/crosvm/argv.js';
import { eraForDate, NEWEST_ERA } from '../../harness/crosvm/eras.js';

const BASE: ArgvRequest = {
  executable: '/usr/bin/crosvm',
  variant: 'ext',
  era: NEWEST_ERA,
  kernelPath: '/images/hang.elf',
  missingKernelPath: '/tmp/missing.elf',
  failurePortPath: '/tmp/out/failure-port.log',
};

const COM2 = 'type=file,path=/tmp/out/failure-port.log,hardware=serial,num=2';

describe('buildArgv', () => {
  test('AVF command line', () => {
    expect(buildArgv(BASE)).toEqual([
      '/usr/bin/crosvm',
      '--extended-status',
      'run',
      '--disable-sandbox',
      '--mem',
      '64',
      '--serial',
      COM2,
      '/images/hang.elf',
    ]);
  });

  test('plain drops extended status', () => {
    const argv = buildArgv({ ...BASE, variant: 'plain' });
    expect(argv).not.toContain('--extended-status');
    expect(argv[1]).toBe('run');
  });

  test('socket before kernel', () => {
    const argv = buildArgv({ ...BASE, socketPath: '/tmp/s/control.sock' });
    expect(argv.slice(-3)).toEqual([
      '--socket',
      '/tmp/s/control.sock',
      '/images/hang.elf',
    ]);
  });

  test('no-i8042 spelling by era', () => {
    expect(buildArgv({ ...BASE, variant: 'no-i8042' })).toContain('--no-i8042');
    const before = buildArgv({
      ...BASE,
      variant: 'no-i8042',
      era: eraForDate('2022-01-01'),
    });
    expect(before).toContain('--no-legacy');
    expect(before).not.toContain('--no-i8042');
  });

  test('invalid flag and missing kernel', () => {
    expect(buildArgv({ ...BASE, variant: 'invalid-flag' })).toContain(
      INVALID_FLAG,
    );
    const missing = buildArgv({ ...BASE, variant: 'missing-kernel' });
    expect(missing.at(-1)).toBe('/tmp/missing.elf');
  });

  test('COM2 spelling by era', () => {
    const older = buildArgv({
      ...BASE,
      variant: 'plain',
      era: eraForDate('2019-06-01'),
    });
    expect(older).toContain('type=file,path=/tmp/out/failure-port.log,num=2');
    const oldest = buildArgv({
      ...BASE,
      variant: 'plain',
      era: eraForDate('2018-06-01'),
    });
    expect(oldest).not.toContain('--serial');
  });

  test('era without extended status rejected', () => {
    expect(() => buildArgv({ ...BASE, era: eraForDate('2021-11-01') })).toThrow(
      ArgvError,
    );
    expect(() => buildArgv({ ...BASE, era: eraForDate('2021-11-01') })).toThrow(
      'needs --extended-status',
    );
    expect(
      buildArgv({
        ...BASE,
        variant: 'plain',
        era: eraForDate('2021-11-01'),
      })[1],
    ).toBe('run');
  });
});
