import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SetupError } from '../../harness/cli/errors.js';
import { NEWEST_ERA } from '../../harness/crosvm/eras.js';
import { DEFAULT_PROFILE_NAME } from '../../harness/model/profiles.js';
import {
  EXPECTATIONS_PATH,
  formatExpectations,
  loadExpectations,
} from '../../harness/scenarios/expectations.js';

const SIGKILL = 'signal SIGKILL (9)';
/** The harness timeout sends SIGTERM, and crosvm has no SIGTERM handler on Linux. */
const SIGTERM = 'signal SIGTERM (15)';

/**
 * The default target's outcomes, written by hand from the crosvm exit contract (newest era) and
 * AVF's mapping at d15c5630 (2022-02-03: signal KILLED, 0 SHUTDOWN, 1 ERROR, 32 REBOOT, 33 CRASH,
 * anything else UNKNOWN, and no failure string read). Never generate this table: it is what
 * keeps a regenerated expectations file from approving a wrong stub.
 */
const GOLDEN: Readonly<
  Record<string, readonly [exit: string, reason: string]>
> = {
  // Every kernel load error exits 1 before a vCPU runs.
  'bad-magic.ext.none': ['exit 1', 'ERROR'],
  'bad-phentsize.ext.none': ['exit 1', 'ERROR'],
  'big-endian.ext.none': ['exit 1', 'ERROR'],
  'elf-version-0.ext.none': ['exit 1', 'ERROR'],
  'empty.ext.none': ['exit 1', 'ERROR'],
  'entry-outside-segment.ext.none': ['exit 1', 'ERROR'],
  'load-below-2mib.ext.none': ['exit 1', 'ERROR'],
  'no-load-segment.ext.none': ['exit 1', 'ERROR'],
  'segment-beyond-memory.ext.none': ['exit 1', 'ERROR'],
  'truncated.ext.none': ['exit 1', 'ERROR'],
  // Guests that never end: only the host ends them.
  'busy-loop.ext.sigkill': [SIGKILL, 'KILLED'],
  'busy-loop.ext.timeout': [SIGTERM, 'KILLED'],
  'hang.ext.sigkill': [SIGKILL, 'KILLED'],
  'hang.ext.sigterm': [SIGTERM, 'KILLED'],
  'hang.ext.timeout': [SIGTERM, 'KILLED'],
  'hang.ext.stop': ['exit 0', 'SHUTDOWN'],
  // A killed device child gives 33 since 2022-12-15; a clean unsandboxed exit is ignored since
  // 2023-06-13, so the harness timeout ends that VM; vhost-user disconnect gives 33 since
  // 2025-08-14.
  'hang.ext.device-child-killed': ['exit 33', 'CRASH'],
  'hang.ext.device-child-clean-exit': [SIGTERM, 'KILLED'],
  'hang.ext.vhost-user-disconnect': ['exit 33', 'CRASH'],
  // ACPI S5 exits 0.
  'shutdown-acpi.ext.none': ['exit 0', 'SHUTDOWN'],
  'shutdown-acpi.plain.none': ['exit 0', 'SHUTDOWN'],
  'console-flood.ext.none': ['exit 0', 'SHUTDOWN'],
  'console-flood.plain.none': ['exit 0', 'SHUTDOWN'],
  // An unknown flag exits 35 since 2022-08-09; a missing kernel file exits 1.
  'shutdown-acpi.invalid-flag.none': ['exit 35', 'UNKNOWN'],
  'shutdown-acpi.missing-kernel.none': ['exit 1', 'ERROR'],
  // Resets exit 32 with --extended-status and 0 without it.
  'reboot-i8042.ext.none': ['exit 32', 'REBOOT'],
  'reboot-i8042.plain.none': ['exit 0', 'SHUTDOWN'],
  'reboot-cf9.ext.none': ['exit 32', 'REBOOT'],
  'reboot-cf9.plain.none': ['exit 0', 'SHUTDOWN'],
  'panic-reboot.ext.none': ['exit 32', 'REBOOT'],
  'panic-reboot.plain.none': ['exit 0', 'SHUTDOWN'],
  // Without the i8042 the 0xFE write does nothing; panic-reboot resets through the FADT register.
  'reboot-i8042.no-i8042.none': [SIGTERM, 'KILLED'],
  'panic-reboot.no-i8042.none': ['exit 32', 'REBOOT'],
  // A pvpanic write of 1 turns the next exit event into 34, which AVF has no arm for.
  'pvpanic-reboot.ext.none': ['exit 34', 'UNKNOWN'],
  'pvpanic-reboot.plain.none': ['exit 0', 'SHUTDOWN'],
  'pvpanic-shutdown.ext.none': ['exit 34', 'UNKNOWN'],
  'pvpanic-shutdown.plain.none': ['exit 0', 'SHUTDOWN'],
  // A triple fault is KVM_EXIT_SHUTDOWN, a VM stop: 0.
  'triple-fault.ext.none': ['exit 0', 'SHUTDOWN'],
  'triple-fault.plain.none': ['exit 0', 'SHUTDOWN'],
  // The 2022-02-03 mapping reads no failure string, so tokens change nothing.
  'token-shutdown.ext.none': ['exit 0', 'SHUTDOWN'],
  'token-newline.ext.none': ['exit 0', 'SHUTDOWN'],
  'token-pipe.ext.none': ['exit 0', 'SHUTDOWN'],
  'token-flood.ext.none': ['exit 0', 'SHUTDOWN'],
  'token-pvmfw-reset.ext.none': ['exit 32', 'REBOOT'],
  'token-hang.ext.sigkill': [SIGKILL, 'KILLED'],
  'token-hang.ext.timeout': [SIGTERM, 'KILLED'],
};

