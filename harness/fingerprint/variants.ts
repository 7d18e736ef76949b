/**
 * Command-line variants of a fingerprint probe. A probe must run unchanged on a binary of any
 * era, because the era is what the probe is there to find, so each variant is one fixed command
 * line and every era's parser judges the same argv. This is why the probes do not use the
 * per-era argv builder: its output depends on an era that is not known yet.
 *
 * Flag history in google/crosvm, by landing date:
 * - `--disable-sandbox` from 2017-10-03 (d0c9adc64); bare `--mem N` in MiB in every era.
 * - `--no-legacy` from 2021-05-13 (d93c29fdf) to 2022-06-27 (removed in 1c80e0621).
 * - `--extended-status` from 2021-12-10 (dacf10487). It must be the first argument until argh
 *   parses the top level on 2022-06-02 (33adade23).
 * - `--no-i8042` from 2022-06-15 (7110d673f), reverted and relanded on 2022-06-21 (3d6c9542a).
 * - `--mem size=N` from 2022-11-21 (bacf3f770); `hardware=` in `--serial` from 2020-04-23
 *   (a7b6a1c89).
 */

/** One fixed `run` command line, with the kernel path and socket filled in per probe. */
export interface RunVariant {
  readonly kind: 'run';
  readonly name: string;
  readonly description: string;
  /** Top-level arguments, before the `run` subcommand. */
  readonly topLevel: readonly string[];
  /** `run` options placed before the kernel path; `--mem` comes from `memory`. */
  readonly runOptions: readonly string[];
  /** Whether `--mem` is given as a bare number or as the `size=N` key-value form. */
  readonly memory: 'bare' | 'key-value';
}

/**
 * A command line that boots no guest, such as `--help`. Only its exit status counts: its
 * output is crosvm's own text (help, version), which the fingerprint never judges.
 */
export interface CommandVariant {
  readonly kind: 'command';
  readonly name: string;
  readonly description: string;
  /** Every argument after the executable. */
  readonly arguments: readonly string[];
}

export type ProbeVariant = RunVariant | CommandVariant;

/**
 * Guest RAM of every probe, in MiB. Fixtures load at 0x200000 and, under the loader of builds
 * before 2022-06-23, at 0x400000; 64 MiB covers that with room and matches the size above which
 * the `segment-beyond-memory` malformed image places its segment.
 */
export const PROBE_MEMORY_MIB = 64;

/** An option that no crosvm era defines, for the invalid-argument exit status. */
export const UNKNOWN_OPTION = '--conformance-unknown-option';

/** Options a `run` variant adds to the default command line, before `--extended-status` is chosen. */
interface OptionSet {
  /** Variant name suffix; empty for the default command line. */
  readonly name: string;
  readonly description: string;
  /** Top-level arguments placed before `--extended-status`. */
  readonly topLevelPrefix?: readonly string[];
  readonly runOptions?: readonly string[];
  readonly memory?: 'bare' | 'key-value';
}

const OPTION_SETS: readonly OptionSet[] = [
  { name: '', description: 'the default command line' },
  {
    name: 'invalid-flag',
    description: `the unknown \`run\` option ${UNKNOWN_OPTION}`,
    runOptions: [UNKNOWN_OPTION],
  },
  {
    name: 'no-syslog-first',
    description:
      'top-level `--no-syslog` first, legal from 2022-05-24 and in any order from 2022-06-02',
    topLevelPrefix: ['--no-syslog'],
  },
  {
    name: 'no-legacy',
    description: '`--no-legacy`, which drops the i8042 and the RTC',
    runOptions: ['--no-legacy'],
  },
  { name: 'no-i8042', description: '`--no-i8042`', runOptions: ['--no-i8042'] },
  { name: 'mem-key-value', description: '`--mem size=N`', memory: 'key-value' },
  {
    name: 'serial-console',
    description: 'an explicit COM1 console without the `hardware=` key',
    runOptions: ['--serial', 'type=stdout,num=1,console'],
  },
  {
    name: 'serial-hardware',
    description: 'an explicit COM1 console with the `hardware=` key',
    runOptions: ['--serial', 'type=stdout,hardware=serial,num=1,console'],
  },
];

/**
 * Every `run` variant the probe derivation may choose from: each option set with
 * `--extended-status` (named `ext` or after the set, as the conformance scenarios name AVF's
 * command line) and without it (`plain` or `plain-SET`).
 */
export const RUN_VARIANTS: readonly RunVariant[] = OPTION_SETS.flatMap(
  (set) => {
    const common = {
      kind: 'run' as const,
      runOptions: set.runOptions ?? [],
      memory: set.memory ?? 'bare',
    };
    const prefix = set.topLevelPrefix ?? [];
    return [
      {
        ...common,
        name: set.name === '' ? 'ext' : set.name,
        description: `\`--extended-status\` and ${set.description}`,
        topLevel: [...prefix, '--extended-status'],
      },
      {
        ...common,
        name: set.name === '' ? 'plain' : `plain-${set.name}`,
        description: `no \`--extended-status\`, and ${set.description}`,
        topLevel: prefix,
      },
    ];
  },
);

/**
 * Every command variant; each shows a change only through its exit status. A top-level
 * `--help` is an invalid subcommand (exit 1) until argh parses the top level on 2022-06-02
 * (`crosvm_main` in src/main.rs, read at 43c0add2b), exits 35 from 2022-08-09 (0bde005ec) to
 * 2022-10-18, and 0 otherwise. `version` exits 0 where the subcommand exists and as an unknown
 * subcommand before.
 */
export const COMMAND_VARIANTS: readonly CommandVariant[] = [
  {
    kind: 'command',
    name: 'help',
    description: '`--help` alone',
    arguments: ['--help'],
  },
  {
    kind: 'command',
    name: 'version',
    description: 'the `version` subcommand, judged by its exit status alone',
    arguments: ['version'],
  },
];

/** Arguments after the executable for one `run` probe. */
export function probeArguments(
  variant: RunVariant,
  kernelPath: string,
  socketPath: string | undefined,
): string[] {
  const memory =
    variant.memory === 'bare'
      ? `${PROBE_MEMORY_MIB}`
      : `size=${PROBE_MEMORY_MIB}`;
  const socket = socketPath === undefined ? [] : ['--socket', socketPath];
  return [
    ...variant.topLevel,
    'run',
    '--disable-sandbox',
    '--mem',
    memory,
    ...socket,
    ...variant.runOptions,
    kernelPath,
  ];
}
