/**
 * Malformed kernel images by loader era. From 2022-07-26 every one exits 1 with a loader error on
 * stderr and nothing on stdout. Before, crosvm's loader checked less: the expectations below were
 * written from `kernel_loader/src/lib.rs` at 8cac16bf7^ (before 2022-06-23) and b4244d395
 * (2022-06-23 to 2022-07-25, no EI_VERSION check yet).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MALFORMED } from '../../harness/fixtures/malformed.js';
import { makeTestImage } from '../elf/make-image.js';
import {
  buildStubBin,
  makeWorkDir,
  removeStubBin,
  runStub,
  writeImage,
} from './run-stub.js';

const intent = {
  fixture: 'shutdown-acpi',
  steps: [
    { op: 'console' as const, text: 'fixture shutdown-acpi: start\n' },
    { op: 'shutdown-acpi' as const },
    { op: 'halt' as const },
  ],
};
const valid = makeTestImage(intent);

/** `1 MESSAGE`: exit 1 with MESSAGE on stderr; `plays`: loads and exits 0 by S5; `running`. */
type Expected = `1 ${string}` | 'plays' | 'running';

/** Expected outcome per image: [before 2022-06-23, 2022-06-23, 2022-07-26, newest]. */
const EXPECTED: Readonly<
  Record<string, readonly [Expected, Expected, Expected, Expected]>
> = {
  'bad-magic': [
    '1 error loading kernel bzImage: bad kernel header signature',
    '1 error loading kernel bzImage: bad kernel header signature',
    '1 error loading kernel bzImage: bad kernel header signature',
    '1 error loading kernel bzImage: bad kernel header signature',
  ],
  'big-endian': [
    '1 trying to load big-endian binary on little-endian machine',
    '1 trying to load big-endian binary on little-endian machine',
    '1 trying to load big-endian binary on little-endian machine',
    '1 trying to load big-endian binary on little-endian machine',
  ],
  'elf-version-0': [
    'plays',
    'plays',
    '1 invalid elf version',
    '1 invalid elf version',
  ],
  'bad-phentsize': [
    '1 invalid program header size',
    '1 invalid program header size',
    '1 invalid program header size',
    '1 invalid program header size',
  ],
  // Before 2022-06-23 nothing loads, and the vCPU runs zeros from 0x200200 on.
  'no-load-segment': [
    'running',
    '1 no loadable program headers found',
    '1 no loadable program headers found',
    '1 no loadable program headers found',
  ],
  // Old loader: the segment lands at 0x300000 and the zeros from 0x200200 slide into it.
  'load-below-2mib': [
    'plays',
    '1 program header address out of allowed address range',
    '1 program header address out of allowed address range',
    '1 program header address out of allowed address range',
  ],
  'entry-outside-segment': [
    'plays',
    '1 invalid entry point',
    '1 invalid entry point',
    '1 invalid entry point',
  ],
  'segment-beyond-memory': [
    '1 unable to read kernel image',
    '1 unable to read kernel image',
    '1 unable to read kernel image',
    '1 unable to read kernel image',
  ],
  truncated: [
    '1 unable to read kernel image',
    '1 unable to read kernel image',
    '1 unable to read kernel image',
    '1 unable to read kernel image',
  ],
  empty: [
    '1 unable to read elf header',
    '1 unable to read elf header',
    '1 unable to read elf header',
    '1 unable to read header',
  ],
  // Read as ELF64 before 2022-07-26: e_phentsize then comes from the first program header.
  elf32: [
    '1 invalid program header size',
    '1 invalid program header size',
    '1 invalid elf class',
    'running',
  ],
};

const ERA_DATES = [
  '2022-06-22',
  '2022-06-23',
  '2022-07-26',
  '2026-08-21',
] as const;

const work = makeWorkDir();
beforeAll(buildStubBin);
afterAll(() => {
  work.dispose();
  removeStubBin();
});

const cases = MALFORMED.flatMap((recipe) =>
  ERA_DATES.map((date, eraIndex) => ({
    name: recipe.name,
    date,
    expected: EXPECTED[recipe.name]?.[eraIndex],
    bytes: recipe.make(valid),
  })),
);

/** Directory of the committed fixture images, made from the shutdown-acpi image. */
const IMAGE_DIR = 'fixtures/images/x86_64';

/** The committed malformed images that exist, on the oldest and newest loader era. */
const imageCases = MALFORMED.filter((recipe) =>
  existsSync(`${IMAGE_DIR}/${recipe.name}.elf`),
).flatMap((recipe) =>
  ([0, 3] as const).map((eraIndex) => ({
    name: recipe.name,
    date: ERA_DATES[eraIndex],
    expected: EXPECTED[recipe.name]?.[eraIndex],
    bytes: readFileSync(`${IMAGE_DIR}/${recipe.name}.elf`),
  })),
);

/** Runs `bytes` as a kernel on the stub in era `date` and checks the `expected` outcome. */
async function checkImage(
  name: string,
  date: string,
  expected: Expected | undefined,
  bytes: Buffer,
): Promise<void> {
  const kernel = writeImage(work.dir, `${name}-${date}-${randomUUID()}`, bytes);
  const socket = `${work.dir}/${randomUUID().slice(0, 8)}.sock`;
  const args = ['--extended-status', 'run', '--disable-sandbox', '--mem', '64'];
  const result = await runStub([...args, '--socket', socket, kernel], {
    env: { CROSVM_STUB_ERA: date },
    action: expected === 'running' ? { kind: 'stop' } : { kind: 'none' },
    socketPath: socket,
  });
  if (expected === 'plays') {
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith('fixture shutdown-acpi: start\n')).toBe(
      true,
    );
  } else if (expected === 'running') {
    expect(result.code).toBe(0);
    expect(result.stopCode).toBe(0);
    expect(result.stdout).toBe('');
  } else {
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(expected?.slice(2));
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  }
}

describe('malformed images by loader era', () => {
  it('has an expectation for every image', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(
      MALFORMED.map((m) => m.name).sort(),
    );
  });

  it.concurrent.each(cases)(
    '$name on $date -> $expected',
    async ({ name, date, expected, bytes }) => {
      await checkImage(name, date, expected, bytes);
    },
  );
});

describe.skipIf(imageCases.length === 0)('committed malformed images', () => {
  it.concurrent.each(imageCases)(
    '$name.elf on $date -> $expected',
    async ({ name, date, expected, bytes }) => {
      await checkImage(name, date, expected, bytes);
    },
  );
});

describe('kernel files that cannot be read', () => {
  it('missing file exits 1 naming the path', async () => {
    const path = `${work.dir}/no-such-kernel.elf`;
    const result = await runStub(['run', '--disable-sandbox', path]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`failed to open kernel image ${path}`);
    expect(result.stderr).toContain('(os error 2)');
  });

  it('directory exits 1 with a header error', async () => {
    const result = await runStub(['run', '--disable-sandbox', work.dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('unable to read header');
  });

  it('missing kernel argument exits 1', async () => {
    const result = await runStub(['run', '--disable-sandbox']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Executable is not specified');
  });
});
