import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runOnQemu } from '../../harness/qemu/backend.js';
import { findQemu, QEMU_MISSING_REASON } from '../../harness/qemu/discover.js';
import { fixtureImagePath } from '../../harness/run/paths.js';

const qemu = findQemu();
if (qemu === undefined)
  console.log(`skipping QEMU backend tests: ${QEMU_MISSING_REASON}`);

describe('findQemu', () => {
  test('finds an executable on PATH', () => {
    expect(findQemu('sh', '/nonexistent:/bin')).toBe('/bin/sh');
  });

  test('returns undefined when absent', () => {
    expect(findQemu('no-such-qemu', '/bin')).toBeUndefined();
    expect(findQemu('/nonexistent/qemu')).toBeUndefined();
  });
});

describe.skipIf(qemu === undefined)('runOnQemu', () => {
  let outputDir: string;

  beforeEach(async () => {
    outputDir = await mkdtemp(join(tmpdir(), 'qemu-backend-'));
  });

  afterEach(async () => {
    await rm(outputDir, { recursive: true, force: true });
  });

  test('hang is killed and leaves nothing', async () => {
    const result = await runOnQemu({
      image: fixtureImagePath('hang'),
      outputDir,
      guestTimeoutMs: 500,
    });
    expect(
      result.session.kind,
      `${JSON.stringify(result.session)} ${result.stderr.tail}`,
    ).toBe('completed');
    expect(result.killedByHarness).toBe(true);
    expect(result.status).toEqual({
      kind: 'signaled',
      signal: 'SIGKILL',
      number: 9,
    });
    expect(result.pid).toBeGreaterThan(0);
    // Signal 0 only checks for existence: the whole process group must be gone.
    expect(() => process.kill(-(result.pid ?? 0), 0)).toThrow(/ESRCH/);
  });

  test('missing image ends the session', async () => {
    const result = await runOnQemu({
      image: join(outputDir, 'missing.elf'),
      outputDir,
      guestTimeoutMs: 5000,
    });
    expect(result.status).toEqual({ kind: 'exited', code: 1 });
    expect(result.session.kind).toBe('failed');
    expect(result.killedByHarness).toBe(false);
    expect(result.events).toEqual([]);
    expect(result.stderr.tail).toContain('could not open kernel file');
  });
});
