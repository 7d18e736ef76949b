import { Command, CommanderError } from 'commander';
import { register as registerAvfCheck } from './avf-check.js';
import { register as registerClassify } from './classify.js';
import { register as registerCompare } from './compare.js';
import { EXIT_USAGE, SetupError, UsageError } from './errors.js';
import { register as registerFingerprint } from './fingerprint.js';
import { register as registerProfiles } from './profiles.js';
import { register as registerRun } from './run.js';

/**
 * Builds the `crosvm-conformance` program. Each subcommand lives in its own file under
 * harness/cli/ and registers itself here.
 */
export function buildProgram(): Command {
  const program = new Command('crosvm-conformance')
    .description(
      'Conformance harness for crosvm exit semantics and the AVF DeathReason mapping',
    )
    .showHelpAfterError(false)
    .configureOutput({
      // commander prints "error: ..." itself; keep it to the one line it built.
      outputError: (text, write) => {
        write(
          `crosvm-conformance: ${text.replace(/^error: /, '').trimEnd()}\n`,
        );
      },
    })
    .exitOverride();
  // One call per subcommand file, each exporting register(program).
  registerClassify(program);
  registerFingerprint(program);
  registerProfiles(program);
  registerRun(program);
  registerCompare(program);
  registerAvfCheck(program);
  return program;
}

/**
 * Runs the CLI with `argv` (without node and script) and returns the exit status. A subcommand
 * reports a non-zero status by setting `process.exitCode`. `main` reads that value and then
 * restores the previous one, so tests can call `main` in-process.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const previous = process.exitCode;
  process.exitCode = undefined;
  try {
    return await runProgram(argv);
  } finally {
    process.exitCode = previous;
  }
}

async function runProgram(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (error instanceof UsageError || error instanceof SetupError) {
      process.stderr.write(`crosvm-conformance: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}
