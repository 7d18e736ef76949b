import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SetupError, UsageError } from '../../harness/cli/errors.js';
import { NEWEST_ERA } from '../../harness/crosvm/eras.js';
import {
  BUNDLED_STUB_PATH,
  describeTarget,
  discoverCrosvm,
  resolveCrosvm,
} from '../../harness/crosvm/discover.js';

let dir: string;
let binDir: string;
let fake: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'discover-test-'));
  binDir = join(dir, 'bin');
  await mkdir(binDir);
  fake = join(binDir, 'crosvm');
  await writeFile(fake, '#!/bin/sh\nexit 0\n');
  await chmod(fake, 0o755);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('discoverCrosvm', () => {
  test('flag wins over everything', async () => {
    const target = await discoverCrosvm({
      flag: fake,
      env: { CROSVM: '/nope', PATH: binDir },
    });
    expect(target.identity).toEqual({ path: fake, foundBy: '--crosvm' });
    expect(target.executable).toBe(fake);
  });

  test('$CROSVM before PATH', async () => {
    const target = await discoverCrosvm({
      env: { CROSVM: 'stub:2022-06-13', PATH: binDir },
    });
    expect(target.identity.foundBy).toBe('$CROSVM');
    expect(target.identity.stubEra).toBe('2022-06-13');
  });

  test('PATH before the stub', async () => {
    const target = await discoverCrosvm({
      env: { PATH: `/nonexistent:${binDir}` },
    });
    expect(target.identity).toEqual({ path: fake, foundBy: 'PATH' });
  });

  test('bundled stub last, newest era', async () => {
    const target = await discoverCrosvm({ env: { PATH: '/nonexistent' } });
    expect(target.identity.foundBy).toBe('bundled stub');
    expect(target.identity.stubEra).toBe(NEWEST_ERA.since);
    expect(target.executable).toBe(BUNDLED_STUB_PATH);
    expect(target.env).toEqual({ CROSVM_STUB_ERA: NEWEST_ERA.since });
  });

  test('bundled stub honours CROSVM_STUB_ERA', async () => {
    const target = await discoverCrosvm({
      env: { PATH: '/nonexistent', CROSVM_STUB_ERA: '2022-06-13' },
    });
    expect(target.identity.stubEra).toBe('2022-06-13');
    expect(target.env).toEqual({ CROSVM_STUB_ERA: '2022-06-13' });
  });

  test('first line names binary and era', async () => {
    const target = await resolveCrosvm('stub:2022-06-13', '--crosvm');
    expect(describeTarget(target)).toBe(
      `crosvm: bundled stub ${BUNDLED_STUB_PATH} (found by --crosvm), era 2022-06-13`,
    );
  });
});

describe('resolveCrosvm errors', () => {
  test('malformed stub date', async () => {
    await expect(resolveCrosvm('stub:2022-13-01', '--crosvm')).rejects.toThrow(
      UsageError,
    );
  });

  test('stub date before first era', async () => {
    await expect(resolveCrosvm('stub:2010-01-01', '--crosvm')).rejects.toThrow(
      'invalid stub era from --crosvm',
    );
  });

  test('missing binary names path', async () => {
    const attempt = resolveCrosvm(join(dir, 'absent'), '$CROSVM');
    await expect(attempt).rejects.toThrow(SetupError);
    await expect(attempt).rejects.toThrow(
      `crosvm not found at ${join(dir, 'absent')}`,
    );
  });

  test('non-executable binary', async () => {
    const path = join(dir, 'plain-file');
    await writeFile(path, 'x', { mode: 0o644 });
    await expect(resolveCrosvm(path, '--crosvm')).rejects.toThrow(
      'is not executable',
    );
  });

  test('directory rejected', async () => {
    await expect(resolveCrosvm(binDir, '--crosvm')).rejects.toThrow(
      'is not a file',
    );
  });
});
