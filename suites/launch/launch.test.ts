import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch, SpawnError } from '../../harness/launch/launch.js';
import { trackedGroups } from '../../harness/launch/process-groups.js';
import { survivingProcesses } from '../../harness/launch/process-state.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'launch-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs a Node script as the child, so the tests need nothing but Node. */
function node(script: string): string[] {
  return [process.execPath, '-e', script];
}

describe('launch', () => {
  test('exit code and output captured', async () => {
    const result = await launch({
      argv: node(
        'process.stdout.write("hello console"); console.error("oops"); process.exit(33)',
      ),
      outputDir: dir,
      timeoutMs: 30_000,
    });
    expect(result.status).toEqual({ kind: 'exited', code: 33 });
    expect(result.timedOut).toBe(false);
    expect(await readFile(result.console.path, 'utf8')).toBe('hello console');
    expect(result.stderr.tail).toBe('oops\n');
    expect(result.console.truncated).toBe(false);
    expect(result.console.bytes).toBe(13);
  });

  test('environment passed through', async () => {
    const result = await launch({
      argv: node(
        'process.stdout.write(process.env.LAUNCH_TEST_VALUE ?? "unset")',
      ),
      outputDir: dir,
      timeoutMs: 30_000,
      env: { LAUNCH_TEST_VALUE: 'set' },
    });
    expect(result.console.tail).toBe('set');
  });

  test('signal sent once console text appears', async () => {
    let found: boolean | undefined;
    const result = await launch({
      argv: node('console.log("booted"); setInterval(() => {}, 1000)'),
      outputDir: dir,
      timeoutMs: 30_000,
      during: async (running) => {
        found = await running.waitForConsole('booted', 30_000);
        running.signalGroup('SIGKILL');
      },
    });
    expect(found).toBe(true);
    expect(result.status).toEqual({
      kind: 'signaled',
      signal: 'SIGKILL',
      number: 9,
    });
    expect(result.timedOut).toBe(false);
  });

  test('console wait fails when process ends', async () => {
    let found: boolean | undefined;
    await launch({
      argv: node('console.log("other")'),
      outputDir: dir,
      timeoutMs: 30_000,
      during: async (running) => {
        found = await running.waitForConsole('never printed', 30_000);
      },
    });
    expect(found).toBe(false);
  });

  test('timeout sends SIGTERM to group', async () => {
    const result = await launch({
      argv: node('setInterval(() => {}, 1000)'),
      outputDir: dir,
      timeoutMs: 100,
    });
    expect(result.timedOut).toBe(true);
    expect(result.status).toEqual({
      kind: 'signaled',
      signal: 'SIGTERM',
      number: 15,
    });
  });

  test('timeout escalates to SIGKILL', async () => {
    const result = await launch({
      argv: node(
        'process.on("SIGTERM", () => {}); console.log("ready"); setInterval(() => {}, 1000)',
      ),
      outputDir: dir,
      timeoutMs: 500,
      killGraceMs: 100,
    });
    expect(result.timedOut).toBe(true);
    expect(result.status).toEqual({
      kind: 'signaled',
      signal: 'SIGKILL',
      number: 9,
    });
  });

  test('children killed when leader exits', async () => {
    const result = await launch({
      argv: ['sh', '-c', 'sleep 300 & echo $!; exit 0'],
      outputDir: dir,
      timeoutMs: 30_000,
    });
    expect(result.status).toEqual({ kind: 'exited', code: 0 });
    const child = Number(result.console.tail.trim());
    expect(child).toBeGreaterThan(0);
    expect(await survivingProcesses([child], 5_000)).toEqual([]);
    expect(trackedGroups()).toEqual([]);
  });

  test('capture cap keeps head and tail', async () => {
    const result = await launch({
      argv: node('process.stdout.write("HEAD" + "x".repeat(10000) + "TAIL")'),
      outputDir: dir,
      timeoutMs: 30_000,
      captureCapBytes: 100,
    });
    const text = await readFile(result.console.path, 'utf8');
    expect(result.console.bytes).toBe(10008);
    expect(result.console.truncated).toBe(true);
    expect(text.startsWith('HEAD')).toBe(true);
    expect(text.endsWith('TAIL')).toBe(true);
    expect(text).toContain('[capture cap: 9908 bytes dropped]');
  });

  test('stuck host action reported', async () => {
    const attempt = launch({
      argv: node('process.exit(0)'),
      outputDir: dir,
      timeoutMs: 30_000,
      during: () => new Promise<void>(() => undefined),
      duringSettleMs: 100,
    });
    await expect(attempt).rejects.toThrow(
      'still running 100 ms after the process ended',
    );
    expect(trackedGroups()).toEqual([]);
  });

  test('failing host action rethrown', async () => {
    const attempt = launch({
      argv: node('setInterval(() => {}, 1000)'),
      outputDir: dir,
      timeoutMs: 30_000,
      during: () => Promise.reject(new Error('injection failed')),
    });
    await expect(attempt).rejects.toThrow('injection failed');
    expect(trackedGroups()).toEqual([]);
  });

  test('missing executable is SpawnError', async () => {
    const attempt = launch({
      argv: ['/nonexistent/crosvm'],
      outputDir: dir,
      timeoutMs: 1000,
    });
    await expect(attempt).rejects.toThrow(SpawnError);
    await expect(attempt).rejects.toThrow('/nonexistent/crosvm: ENOENT');
  });

  test('non-executable file is SpawnError', async () => {
    const path = join(dir, 'not-executable');
    await writeFile(path, 'data', { mode: 0o644 });
    const attempt = launch({ argv: [path], outputDir: dir, timeoutMs: 1000 });
    await expect(attempt).rejects.toThrow(`cannot start ${path}: EACCES`);
  });
});
