import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  makeTempDir,
  removeAllTempDirsSync,
  removeTempDir,
} from '../../harness/launch/temp-dirs.js';

describe('temporary folders', () => {
  test('removeTempDir removes folder and contents', async () => {
    const dir = await makeTempDir('temp-dirs-test-');
    await writeFile(join(dir, 'control.sock'), '');
    await removeTempDir(dir);
    expect(existsSync(dir)).toBe(false);
  });

  test('interrupt cleanup removes every held folder', async () => {
    const first = await makeTempDir('temp-dirs-test-');
    const second = await makeTempDir('temp-dirs-test-');
    removeAllTempDirsSync();
    expect(existsSync(first)).toBe(false);
    expect(existsSync(second)).toBe(false);
  });

  test('interrupt cleanup skips folders already removed', async () => {
    const kept = await makeTempDir('temp-dirs-test-');
    await removeTempDir(kept);
    expect(() => {
      removeAllTempDirsSync();
    }).not.toThrow();
  });
});
