import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { SetupError, UsageError } from '../../harness/cli/errors.js';
import { main } from '../../harness/cli/program.js';
import { runQemuCommand } from '../../harness/qemu/cli-run.js';
import { findQemu, QEMU_MISSING_REASON } from '../../harness/qemu/discover.js';

const qemu = findQemu();
if (qemu === undefined)
  console.log(`skipping run --vmm qemu on QEMU: ${QEMU_MISSING_REASON}`);

let reports: string;
let output: string[];

beforeEach(async () => {
  reports = await mkdtemp(join(tmpdir(), 'qemu-cli-'));
  output = [];
  vi.spyOn(process.stdout, 'write').mockImplementation(
    (chunk: string | Uint8Array) => {
      output.push(String(chunk));
      return true;
    },
  );
});

afterEach(async () => {
  vi.restoreAllMocks();
  await rm(reports, { recursive: true, force: true });
});

describe('run --vmm', () => {
  test('qemu selects the QEMU scenarios', async () => {
    await expect(main(['run', '--vmm', 'qemu', '--list'])).resolves.toBe(0);
    expect(output.join('')).toContain('reboot-i8042.qemu.none\n');
  });

  test('rejects QEMU flags for crosvm', async () => {
    const errors: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation(
      (chunk: string | Uint8Array) => {
        errors.push(String(chunk));
        return true;
      },
    );
    await expect(main(['run', '--accel', 'kvm', '--list'])).resolves.toBe(2);
    expect(errors.join('')).toContain('--accel applies only with --vmm qemu');
  });
});

describe('runQemuCommand flags', () => {
  test('lists QEMU scenario ids', async () => {
    await expect(runQemuCommand({ reports, list: true })).resolves.toBe(0);
    const ids = output.join('').trim().split('\n');
    expect(ids).toContain('reboot-i8042.qemu.none');
    expect(ids).toContain('hang.qemu.timeout');
    expect(ids).toContain('token-shutdown.qemu.none');
    expect(ids.some((id) => id.startsWith('bad-magic'))).toBe(false);
  });

  test('rejects crosvm-only flags', async () => {
    await expect(
      runQemuCommand({ reports, crosvm: 'stub:2024-01-01' }),
    ).rejects.toThrow(UsageError);
    await expect(
      runQemuCommand({ reports, profile: ['avf-2022-02-03'] }),
    ).rejects.toThrow(/--profile does not apply with --vmm qemu/);
    await expect(runQemuCommand({ reports, allEras: true })).rejects.toThrow(
      /--all-eras does not apply with --vmm qemu/,
    );
  });

  test('rejects an unknown accelerator', async () => {
    await expect(runQemuCommand({ reports, accel: 'hvf' })).rejects.toThrow(
      'invalid --accel "hvf": use tcg or kvm',
    );
  });

  test('rejects a filter matching nothing', async () => {
    await expect(
      runQemuCommand({ reports, scenario: ['no-such'] }),
    ).rejects.toThrow(/no QEMU scenario id contains "no-such"/);
  });

  test('rejects a missing QEMU path', async () => {
    const attempt = runQemuCommand({
      reports,
      qemu: join(reports, 'qemu-system-x86_64'),
    });
    await expect(attempt).rejects.toThrow(SetupError);
    await expect(attempt).rejects.toThrow(/QEMU not found at/);
  });
});

describe.skipIf(qemu === undefined)('runQemuCommand on QEMU', () => {
  test('reports name QEMU as the VMM', async () => {
    const status = await runQemuCommand({
      reports,
      jobs: 2,
      scenario: ['reboot-i8042', 'pvpanic-shutdown'],
    });
    expect(status, output.join('')).toBe(0);
    expect(output[0]).toMatch(
      /^qemu: .*qemu-system-x86_64 \(found by PATH\), accelerator tcg; 2 scenarios/,
    );
    const ctrf = JSON.parse(
      await readFile(join(reports, 'conformance.json'), 'utf8'),
    ) as {
      results: { summary: { tests: number; passed: number } };
    };
    expect(ctrf.results.summary.tests).toBe(2);
    expect(ctrf.results.summary.passed).toBe(2);
    expect(await readFile(join(reports, 'junit.xml'), 'utf8')).toContain(
      'qemu',
    );
  });
});