describe('checked-in expectations', () => {
  test('target is the default target', async () => {
    const file = await loadExpectations();
    expect(file.target.era).toBe(NEWEST_ERA.since);
    expect(file.target.profile).toBe(DEFAULT_PROFILE_NAME);
  });

  test('same scenarios as golden table', async () => {
    const file = await loadExpectations();
    expect(Object.keys(file.scenarios).sort()).toEqual(
      Object.keys(GOLDEN).sort(),
    );
  });

  test.for(Object.entries(GOLDEN))(
    '%s matches golden',
    async ([id, [exit, reason]]) => {
      const entry = (await loadExpectations()).scenarios[id];
      expect(entry?.exit).toBe(exit);
      expect(entry?.reason).toBe(reason);
    },
  );

  test('divergences explained', async () => {
    const file = await loadExpectations();
    for (const [id, entry] of Object.entries(file.scenarios)) {
      if (entry.divergence === undefined) continue;
      expect(entry.divergence, id).not.toMatch(/^TODO/);
    }
  });

  test('file is in canonical form', async () => {
    const text = await readFile(EXPECTATIONS_PATH, 'utf8');
    expect(formatExpectations(await loadExpectations())).toBe(text);
  });
});

describe('loadExpectations', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'expectations-test-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('malformed exit rejected', async () => {
    const path = join(dir, 'bad-exit.json');
    const body = {
      target: { era: '2025-08-14', profile: 'avf-2022-02-03' },
      scenarios: { 'hang.ext.stop': { exit: 'exited 0', reason: 'SHUTDOWN' } },
    };
    await writeFile(path, JSON.stringify(body));
    const attempt = loadExpectations(path);
    await expect(attempt).rejects.toThrow(SetupError);
    await expect(attempt).rejects.toThrow('/scenarios/hang.ext.stop/exit');
  });

  test('invalid JSON rejected', async () => {
    const path = join(dir, 'not-json.json');
    await writeFile(path, '{');
    await expect(loadExpectations(path)).rejects.toThrow(
      `invalid JSON in expectations file ${path}`,
    );
  });

  test('missing file rejected', async () => {
    await expect(loadExpectations(join(dir, 'absent.json'))).rejects.toThrow(
      'cannot read expectations file',
    );
  });
});
