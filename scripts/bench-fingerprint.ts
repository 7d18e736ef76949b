/**
 * Benchmark: the time of `crosvm-conformance fingerprint` as a fraction of a full
 * `crosvm-conformance run --no-fingerprint` against the same binary, both measured in this run
 * on this machine. The target is a fraction under 0.10.
 *
 * Usage: tsx scripts/bench-fingerprint.ts [--crosvm PATH|stub:DATE] [--repeat N] [--check]
 * Build first (`npm run build`): both commands run from harness/bin/crosvm-conformance.mjs.
 * `--check` exits 1 when the median fraction is not under the target.
 *
 * The first fingerprint after a build derives the probe plan and stores it in the plan cache,
 * which every later fingerprint and run reads. That first fingerprint is timed and printed on
 * its own and left out of the fractions. The 1-minute load average is printed before and after,
 * because the fingerprint is CPU-bound and the run mostly waits on timers.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { execa } from 'execa';
import { PACKAGE_ROOT } from '../harness/run/paths.js';

/** The fraction of a conformance run that a fingerprint may take. */
const TARGET_FRACTION = 0.1;

const CLI = join(PACKAGE_ROOT, 'harness', 'bin', 'crosvm-conformance.mjs');

const { values } = parseArgs({
  options: {
    crosvm: { type: 'string', default: 'stub' },
    repeat: { type: 'string', default: '1' },
    check: { type: 'boolean', default: false },
  },
});
const repeat = Number(values.repeat);
if (!Number.isInteger(repeat) || repeat < 1) {
  process.stderr.write(
    `invalid --repeat "${values.repeat}": use a whole number of at least 1\n`,
  );
  process.exit(2);
}

/** Runs the CLI with `args` and returns the wall-clock milliseconds and the exit code. */
async function timeCli(
  args: readonly string[],
): Promise<{ ms: number; exitCode: number }> {
  const started = performance.now();
  const result = await execa('node', [CLI, ...args], {
    reject: false,
    stdin: 'ignore',
  });
  const ms = performance.now() - started;
  if (result.exitCode === undefined || result.exitCode >= 2) {
    throw new Error(
      `crosvm-conformance ${args.join(' ')} failed (${result.exitCode ?? result.signal ?? '?'}): ${result.stderr}`,
    );
  }
  return { ms, exitCode: result.exitCode };
}

function median(numbers: readonly number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Formats the 1-minute load average of this machine. */
function loadAverage(): string {
  return (loadavg()[0] ?? 0).toFixed(2);
}

process.stdout.write(`load average before: ${loadAverage()}\n`);
const first = await timeCli(['fingerprint', '--crosvm', values.crosvm]);
process.stdout.write(
  `first fingerprint (derives or reads the plan cache): ${(first.ms / 1000).toFixed(2)} s (exit ${first.exitCode})\n`,
);

const fractions: number[] = [];
const reportsDir = await mkdtemp(join(tmpdir(), 'bench-fingerprint-'));
try {
  for (let round = 1; round <= repeat; round += 1) {
    const run = await timeCli([
      'run',
      '--no-fingerprint',
      '--crosvm',
      values.crosvm,
      '--reports',
      reportsDir,
    ]);
    const print = await timeCli(['fingerprint', '--crosvm', values.crosvm]);
    const fraction = print.ms / run.ms;
    fractions.push(fraction);
    process.stdout.write(
      `round ${round}: run ${(run.ms / 1000).toFixed(2)} s (exit ${run.exitCode}), ` +
        `fingerprint ${(print.ms / 1000).toFixed(2)} s (exit ${print.exitCode}), ` +
        `fraction ${fraction.toFixed(3)}\n`,
    );
  }
} finally {
  await rm(reportsDir, { recursive: true, force: true });
}

const result = median(fractions);
const verdict = result < TARGET_FRACTION ? 'under' : 'NOT under';
process.stdout.write(`load average after: ${loadAverage()}\n`);
process.stdout.write(
  `binary ${values.crosvm}: fingerprint / run = ${result.toFixed(3)} (median of ${repeat}), ` +
    `${verdict} the target ${TARGET_FRACTION}\n`,
);
if (values.check && result >= TARGET_FRACTION) process.exitCode = 1;
