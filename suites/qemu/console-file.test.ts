import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  captureConsoleFile,
  waitForFileText,
} from '../../harness/qemu/console-file.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'console-file-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('waitForFileText', () => {
  test('finds text written later', async () => {
    const path = join(dir, 'com1.log');
    const waiting = waitForFileText(
      path,
      'halting\n',
      new Promise(() => undefined),
    );
    await writeFile(path, 'fixture x: start\nfixture x: hal');
    await appendFile(path, 'ting\n');
    await expect(waiting).resolves.toBe(true);
  });

  test('finds text across a 64 KiB read', async () => {
    const path = join(dir, 'com1.log');
    await writeFile(path, `${'a'.repeat(64 * 1024 - 3)}needle`);
    await expect(
      waitForFileText(path, 'needle', new Promise(() => undefined)),
    ).resolves.toBe(true);
  });

  test('returns false once stopped', async () => {
    const path = join(dir, 'missing.log');
    await expect(
      waitForFileText(path, 'never', Promise.resolve()),
    ).resolves.toBe(false);
  });
});

describe('captureConsoleFile', () => {
  test('copies the file whole under the cap', async () => {
    const path = join(dir, 'com1.log');
    await writeFile(path, 'fixture x: start\n');
    const captured = await captureConsoleFile(
      path,
      1024,
      join(dir, 'console.log'),
    );
    expect(captured.bytes).toBe(17);
    expect(captured.truncated).toBe(false);
    expect(await readFile(join(dir, 'console.log'), 'utf8')).toBe(
      'fixture x: start\n',
    );
  });

  test('keeps head and tail past the cap', async () => {
    const path = join(dir, 'com1.log');
    await writeFile(path, `HEAD${'-'.repeat(1000)}TAIL`);
    const captured = await captureConsoleFile(
      path,
      100,
      join(dir, 'console.log'),
    );
    expect(captured.bytes).toBe(1008);
    expect(captured.truncated).toBe(true);
    expect(captured.tail.endsWith('TAIL')).toBe(true);
  });

  test('treats a missing file as empty', async () => {
    const captured = await captureConsoleFile(
      join(dir, 'none.log'),
      100,
      join(dir, 'console.log'),
    );
    expect(captured.bytes).toBe(0);
  });
});
