import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildArgv } from '../../harness/crosvm/argv.js';
import { stubTarget } from '../../harness/crosvm/discover.js';
import { NEWEST_ERA } from '../../harness/crosvm/eras.js';
import {
  binutilsAvailable,
  buildFixtureImage,
  I8042_RESET_COMMAND_SYMBOL,
} from '../../harness/fixtures/build.js';
import {
  expectedCrosvmExit,
  findFixture,
} from '../../harness/fixtures/catalog.js';
import { launch } from '../../harness/launch/launch.js';
import { findQemu, QEMU_MISSING_REASON } from '../../harness/qemu/discover.js';
import { runAndCheckFixture } from '../../harness/qemu/run-fixtures.js';

/**
 * A reboot-i8042 image whose machine code writes 0xFD to port 0x64 in place of 0xFE, while its
 * intent note still declares an i8042 reset. In the 8042 command set, 0xFD pulses output-port
 * bit 1 but not bit 0 (the reset line), so QEMU 7.2 does not reset and the guest prints its
 * "still running" line and halts. The stub reads only the note, so it cannot tell the images apart.
 */
const MUTATED_COMMAND = 0xfd;

/** The line reboot-i8042 prints when its reset request had no effect, right before it halts. */
const STILL_RUNNING_LINE =
  'fixture reboot-i8042: still running after the request; halting\n';

/** Milliseconds the stub may take; it ends at once after playing the note back. */
const STUB_TIMEOUT_MS = 30_000;

/** Milliseconds the mutated guest may run if it never prints its "still running" line. */
const MUTATED_GUEST_TIMEOUT_MS = 60_000;

const qemu = findQemu();
const binutils = await binutilsAvailable();
const skipReason =
  qemu === undefined
    ? QEMU_MISSING_REASON
    : binutils
      ? undefined
      : 'GNU as and ld not found';
if (skipReason !== undefined)
  console.log(`skipping mutated reboot-i8042 test: ${skipReason}`);

describe.skipIf(skipReason !== undefined)('mutated reboot-i8042', () => {
  const fixture = findFixture('reboot-i8042');
  let dir: string;
  let faithfulImage: string;
  let mutatedImage: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'qemu-mutated-'));
    faithfulImage = join(dir, 'faithful.elf');
    mutatedImage = join(dir, 'mutated.elf');
    await buildFixtureImage(fixture.name, faithfulImage);
    await buildFixtureImage(fixture.name, mutatedImage, {
      defsym: { [I8042_RESET_COMMAND_SYMBOL]: MUTATED_COMMAND },
    });
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('QEMU fails it, the stub passes it', async () => {
    if (fixture.kind === 'malformed')
      throw new Error('reboot-i8042 must be a runnable fixture');

    // The faithful build from the same sources passes on QEMU, so the symbol alone makes the
    // difference below.
    const faithful = await runAndCheckFixture(fixture, {
      outputDir: join(dir, 'faithful'),
      imagePath: () => faithfulImage,
    });
    expect(faithful.check).toEqual({ kind: 'pass' });

    const mutated = await runAndCheckFixture(fixture, {
      outputDir: join(dir, 'mutated'),
      imagePath: () => mutatedImage,
      guestTimeoutMs: MUTATED_GUEST_TIMEOUT_MS,
      killOnConsole: STILL_RUNNING_LINE,
    });
    expect(mutated.check.kind).toBe('fail');
    const problems =
      mutated.check.kind === 'fail' ? mutated.check.problems : [];
    expect(problems).toContain(
      'expected QMP events SHUTDOWN(guest-reset), observed none',
    );
    expect(problems).toContain(
      'expected QEMU to end by itself, but the harness had to kill the running guest',
    );
    expect(mutated.run.console.tail).toContain(STILL_RUNNING_LINE);

    // The stub plays the unchanged intent note back and gives the catalogued crosvm exit.
    const expectedExit = expectedCrosvmExit(fixture, NEWEST_ERA.since, true);
    expect(expectedExit.kind).toBe('exit');
    const target = stubTarget(undefined, 'mutated-image test');
    const stubRun = await launch({
      argv: buildArgv({
        executable: target.executable,
        variant: 'ext',
        era: NEWEST_ERA,
        kernelPath: mutatedImage,
        missingKernelPath: join(dir, 'missing.elf'),
        failurePortPath: join(dir, 'stub-failure-port.log'),
      }),
      outputDir: dir,
      timeoutMs: STUB_TIMEOUT_MS,
      env: target.env,
    });
    expect(stubRun.status).toEqual({
      kind: 'exited',
      code: expectedExit.kind === 'exit' ? expectedExit.code : -1,
    });
  });
});
