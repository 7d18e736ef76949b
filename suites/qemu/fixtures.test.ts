import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runnableFixtures } from '../../harness/fixtures/catalog.js';
import { findQemu, QEMU_MISSING_REASON } from '../../harness/qemu/discover.js';
import { toObservations } from '../../harness/qemu/observations.js';
import {
  forEachConcurrently,
  runAndCheckFixture,
  type CheckedQemuRun,
} from '../../harness/qemu/run-fixtures.js';

/** QEMUs running at once: one per core of a 2-core CI machine. */
const JOBS = 2;

/** Milliseconds all fixtures together may take; console-flood dominates (see run-fixtures.ts). */
const SUITE_TIMEOUT_MS = 300_000;

const qemu = findQemu();
if (qemu === undefined)
  console.log(`skipping fixtures on QEMU: ${QEMU_MISSING_REASON}`);

const fixtures = runnableFixtures();

describe.skipIf(qemu === undefined)('fixtures on QEMU', () => {
  let outputDir: string;
  const runs = new Map<string, CheckedQemuRun>();

  beforeAll(async () => {
    outputDir = await mkdtemp(join(tmpdir(), 'qemu-fixtures-'));
    // Runs happen here, two at a time, so that the tests below only read their results.
    await forEachConcurrently(fixtures, JOBS, async (fixture) => {
      runs.set(fixture.name, await runAndCheckFixture(fixture, { outputDir }));
    });
  }, SUITE_TIMEOUT_MS);

  afterAll(async () => {
    await rm(outputDir, { recursive: true, force: true });
  });

  function runOf(name: string): CheckedQemuRun {
    const run = runs.get(name);
    if (run === undefined)
      throw new Error(`fixture ${name} did not run on QEMU`);
    return run;
  }

  test('covers every runnable fixture', () => {
    expect([...runs.keys()].sort()).toEqual(
      fixtures.map((fixture) => fixture.name).sort(),
    );
    expect(fixtures.length).toBeGreaterThanOrEqual(10);
  });

  test.for(fixtures)('$name gives its catalogued events', (fixture) => {
    const { run } = runOf(fixture.name);
    expect(run.session.kind, JSON.stringify(run.session)).toBe('completed');
    expect(toObservations(run.eventsBeforeKill)).toEqual(fixture.qemu);
  });

  test.for(fixtures)('$name ends as catalogued', (fixture) => {
    const { run } = runOf(fixture.name);
    expect(run.killedByHarness).toBe(fixture.keepsRunning);
    if (fixture.keepsRunning) {
      expect(run.status).toEqual({
        kind: 'signaled',
        signal: 'SIGKILL',
        number: 9,
      });
    } else {
      expect(run.status, run.stderr.tail).toEqual({ kind: 'exited', code: 0 });
    }
  });

  test.for(fixtures)('$name prints its start line first', async (fixture) => {
    const { run } = runOf(fixture.name);
    const console = await readFile(run.console.path, 'utf8');
    expect(
      console.startsWith(`fixture ${fixture.name}: start\n`),
      console.slice(0, 200),
    ).toBe(true);
  });

  test.for(fixtures)('$name passes the whole check', (fixture) => {
    const { check } = runOf(fixture.name);
    expect(check.kind === 'fail' ? check.problems : []).toEqual([]);
  });

  test('token fixtures write their failure string to COM2', () => {
    for (const fixture of fixtures) {
      if (fixture.kind !== 'token') continue;
      expect(
        runOf(fixture.name).failurePort.toString('utf8'),
        fixture.name,
      ).toBe(fixture.failurePort.text);
    }
  });
});
