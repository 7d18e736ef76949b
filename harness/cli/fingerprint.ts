import { InvalidArgumentError, type Command } from 'commander';
import { discoverCrosvm } from '../crosvm/discover.js';
import { fingerprint } from '../fingerprint/fingerprint.js';
import {
  formatFingerprintText,
  toFingerprintJson,
} from '../fingerprint/report.js';

/** Exit status when no known era matches the binary: a new contract that needs an era row. */
export const EXIT_NO_ERA = 1;

interface FingerprintFlags {
  readonly crosvm?: string;
  readonly json?: boolean;
  readonly jobs?: number;
  readonly keep?: string;
}

function parseJobs(value: string): number {
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1) {
    throw new InvalidArgumentError(
      `invalid --jobs "${value}": use a whole number of at least 1`,
    );
  }
  return jobs;
}

/** Registers `crosvm-conformance fingerprint`. */
export function register(program: Command): void {
  program
    .command('fingerprint')
    .description(
      'Run the probes that separate crosvm eras and print the era range the binary matches. ' +
        'Judges only exit status and guest console output. Exits 1 when no era matches.',
    )
    .option(
      '--crosvm <path>',
      'crosvm binary, or stub:YYYY-MM-DD for the stub in that era',
    )
    .option(
      '--json',
      'print JSON with each consistent era range as from/to dates',
    )
    .option(
      '--jobs <n>',
      'probes run at once (default: number of cores)',
      parseJobs,
    )
    .option(
      '--keep <dir>',
      'keep kernel images and each probe console and stderr in DIR',
    )
    .action(async (flags: FingerprintFlags) => {
      const target = await discoverCrosvm({ flag: flags.crosvm });
      const result = await fingerprint(target, {
        ...(flags.jobs === undefined ? {} : { jobs: flags.jobs }),
        ...(flags.keep === undefined ? {} : { keepDir: flags.keep }),
      });
      const output =
        flags.json === true
          ? `${JSON.stringify(toFingerprintJson(result), null, 2)}\n`
          : formatFingerprintText(result);
      process.stdout.write(output);
      process.exitCode = result.match.kind === 'matched' ? 0 : EXIT_NO_ERA;
    });
}
