import { describe, expect, test } from 'vitest';
import { buildQemuArgv } from '../../harness/qemu/argv.js';

const BASE = {
  binary: 'qemu-system-x86_64',
  image: '/images/hang.elf',
  consolePath: '/out/com1.log',
  qmpSocket: '/tmp/qmp-x/qmp.sock',
  accelerator: 'tcg',
} as const;

/** Returns the value that follows `option` in `argv`. */
function optionValue(
  argv: readonly string[],
  option: string,
): string | undefined {
  const index = argv.indexOf(option);
  return index < 0 ? undefined : argv[index + 1];
}

describe('buildQemuArgv', () => {
  test('paused q35 with pvpanic and QMP', () => {
    const argv = buildQemuArgv(BASE);
    expect(argv[0]).toBe('qemu-system-x86_64');
    expect(optionValue(argv, '-machine')).toBe('q35');
    expect(optionValue(argv, '-accel')).toBe('tcg');
    expect(argv).toContain('-nodefaults');
    expect(argv).toContain('-no-reboot');
    expect(argv).toContain('-S');
    expect(optionValue(argv, '-display')).toBe('none');
    expect(optionValue(argv, '-device')).toBe('pvpanic-pci');
    expect(optionValue(argv, '-action')).toBe('panic=none');
    expect(optionValue(argv, '-qmp')).toBe(
      'unix:/tmp/qmp-x/qmp.sock,server=on,wait=off',
    );
    expect(optionValue(argv, '-kernel')).toBe('/images/hang.elf');
    expect(argv.filter((arg) => arg === '-serial')).toHaveLength(1);
    expect(optionValue(argv, '-serial')).toBe('file:/out/com1.log');
  });

  test('kvm accelerator', () => {
    expect(
      optionValue(buildQemuArgv({ ...BASE, accelerator: 'kvm' }), '-accel'),
    ).toBe('kvm');
  });

  test('COM2 follows COM1', () => {
    const argv = buildQemuArgv({
      ...BASE,
      com2Path: '/tmp/run/failure-port.fifo',
    });
    const serials = argv.flatMap((arg, index) =>
      arg === '-serial' ? [argv[index + 1]] : [],
    );
    expect(serials).toEqual([
      'file:/out/com1.log',
      'file:/tmp/run/failure-port.fifo',
    ]);
  });

  test('rejects a long socket path', () => {
    const qmpSocket = `/tmp/${'d'.repeat(100)}/qmp.sock`;
    expect(() => buildQemuArgv({ ...BASE, qmpSocket })).toThrow(
      /longer than 107 bytes/,
    );
  });
});
