import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from './capture.js';

/** Bad `run` and `compare` input fails at once with one line and exit 2, before any scenario. */
describe('run usage errors', () => {
  let dir: string;
  let aFile: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'run-usage-'));
    aFile = join(dir, 'a-file');
    await writeFile(aFile, '');
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const cases: readonly (readonly [string, () => string[], string])[] = [
    [
      'reports is a file',
      () => ['run', '--reports', aFile],
      'invalid --reports',
    ],
    ['empty reports', () => ['run', '--reports', ''], 'invalid --reports ""'],
    ['empty crosvm', () => ['run', '--crosvm', ''], 'invalid --crosvm ""'],
    [
      'all-eras with list',
      () => ['run', '--all-eras', '--list'],
      'drop --list',
    ],
    [
      'all-eras on qemu',
      () => ['run', '--all-eras', '--vmm', 'qemu', '--reports', dir],
      '--all-eras does not apply with --vmm qemu',
    ],
    [
      'launch on qemu',
      () => ['run', '--vmm', 'qemu', '--launch', 'avf', '--reports', dir],
      '--launch does not apply with --vmm qemu',
    ],
    [
      'empty hangup marker',
      () => ['run', '--hangup-marker', '', '--reports', dir],
      'invalid --hangup-marker ""',
    ],
    [
      'hangup timeout alone',
      () => ['run', '--hangup-timeout', '1', '--reports', dir],
      '--hangup-timeout needs --hangup-marker',
    ],
    [
      'compare into a file',
      () => [
        'compare',
        '--baseline',
        'stub',
        '--candidate',
        'stub',
        '--reports',
        aFile,
      ],
      'invalid --reports',
    ],
  ];

  test.for(cases)('%s', async ([, argv, message]) => {
    const run = await runCli(argv());
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
