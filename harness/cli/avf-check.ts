import type { Command } from 'commander';
import {
  avfFindings,
  AvfTreeError,
  checkAvfTree,
  formatMatch,
  type AvfCheckOptions,
} from '../avf/check.js';
import { formatFinding } from '../avf/findings.js';
import { UnknownProfileError } from '../model/profiles.js';
import { UsageError } from './errors.js';

/** Exit status when a finding shows an inconsistency, an unparsable file or a breaking change. */
export const EXIT_FINDINGS = 1;

interface AvfCheckFlags {
  readonly tree?: string;
  readonly json?: boolean;
  readonly profile?: string;
  readonly baselineProfile?: string;
  readonly baselineTree?: string;
}

function checkOptions(flags: AvfCheckFlags): AvfCheckOptions {
  return {
    ...(flags.profile === undefined ? {} : { profile: flags.profile }),
    ...(flags.baselineProfile === undefined
      ? {}
      : { baselineProfile: flags.baselineProfile }),
    ...(flags.baselineTree === undefined
      ? {}
      : { baselineTree: flags.baselineTree }),
  };
}

/** Turns a bad tree path or profile name into the one-line usage error of the CLI. */
async function asUsageError<T>(
  command: string,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AvfTreeError || error instanceof UnknownProfileError) {
      throw new UsageError(`${command}: ${error.message}`);
    }
    throw error;
  }
}

/**
 * Returns the `avf-check` lines for `run --avf-tree PATH`: the profile line first, then one line per
 * finding. Throws `UsageError` for a path that is not a directory.
 */
export async function avfFindingsForRun(treePath: string): Promise<string[]> {
  return asUsageError('run --avf-tree', () => avfFindings(treePath));
}

/** Registers `crosvm-conformance avf-check`. */
export function register(program: Command): void {
  program
    .command('avf-check')
    .description(
      'Check an AVF source tree (packages/modules/Virtualization, any year since 2022): ' +
        'the AIDL DeathReason enum, the Java constants and translation, the Rust death_reason ' +
        'mapping and the vm tool messages, against each other and against the mapping profiles. ' +
        'The first output line names the matched or closest profile. Exit status: 0 when ' +
        'everything agrees, 1 when a finding shows an inconsistency, an unparsable file or a ' +
        'renumbered or reused value, 2 for bad arguments.',
    )
    .option('--tree <path>', 'root of the AVF checkout to check (required)')
    .option('--json', 'print the match and the findings as JSON')
    .option(
      '--profile <name>',
      'compare the tree with this profile instead of the closest one',
    )
    .option(
      '--baseline-profile <name>',
      'report values renumbered or reused since this profile',
    )
    .option(
      '--baseline-tree <path>',
      'report values renumbered or reused since the AVF checkout at PATH',
    )
    .action(async (flags: AvfCheckFlags) => {
      if (flags.tree === undefined) {
        throw new UsageError(
          'avf-check: missing --tree; pass the root of an AVF checkout',
        );
      }
      const tree = flags.tree;
      const result = await asUsageError('avf-check', () =>
        checkAvfTree(tree, checkOptions(flags)),
      );
      if (flags.json === true) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      } else {
        const lines = [
          formatMatch(result.match),
          ...result.findings.map(formatFinding),
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
      }
      process.exitCode = result.failed ? EXIT_FINDINGS : 0;
    });
}
