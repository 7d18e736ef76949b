import { describe, expect, test } from 'vitest';
import {
  buildMatrix,
  ENDS_BY_TIMEOUT_MS,
  type ScenarioFixture,
} from '../../harness/scenarios/matrix.js';

const FIXTURES: readonly ScenarioFixture[] = [
  {
    name: 'shutdown-acpi',
    kind: 'valid',
    intent: 'SHUTDOWN',
    keepsRunning: false,
  },
  {
    name: 'reboot-i8042',
    kind: 'valid',
    intent: 'REBOOT',
    keepsRunning: false,
  },
  {
    name: 'triple-fault',
    kind: 'valid',
    intent: 'CRASH',
    keepsRunning: false,
    divergence: 'a triple fault is a VM stop on crosvm: exit 0',
  },
  { name: 'hang', kind: 'valid', intent: 'KILLED', keepsRunning: true },
  { name: 'busy-loop', kind: 'valid', intent: 'KILLED', keepsRunning: true },
  { name: 'empty', kind: 'malformed', intent: 'ERROR', keepsRunning: false },
];

describe('buildMatrix', () => {
  const matrix = buildMatrix(FIXTURES, { canInject: true });
  const ids = matrix.map((scenario) => scenario.id);

  test('ids are unique and sorted', () => {
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  test('order of fixtures does not matter', () => {
    const reversed = buildMatrix([...FIXTURES].reverse(), { canInject: true });
    expect(reversed).toEqual(matrix);
  });

  test('expected scenario ids', () => {
    expect(ids).toEqual([
      'busy-loop.ext.sigkill',
      'busy-loop.ext.timeout',
      'empty.ext.none',
      'hang.ext.device-child-clean-exit',
      'hang.ext.device-child-killed',
      'hang.ext.sigkill',
      'hang.ext.sigterm',
      'hang.ext.stop',
      'hang.ext.timeout',
      'hang.ext.vhost-user-disconnect',
      'reboot-i8042.ext.none',
      'reboot-i8042.no-i8042.none',
      'reboot-i8042.plain.none',
      'shutdown-acpi.ext.none',
      'shutdown-acpi.invalid-flag.none',
      'shutdown-acpi.missing-kernel.none',
      'shutdown-acpi.plain.none',
      'triple-fault.ext.none',
      'triple-fault.plain.none',
    ]);
  });

  test('injected actions dropped for real crosvm', () => {
    const real = buildMatrix(FIXTURES, { canInject: false }).map(
      (scenario) => scenario.id,
    );
    expect(real).not.toContain('hang.ext.device-child-killed');
    expect(real).not.toContain('hang.ext.vhost-user-disconnect');
    expect(real).toContain('hang.ext.stop');
  });

  test('running-guest actions only on running fixtures', () => {
    for (const scenario of matrix) {
      if (scenario.hostAction === 'none') continue;
      expect(['hang', 'busy-loop']).toContain(scenario.fixture);
    }
  });

  test('timeout scenarios use the short timeout', () => {
    const timeout = matrix.find(
      (scenario) => scenario.id === 'hang.ext.timeout',
    );
    expect(timeout?.timeoutMs).toBe(ENDS_BY_TIMEOUT_MS);
    const kill = matrix.find((scenario) => scenario.id === 'hang.ext.sigkill');
    expect(kill?.timeoutMs).toBeGreaterThan(ENDS_BY_TIMEOUT_MS);
  });

  test('intents come from action and variant', () => {
    const intentOf = (id: string) =>
      matrix.find((scenario) => scenario.id === id)?.intent;
    expect(intentOf('hang.ext.stop')).toBe('SHUTDOWN');
    expect(intentOf('hang.ext.device-child-killed')).toBe('CRASH');
    expect(intentOf('shutdown-acpi.invalid-flag.none')).toBe('ERROR');
    expect(intentOf('reboot-i8042.plain.none')).toBe('REBOOT');
  });

  test('undetermined fixtures left out', () => {
    const fixtures: ScenarioFixture[] = [
      {
        name: 'elf32',
        kind: 'malformed',
        intent: 'ERROR',
        keepsRunning: false,
        undetermined: true,
      },
      ...FIXTURES,
    ];
    const ids = buildMatrix(fixtures, { canInject: true }).map(
      (scenario) => scenario.id,
    );
    expect(ids.some((id) => id.startsWith('elf32.'))).toBe(false);
  });

  test('divergence notes attached', () => {
    const noteOf = (id: string) =>
      matrix.find((scenario) => scenario.id === id)?.divergenceNote;
    expect(noteOf('triple-fault.ext.none')).toBe(
      'a triple fault is a VM stop on crosvm: exit 0',
    );
    expect(noteOf('reboot-i8042.plain.none')).toMatch(/--extended-status/);
    expect(noteOf('shutdown-acpi.ext.none')).toBeUndefined();
  });
});
