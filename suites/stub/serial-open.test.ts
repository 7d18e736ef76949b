import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const tokenThenPowerOff = {
  fixture: 'token-shutdown',
  steps: [
    { op: 'failure-port' as const, text: 'MICRODROID_PAYLOAD_HAS_CHANGED' },
    { op: 'shutdown-acpi' as const },
  ],
};

function runArgs(serialPath: string, kernel: string): string[] {
  return [
    '--extended-status',
    'run',
    '--disable-sandbox',
    '--serial',
    `type=file,path=${serialPath},hardware=serial,num=2`,
    kernel,
  ];
}

describe('serial file paths', () => {
  it('fails the run when the file cannot be created', async () => {
    const kernel = writeImage(work.dir, 'token-open', tokenThenPowerOff);
    const result = await runStub(
      runArgs(join(work.dir, 'missing-folder', 'com2.log'), kernel),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Unable to create file');
    expect(result.stdout).toBe('');
  });

  it('appends to an existing file as crosvm does', async () => {
    const kernel = writeImage(work.dir, 'token-append', tokenThenPowerOff);
    const path = join(work.dir, 'com2.log');
    writeFileSync(path, 'earlier|');
    const result = await runStub(runArgs(path, kernel));
    expect(result.code).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(
      'earlier|MICRODROID_PAYLOAD_HAS_CHANGED',
    );
  });
});
