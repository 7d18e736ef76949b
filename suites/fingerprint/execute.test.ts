import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { CrosvmTarget } from '../../harness/crosvm/discover.js';
import { listCandidates } from '../../harness/fingerprint/candidates.js';
import { executeProbes } from '../../harness/fingerprint/execute.js';
import {
  DEFAULT_RUNNING_WAIT_MS,
  MIN_RUNNING_WAIT_MS,
  RUNNING_WAIT_FACTOR,
  runningWaitMs,
} from '../../harness/fingerprint/running-wait.js';
import { RUN_VARIANTS } from '../../harness/fingerprint/variants.js';

/**
 * A stand-in VMM as a shell script: it prints a start line and exits 32 with
 * `--extended-status` and 0 without, and rejects an unknown option with 35.
 */
const FAKE_VMM = `#!/bin/sh
for arg in "$@"; do
  case "$arg" in --conformance-unknown-option) echo "bad option" >&2; exit 35;; esac
done
echo "fixture fake: start"
case "$*" in *sleeper.elf*) exec sleep 600;; esac
if [ "$1" = "--extended-status" ]; then exit 32; fi
exit 0
`;

let workDir = '';
let target: CrosvmTarget;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'fingerprint-execute-'));
  const executable = join(workDir, 'fake-crosvm');
  await writeFile(executable, FAKE_VMM);
  await chmod(executable, 0o755);
  target = {
    identity: { path: executable, foundBy: '--crosvm' },
    executable,
    env: {},
  };
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

test('executeProbes observes each variant', async () => {
  const kernel = {
    name: 'fake',
    image: Buffer.from('not an ELF image'),
    startLine: 'fixture fake: start',
    keepsRunning: false,
  };
  const probes = listCandidates({
    kernels: [kernel],
    runVariants: RUN_VARIANTS.filter((v) =>
      ['ext', 'plain', 'invalid-flag'].includes(v.name),
    ),
  });
  const observations = await executeProbes(target, probes, {
    workDir: join(workDir, 'run'),
    jobs: 2,
  });
  const byId = new Map(observations.map((o) => [o.run.id, o.outcome]));
  expect(byId.get('fake.ext.none')).toEqual({
    ending: 'exit 32',
    console: 'fixture fake: start',
  });
  expect(byId.get('fake.plain.none')).toEqual({
    ending: 'exit 0',
    console: 'fixture fake: start',
  });
  // A command probe's stdout is crosvm's own text, so only its exit status is kept.
  expect(byId.get('command.help.none')).toEqual({
    ending: 'exit 0',
    console: '',
  });
  expect(byId.get('fake.invalid-flag.none')).toEqual({
    ending: 'exit 35',
    console: '',
  });
});

test('executeProbes records the exact argv', async () => {
  const kernel = {
    name: 'k',
    image: Buffer.alloc(4),
    startLine: 'x',
    keepsRunning: false,
  };
  const probes = listCandidates({
    kernels: [kernel],
    runVariants: RUN_VARIANTS.filter((v) => v.name === 'mem-key-value'),
    commandVariants: [],
  });
  const [observation] = await executeProbes(target, probes, {
    workDir: join(workDir, 'argv'),
  });
  expect(observation?.run.argv).toEqual([
    target.executable,
    '--extended-status',
    'run',
    '--disable-sandbox',
    '--mem',
    'size=64',
    join(workDir, 'argv', 'kernels', 'k.elf'),
  ]);
});

test('executeProbes ends a probe that keeps running', async () => {
  const kernels = [
    {
      name: 'sleeper',
      image: Buffer.alloc(4),
      startLine: 'x',
      keepsRunning: false,
    },
    {
      name: 'fast',
      image: Buffer.alloc(4),
      startLine: 'x',
      keepsRunning: false,
    },
  ];
  // The plain probe of `fast` ends by itself and sets the wait; the ext probes may keep running.
  const probes = listCandidates({
    kernels,
    runVariants: RUN_VARIANTS.filter(
      (v) => v.name === 'ext' || v.name === 'plain',
    ),
    commandVariants: [],
  }).filter((probe) => probe.id !== 'sleeper.plain.none');
  const observations = await executeProbes(target, probes, {
    workDir: join(workDir, 'running'),
    mayKeepRunning: new Set(['sleeper.ext.none', 'fast.ext.none']),
  });
  const byId = new Map(observations.map((o) => [o.run.id, o.outcome.ending]));
  expect(byId.get('sleeper.ext.none')).toBe('running');
  expect(byId.get('fast.ext.none')).toBe('exit 32');
  expect(byId.get('fast.plain.none')).toBe('exit 0');
});

test('runningWaitMs scales the slowest duration', () => {
  expect(runningWaitMs([100, 400])).toBe(400 * RUNNING_WAIT_FACTOR);
  expect(runningWaitMs([1])).toBe(MIN_RUNNING_WAIT_MS);
  expect(runningWaitMs([])).toBe(DEFAULT_RUNNING_WAIT_MS);
});
