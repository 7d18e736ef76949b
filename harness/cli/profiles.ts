import type { Command } from 'commander';
import { compareProfiles, formatChange } from '../model/compare.js';
import type { Profile } from '../model/profile.js';
import {
  ANDROID_RELEASES,
  DEFAULT_PROFILE_NAME,
  PROFILES,
} from '../model/profiles.js';
import { profileOption } from './classify.js';
import { UsageError } from './errors.js';

/** Exit status of `profiles --compare` when the second profile breaks the first's numbering. */
export const EXIT_BREAKING = 1;

interface ProfilesFlags {
  readonly compare?: string[];
  readonly json?: true;
}

function sourceText(profile: Profile): string {
  const date = profile.source.date ?? 'undated';
  const commit = profile.source.commit ?? 'no commit';
  const detail = profile.source.subject ?? profile.source.tree;
  return detail === undefined
    ? `${date}  ${commit}`
    : `${date}  ${commit}  ${detail}`;
}

function list(json: boolean): void {
  if (json) {
    const rows = PROFILES.map((p) => ({
      name: p.name,
      default: p.name === DEFAULT_PROFILE_NAME,
      releases: ANDROID_RELEASES.filter((r) => r.profile === p.name),
      source: p.source,
      changes: p.changes,
    }));
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  const lines: string[] = [];
  for (const profile of PROFILES) {
    const marks = ANDROID_RELEASES.filter(
      (r) => r.profile === profile.name,
    ).map((r) => r.release);
    if (profile.name === DEFAULT_PROFILE_NAME) marks.unshift('default');
    const mark = marks.length === 0 ? '' : ` (${marks.join(', ')})`;
    lines.push(`${profile.name}${mark}  ${sourceText(profile)}`);
    for (const change of profile.changes) lines.push(`    ${change}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

function compare(names: readonly string[], json: boolean): void {
  const [first, second] = names;
  if (names.length !== 2 || first === undefined || second === undefined) {
    throw new UsageError(
      `--compare needs two profile names, got ${String(names.length)}: e.g. --compare avf-2022-01-14 avf-2022-02-03`,
    );
  }
  const result = compareProfiles(profileOption(first), profileOption(second));
  if (json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    const verdict = result.breaking ? 'breaking' : 'compatible';
    const lines = result.changes.map(formatChange);
    lines.push(`${result.from} -> ${result.to}: ${verdict}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  if (result.breaking) process.exitCode = EXIT_BREAKING;
}

/** Registers `profiles`: list every AVF profile, or compare two for compatibility. */
export function register(program: Command): void {
  program
    .command('profiles')
    .description(
      'List every AVF mapping profile with its date, source commit and what changed; with ' +
        '--compare A B, list the differences and exit 1 when B renumbers or reassigns a value of A',
    )
    .option('--compare <A B...>', 'compare two profiles by name')
    .option('--json', 'print JSON instead of text')
    .action((flags: ProfilesFlags) => {
      const json = flags.json === true;
      if (flags.compare === undefined) list(json);
      else compare(flags.compare, json);
    });
}
