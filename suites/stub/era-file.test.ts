import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EraFileError,
  loadEraFile,
  parseEraFile,
} from '../../harness/crosvm/era-file.js';
import { NEWEST_ERA } from '../../harness/crosvm/eras.js';
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

/** An era no real crosvm had: invalid flags exit 99 and resets are plain exit events. */
const customEra = {
  ...NEWEST_ERA,
  since: '2030-01-01',
  commits: ['test-only'],
  change: 'a contract for tests',
  exit: { ...NEWEST_ERA.exit, invalidArgs: 99 },
  devices: { ...NEWEST_ERA.devices, guestReset: 'exit' },
};

describe('era file', () => {
  it('accepts a complete era', async () => {
    const era = await parseEraFile(JSON.stringify(customEra), 'custom.json');
    expect(era.exit.invalidArgs).toBe(99);
  });

  it('accepts every built-in era', async () => {
    await expect(
      parseEraFile(JSON.stringify(NEWEST_ERA), 'newest.json'),
    ).resolves.toEqual(NEWEST_ERA);
  });

  it.each([
    [
      'a missing field',
      { ...customEra, loader: undefined },
      /must have required property 'loader'/,
    ],
    [
      'an unknown value',
      { ...customEra, devices: { ...customEra.devices, pvpanic: 'maybe' } },
      /\/devices\/pvpanic must be equal to one of the allowed values/,
    ],
    [
      'an extra field',
      { ...customEra, extra: 1 },
      /must NOT have additional properties/,
    ],
    [
      'an exit code above 255',
      { ...customEra, exit: { ...customEra.exit, help: 256 } },
      /\/exit\/help must be <= 255/,
    ],
  ])('rejects %s', async (_name, value, message) => {
    const text = JSON.stringify(value);
    await expect(parseEraFile(text, 'bad.json')).rejects.toThrow(EraFileError);
    await expect(parseEraFile(text, 'bad.json')).rejects.toThrow(message);
  });

  it('rejects text that is not JSON', async () => {
    await expect(parseEraFile('{', 'broken.json')).rejects.toThrow(
      /broken.json is not valid JSON/,
    );
  });

  it('names an unreadable path', async () => {
    await expect(loadEraFile(`${work.dir}/missing.json`)).rejects.toThrow(
      /cannot read era file .*missing.json/,
    );
  });
});

describe('stub with CROSVM_STUB_ERA_FILE', () => {
  const eraFile = `${work.dir}/custom-era.json`;
  const reset = {
    fixture: 'reboot-i8042',
    steps: [
      { op: 'reset' as const, via: 'i8042' as const },
      { op: 'halt' as const },
    ],
  };

  it('uses the custom contract', async () => {
    writeFileSync(eraFile, JSON.stringify(customEra));
    const kernel = writeImage(work.dir, 'reset', reset);
    const env = { CROSVM_STUB_ERA_FILE: eraFile };
    const invalid = await runStub(['run', '--no-such-flag', kernel], { env });
    expect(invalid.code).toBe(99);
    const resetRun = await runStub(['--extended-status', 'run', kernel], {
      env,
    });
    expect(resetRun.code).toBe(0);
  });

  it('exits 2 on an invalid era file', async () => {
    const badFile = `${work.dir}/bad-era.json`;
    writeFileSync(badFile, '{"since": "2030-01-01"}');
    const result = await runStub(['version'], {
      env: { CROSVM_STUB_ERA_FILE: badFile },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^crosvm-stub: era file .*bad-era.json does not match/,
    );
  });

  it('exits 2 on an invalid era date', async () => {
    const result = await runStub(['version'], {
      env: { CROSVM_STUB_ERA: '2017-01-01' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('before 2018-02-13');
  });

  it('takes --stub-era anywhere on the command line', async () => {
    const kernel = writeImage(work.dir, 'reset-flag', reset);
    const result = await runStub(['--stub-era', '2021-12-08', 'run', kernel]);
    expect(result.code).toBe(32);
    const inline = await runStub(['run', kernel, '--stub-era=2021-12-07']);
    expect(inline.code).toBe(0);
  });
});
