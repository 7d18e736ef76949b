import { execFileSync } from 'node:child_process';
import { createReadStream, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkBlocks } from '../../harness/stub/serial.js';
import {
  buildStubBin,
  makeWorkDir,
  removeStubBin,
  runStub,
  writeImage,
} from './run-stub.js';

const work = makeWorkDir();
beforeAll(buildStubBin);
afterAll(() => {
  work.dispose();
  removeStubBin();
});

/** 1 MiB, the size of the console-flood fixture's output. */
const FLOOD_BYTES = 1_048_576;
const PATTERN = 'flood line 0123456789\n';

function expectedFlood(bytes: number): string {
  return PATTERN.repeat(Math.ceil(bytes / PATTERN.length)).slice(0, bytes);
}

const flood = (op: 'console-repeat' | 'failure-port-repeat') => ({
  fixture: 'console-flood',
  steps: [
    { op, pattern: PATTERN, bytes: FLOOD_BYTES },
    { op: 'shutdown-acpi' as const },
  ],
});

describe('chunkBlocks', () => {
  it('yields exactly the requested bytes', () => {
    const blocks = [...chunkBlocks({ pattern: PATTERN, bytes: 200_001 })];
    const text = Buffer.concat(blocks).toString('utf8');
    expect(text.length).toBe(200_001);
    expect(text).toBe(expectedFlood(200_001));
    expect(blocks.every((block) => block.length <= 64 * 1024)).toBe(true);
  });

  it('yields nothing for an empty pattern', () => {
    expect([...chunkBlocks({ pattern: '', bytes: 10 })]).toEqual([]);
  });
});

describe('stub serial output', () => {
  it('writes a 1 MiB flood to stdout', async () => {
    const kernel = writeImage(
      work.dir,
      'flood-stdout',
      flood('console-repeat'),
    );
    const result = await runStub(['--extended-status', 'run', kernel]);
    expect(result.code).toBe(0);
    expect(result.stdout.length).toBe(FLOOD_BYTES);
    expect(result.stdout === expectedFlood(FLOOD_BYTES)).toBe(true);
  });

  it('writes COM2 to a file', async () => {
    const kernel = writeImage(work.dir, 'com2-file', {
      fixture: 'failure-token',
      steps: [
        { op: 'failure-port', text: 'KERNEL_PANIC\n' },
        { op: 'triple-fault' },
      ],
    });
    const path = `${work.dir}/com2.txt`;
    const serial = `--serial=type=file,path=${path},hardware=serial,num=2`;
    const result = await runStub(['run', serial, kernel]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(readFileSync(path, 'utf8')).toBe('KERNEL_PANIC\n');
  });

  it('drains a 1 MiB flood through a pipe', async () => {
    const fifo = `${work.dir}/com2-drained.fifo`;
    execFileSync('mkfifo', [fifo]);
    const kernel = writeImage(
      work.dir,
      'flood-fifo',
      flood('failure-port-repeat'),
    );
    const serial = `type=file,path=${fifo},hardware=serial,num=2`;
    const received: Buffer[] = [];
    const reader = new Promise<void>((resolve, reject) => {
      createReadStream(fifo)
        .on('data', (data) => received.push(Buffer.from(data)))
        .on('end', resolve)
        .on('error', reject);
    });
    const result = await runStub([
      '--extended-status',
      'run',
      '--serial',
      serial,
      kernel,
    ]);
    await reader;
    expect(result.code).toBe(0);
    expect(
      Buffer.concat(received).toString('utf8') === expectedFlood(FLOOD_BYTES),
    ).toBe(true);
  });

  it('keeps going when the pipe reader leaves', async () => {
    const fifo = `${work.dir}/com2-closed.fifo`;
    execFileSync('mkfifo', [fifo]);
    const kernel = writeImage(
      work.dir,
      'flood-epipe',
      flood('failure-port-repeat'),
    );
    const serial = `type=file,path=${fifo},hardware=serial,num=2`;
    const reader = createReadStream(fifo, { highWaterMark: 1024 });
    reader.once('data', () => reader.destroy());
    const result = await runStub([
      '--extended-status',
      'run',
      '--serial',
      serial,
      kernel,
    ]);
    expect(result.code).toBe(0);
    expect(result.signal).toBeNull();
  });
});
