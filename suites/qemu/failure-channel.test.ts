import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  HELD_BYTES,
  openFailureChannel,
  type FailureCapture,
} from '../../harness/avf-launch/failure-channel.js';
import { buildArgv } from '../../harness/crosvm/argv.js';
import { stubTarget } from '../../harness/crosvm/discover.js';
import { NEWEST_ERA } from '../../harness/crosvm/eras.js';
import {
  runnableFixtures,
  type TokenFixture,
} from '../../harness/fixtures/catalog.js';
import { launch } from '../../harness/launch/launch.js';
import { runOnQemu } from '../../harness/qemu/backend.js';
import { waitForFileText } from '../../harness/qemu/console-file.js';
import { findQemu, QEMU_MISSING_REASON } from '../../harness/qemu/discover.js';
import { expectedSerialOutput } from '../../harness/qemu/expected-output.js';
import { ENDING_GUEST_TIMEOUT_MS } from '../../harness/qemu/run-fixtures.js';
import { fixtureImagePath } from '../../harness/run/paths.js';

/** Milliseconds the stub may run; it ends at once, or once killed after its last line. */
const STUB_TIMEOUT_MS = 30_000;

const qemu = findQemu();
if (qemu === undefined)
  console.log(`skipping COM2 on QEMU: ${QEMU_MISSING_REASON}`);

const tokenFixtures = runnableFixtures().filter(
  (fixture): fixture is TokenFixture => fixture.kind === 'token',
);

/**
 * Returns the last COM1 line of a fixture that keeps running: it halts right after printing it,
 * so the harness kills it there. Undefined for a fixture that ends by itself.
 */
function haltLine(fixture: TokenFixture): string | undefined {
  if (!fixture.keepsRunning) return undefined;
  const lines = expectedSerialOutput(fixture.steps)
    .console.toString('utf8')
    .split('\n');
  return `${lines.at(-2) ?? ''}\n`;
}

/** Boots a fixture on QEMU with COM2 on a FIFO and returns what the guest wrote there. */
async function throughQemu(
  fixture: TokenFixture,
  dir: string,
): Promise<FailureCapture> {
  const channel = await openFailureChannel(dir);
  const killOnConsole = haltLine(fixture);
  const run = await runOnQemu({
    image: fixtureImagePath(fixture.name),
    outputDir: dir,
    guestTimeoutMs: ENDING_GUEST_TIMEOUT_MS,
    com2Path: channel.path,
    ...(killOnConsole === undefined ? {} : { killOnConsole }),
  });
  expect(run.session.kind, `${fixture.name}: ${run.stderr.tail}`).toBe(
    'completed',
  );
  return channel.finish();
}

/** Boots a fixture on the stub and returns what it wrote to COM2. */
async function throughStub(
  fixture: TokenFixture,
  dir: string,
): Promise<FailureCapture> {
  const target = stubTarget(undefined, 'failure-channel test');
  const argvFor = (failurePortPath: string): string[] =>
    buildArgv({
      executable: target.executable,
      variant: 'ext',
      era: NEWEST_ERA,
      kernelPath: fixtureImagePath(fixture.name),
      missingKernelPath: join(dir, 'missing.elf'),
      failurePortPath,
    });
  if (!fixture.keepsRunning) {
    const channel = await openFailureChannel(dir);
    await launch({
      argv: argvFor(channel.path),
      outputDir: dir,
      timeoutMs: STUB_TIMEOUT_MS,
      env: target.env,
    });
    return channel.finish();
  }
  // NOTE: the stub writes COM2 independently of COM1, so its COM2 bytes can arrive after a COM1
  // line the guest prints later. A fixture that keeps running is therefore killed only once its
  // COM2 text is in a regular file, not at its last console line as on QEMU.
  const com2Path = join(dir, 'com2.log');
  await launch({
    argv: argvFor(com2Path),
    outputDir: dir,
    timeoutMs: STUB_TIMEOUT_MS,
    env: target.env,
    during: async (running) => {
      await waitForFileText(com2Path, fixture.failurePort.text, running.ended);
      running.signalGroup('SIGKILL');
    },
  });
  const written = await readFile(com2Path);
  return { held: written.subarray(0, HELD_BYTES), totalBytes: written.length };
}

describe.skipIf(qemu === undefined)('COM2 through a FIFO', () => {
  let dir: string;
  const captures = new Map<
    string,
    { qemu: FailureCapture; stub: FailureCapture }
  >();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'qemu-com2-'));
    await Promise.all(
      tokenFixtures.map(async (fixture) => {
        const [fromQemu, fromStub] = await Promise.all([
          throughQemu(
            fixture,
            await mkdtemp(join(dir, `${fixture.name}-qemu-`)),
          ),
          throughStub(
            fixture,
            await mkdtemp(join(dir, `${fixture.name}-stub-`)),
          ),
        ]);
        captures.set(fixture.name, { qemu: fromQemu, stub: fromStub });
      }),
    );
  }, 300_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('covers the token fixtures', () => {
    expect([...captures.keys()].sort()).toEqual(
      tokenFixtures.map((f) => f.name).sort(),
    );
  });

  test.for(tokenFixtures)(
    '$name: QEMU delivers the catalogued string',
    (fixture) => {
      const capture = captures.get(fixture.name);
      const text = Buffer.from(fixture.failurePort.text, 'utf8');
      expect(capture?.qemu.totalBytes).toBe(text.length);
      expect(capture?.qemu.held).toEqual(text.subarray(0, HELD_BYTES));
    },
  );

  test.for(tokenFixtures)('$name: stub and QEMU agree', (fixture) => {
    const capture = captures.get(fixture.name);
    expect(capture?.stub.totalBytes).toBe(capture?.qemu.totalBytes);
    expect(capture?.stub.held).toEqual(capture?.qemu.held);
  });
});
