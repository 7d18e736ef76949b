import { Command, CommanderError } from 'commander';
import { EXIT_USAGE, SetupError, UsageError } from './errors.js';

/** A subcommand file under harness/cli/: it exports `register(program)`. */
interface SubcommandModule {
  register(program: Command): void;
}

/**
 * The subcommands in help order, each loaded on demand. A command line that names one loads
 * only that file and what it imports, so `fingerprint` does not pay for the parsers, schema
 * validators and report writers of the others at start-up (the bundle is split per subcommand).
 */
const SUBCOMMANDS: Readonly<Record<string, () => Promise<SubcommandModule>>> = {
  classify: () => import('./classify.js'),
  fingerprint: () => import('./fingerprint.js'),
  profiles: () => import('./profiles.js'),
  run: () => import('./run.js'),
  compare: () => import('./compare.js'),
  'avf-check': () => import('./avf-check.js'),
};

/**
 * Builds the `crosvm-conformance` program with the subcommand `argv` names, or with every
 * subcommand when it names none of them (top-level help, `help NAME`, an unknown command).
 */
export async function buildProgram(
  argv: readonly string[] = [],
): Promise<Command> {
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
  const named = argv[0] === undefined ? undefined : SUBCOMMANDS[argv[0]];
  const loaders = named === undefined ? Object.values(SUBCOMMANDS) : [named];
  for (const module of await Promise.all(loaders.map((load) => load()))) {
    module.register(program);
  }
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
  const program = await buildProgram(argv);
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
