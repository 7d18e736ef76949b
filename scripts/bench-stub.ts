/**
 * Start-time benchmark of the stub crosvm: N runs of `crosvm-stub --extended-status run` on the
 * triple-fault fixture, which ends at once, against N runs of a bare `node -e ''`, interleaved in
 * the same process. Prints both means and their ratio; the target is a ratio of at most 1.6.
 *
 * Usage: npm run build && npx tsx scripts/bench-stub.ts [RUNS]
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

/** Default number of runs of each command: enough for a stable mean on a shared 2-core host. */
const DEFAULT_RUNS = 30;
/** Ratio of a stub run to a bare node start that the stub should stay under. */
const TARGET_RATIO = 1.6;

const STUB_BIN = resolve('harness/bin/crosvm-stub.mjs');
const FIXTURE = resolve('fixtures/images/x86_64/triple-fault.elf');

/** Runs node with `args` and returns the wall time in ms; throws unless it exits `expected`. */
function timeRun(args: readonly string[], expected: number): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { stdio: 'ignore' });
  const elapsed = performance.now() - started;
  if (result.status !== expected) {
    throw new Error(
      `node ${args.join(' ')} ended with ${String(result.status)}, expected ${expected}`,
    );
  }
  return elapsed;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function main(): void {
  const runs = Number(process.argv[2] ?? DEFAULT_RUNS);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(
      `invalid run count "${process.argv[2] ?? ''}"; give a positive integer`,
    );
  }
  if (!existsSync(STUB_BIN))
    throw new Error(`${STUB_BIN} is missing; run npm run build`);
  if (!existsSync(FIXTURE))
    throw new Error(`${FIXTURE} is missing; run npm run fixtures`);

  const stubArgs = [
    STUB_BIN,
    '--extended-status',
    'run',
    '--disable-sandbox',
    FIXTURE,
  ];
  const nodeArgs = ['-e', ''];
  // One warm-up run of each, so that both start with a warm file cache.
  timeRun(stubArgs, 0);
  timeRun(nodeArgs, 0);

  const stubTimes: number[] = [];
  const nodeTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    stubTimes.push(timeRun(stubArgs, 0));
    nodeTimes.push(timeRun(nodeArgs, 0));
  }
  const ratio = mean(stubTimes) / mean(nodeTimes);
  process.stdout.write(
    [
      `runs: ${runs} of each, interleaved`,
      `stub run:   ${mean(stubTimes).toFixed(1)} ms mean`,
      `node -e '': ${mean(nodeTimes).toFixed(1)} ms mean`,
      `ratio: ${ratio.toFixed(2)} (target <= ${TARGET_RATIO})`,
      '',
    ].join('\n'),
  );
}

main();
