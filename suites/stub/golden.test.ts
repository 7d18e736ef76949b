/**
 * Golden table of the stub's exit contract, written by hand from crosvm's history (the dates are
 * landing dates of google/crosvm commits), not generated from the era data. Each row runs the
 * built stub bin once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Intent } from '../../harness/elf/intent-note.js';
import type { HostEvent } from '../../harness/stub/host-events.js';
import {
  buildStubBin,
  makeWorkDir,
  removeStubBin,
  runStub,
  writeImage,
  type StubAction,
  type StubResult,
} from './run-stub.js';

const start = (name: string) => ({
  op: 'console' as const,
  text: `fixture ${name}: start\n`,
});
const noPvpanic = 'no pvpanic device\n';

/** Test fixtures by name: the behaviour each image declares. */
const FIXTURES: Readonly<Record<string, Intent>> = {
  'reboot-i8042': {
    fixture: 'reboot-i8042',
    steps: [
      start('reboot-i8042'),
      { op: 'reset', via: 'i8042' },
      { op: 'halt' },
    ],
  },
  'reboot-cf9': {
    fixture: 'reboot-cf9',
    steps: [start('reboot-cf9'), { op: 'reset', via: 'cf9' }, { op: 'halt' }],
  },
  'shutdown-acpi': {
    fixture: 'shutdown-acpi',
    steps: [start('shutdown-acpi'), { op: 'shutdown-acpi' }, { op: 'halt' }],
  },
  'triple-fault': {
    fixture: 'triple-fault',
    steps: [start('triple-fault'), { op: 'triple-fault' }],
  },
  hang: { fixture: 'hang', steps: [start('hang'), { op: 'halt' }] },
  'busy-loop': {
    fixture: 'busy-loop',
    steps: [start('busy-loop'), { op: 'spin' }],
  },
  'pvpanic-reboot': {
    fixture: 'pvpanic-reboot',
    steps: [
      start('pvpanic-reboot'),
      { op: 'pvpanic', value: 1, absentText: noPvpanic },
      { op: 'reset', via: 'i8042' },
      { op: 'halt' },
    ],
  },
  'pvpanic-crash-loaded-reboot': {
    fixture: 'pvpanic-crash-loaded-reboot',
    steps: [
      start('pvpanic-crash-loaded-reboot'),
      { op: 'pvpanic', value: 2, absentText: noPvpanic },
      { op: 'reset', via: 'i8042' },
      { op: 'halt' },
    ],
  },
  'pvpanic-hang': {
    fixture: 'pvpanic-hang',
    steps: [
      start('pvpanic-hang'),
      { op: 'pvpanic', value: 1, absentText: noPvpanic },
      { op: 'halt' },
    ],
  },
  'pvpanic-triple-fault': {
    fixture: 'pvpanic-triple-fault',
    steps: [
      start('pvpanic-triple-fault'),
      { op: 'pvpanic', value: 1, absentText: noPvpanic },
      { op: 'triple-fault' },
    ],
  },
};

type Fixture = keyof typeof FIXTURES;

/**
 * `plain`: no --extended-status; `ext`: `crosvm --extended-status run ...`; `ext-after-run`:
 * the flag after `run`; `bad-flag`: an unknown run flag; `help`: `run --help`;
 * `log-level-first`: `--log-level info --extended-status run ...`; others add one run flag.
 */
type Variant =
  | 'plain'
  | 'ext'
  | 'ext-after-run'
  | 'bad-flag'
  | 'help'
  | 'ext-no-legacy'
  | 'ext-no-i8042'
  | 'ext-mem-size'
  | 'ext-sandboxed'
  | 'log-level-first';

/** Expected ending: an exit code, a signal, or `running` (it then exits 0 on `stop`). */
type Expected = number | 'SIGABRT' | 'SIGTERM' | 'SIGKILL' | 'running';

type Action = 'none' | 'stop' | 'SIGTERM' | 'SIGKILL' | HostEvent;

interface Row {
  readonly date: string;
  readonly fixture: Fixture;
  readonly variant: Variant;
  readonly action: Action;
  readonly expected: Expected;
  readonly reason: string;
}

/** Columns: era date, fixture, variant, action, expected ending, reason. `#` starts a comment. */
const GOLDEN_TABLE = `
# Guest reset requests.
2021-11-01  reboot-i8042                 plain          none                     0        i8042 reset is an exit event
2021-12-07  reboot-i8042                 plain          none                     0        last day before reset events
2021-12-08  reboot-i8042                 plain          none                     32       reset exits 32 with no flag
2021-12-09  reboot-i8042                 plain          none                     32       still no status mask
2021-12-10  reboot-i8042                 plain          none                     0        plain mode masks 32
2021-12-10  reboot-i8042                 ext            none                     32       --extended-status added
2026-08-21  reboot-i8042                 plain          none                     0        newest, plain
2026-08-21  reboot-i8042                 ext            none                     32       newest, extended
2021-11-01  reboot-cf9                   plain          stop                     running  0xCF9 only sets the config address
2021-12-08  reboot-cf9                   plain          none                     32       0xCF9 bit 2 resets
2024-01-01  reboot-cf9                   ext            none                     32       0xCF9 reset, extended
2022-01-01  reboot-i8042                 ext-no-legacy  stop                     running  no i8042 device
2024-01-01  reboot-i8042                 ext-no-i8042   stop                     running  no i8042 device
# Shutdown, triple fault, hangs.
2020-11-15  shutdown-acpi                plain          stop                     running  no ACPI S5 handling yet
2020-11-16  shutdown-acpi                plain          none                     0        ACPI S5 exits 0
2024-01-01  shutdown-acpi                ext            none                     0        ACPI S5, extended
2019-01-01  triple-fault                 plain          none                     0        triple fault is a VM stop
2026-08-21  triple-fault                 ext            none                     0        triple fault is a VM stop
2026-08-21  hang                         ext            stop                     running  cli; hlt never exits
2026-08-21  busy-loop                    ext            stop                     running  no x86 watchdog
2026-08-21  hang                         ext            SIGTERM                  SIGTERM  no SIGTERM handler
2026-08-21  hang                         ext            SIGKILL                  SIGKILL  SIGKILL
# pvpanic.
2022-02-27  pvpanic-reboot               ext            none                     32       no pvpanic device yet
2022-02-28  pvpanic-reboot               ext            none                     34       pvpanic write exits 34 at once
2022-02-28  pvpanic-reboot               plain          none                     0        plain mode masks 34
2022-05-23  pvpanic-hang                 ext            none                     34       immediate pvpanic, no hang
2022-03-01  pvpanic-crash-loaded-reboot  ext            none                     32       value 2 is only logged
2022-05-24  pvpanic-reboot               ext            none                     34       deferred: the reset becomes 34
2024-01-01  pvpanic-reboot               ext            none                     34       deferred: the reset becomes 34
2024-01-01  pvpanic-triple-fault         ext            none                     34       deferred: the stop becomes 34
2024-01-01  pvpanic-crash-loaded-reboot  ext            none                     32       value 2 is not a panic
2024-01-01  pvpanic-hang                 ext            stop                     running  stop after pvpanic still 0
# Invalid flags, --help, flag syntax.
2018-03-01  hang                         bad-flag       none                     1        run errors exit 1
2022-06-12  hang                         bad-flag       none                     1        old run parser
2022-06-13  hang                         bad-flag       none                     0        argh parse errors exit 0
2022-08-08  hang                         bad-flag       none                     0        last day of the 0 bug
2022-08-09  hang                         bad-flag       none                     35       invalid arguments exit 35
2026-08-21  hang                         bad-flag       none                     35       invalid arguments exit 35
2021-11-01  reboot-i8042                 ext            none                     1        --extended-status is unknown
2024-01-01  reboot-i8042                 ext-after-run  none                     35       flag after run is unknown
2022-07-01  reboot-i8042                 ext-no-legacy  none                     0        --no-legacy removed, 0 bug
2022-09-01  reboot-i8042                 ext-no-legacy  none                     35       --no-legacy removed
2022-06-14  reboot-i8042                 ext-no-i8042   none                     0        --no-i8042 not yet, 0 bug
2022-05-24  reboot-i8042                 log-level-first  none                   1        fixed top-level order
2022-06-02  reboot-i8042                 log-level-first  none                   32       argh: any order
2022-11-20  reboot-i8042                 ext-mem-size   none                     35       size= not yet
2022-11-21  reboot-i8042                 ext-mem-size   none                     32       size= accepted
2020-01-01  hang                         help           none                     0        run --help
2022-08-09  hang                         help           none                     35       --help exits 35
2022-10-18  hang                         help           none                     35       --help exits 35
2022-10-19  hang                         help           none                     0        --help exits 0 again
# Host events.
2022-12-14  hang                         ext-sandboxed  device-child-killed      0        child exit is a stop
2022-12-15  hang                         ext-sandboxed  device-child-killed      33       child exit is a crash
2023-01-01  hang                         plain          device-child-killed      0        plain mode masks 33
2024-01-01  pvpanic-hang                 ext            device-child-killed      33       child exit skips pvpanic
2023-06-12  hang                         ext            device-child-clean-exit  33       clean exit still a crash
2023-06-13  hang                         ext            device-child-clean-exit  running  ignored unsandboxed
2023-06-13  hang                         ext-sandboxed  device-child-clean-exit  33       sandboxed: crash
2025-08-13  hang                         ext            vhost-user-disconnect    SIGABRT  unwrap panics
2025-08-14  hang                         ext            vhost-user-disconnect    33       DeviceCrashed
2025-09-01  pvpanic-hang                 ext            vhost-user-disconnect    34       VM event after pvpanic
`;

const EXPECTED_WORDS = new Set(['SIGABRT', 'SIGTERM', 'SIGKILL', 'running']);

function parseGolden(table: string): Row[] {
  return table
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const [
        date = '',
        fixture = '',
        variant,
        action,
        expected = '',
        ...reason
      ] = line.split(/\s+/);
      if (!(fixture in FIXTURES))
        throw new Error(`golden row "${line}": unknown fixture`);
      const ending: Expected = EXPECTED_WORDS.has(expected)
        ? (expected as Expected)
        : Number(expected);
      return {
        date,
        fixture,
        variant: variant as Variant,
        action: action as Action,
        expected: ending,
        reason: reason.join(' '),
      };
    });
}

const GOLDEN: readonly Row[] = parseGolden(GOLDEN_TABLE);

function commandLine(
  variant: Variant,
  kernel: string,
  socket: string,
): string[] {
  const sandbox = variant === 'ext-sandboxed' ? [] : ['--disable-sandbox'];
  const run = ['run', ...sandbox, '--mem', '64', '--socket', socket];
  switch (variant) {
    case 'plain':
      return [...run, kernel];
    case 'ext':
    case 'ext-sandboxed':
      return ['--extended-status', ...run, kernel];
    case 'ext-after-run':
      return ['run', '--extended-status', ...run.slice(1), kernel];
    case 'bad-flag':
      return [...run, '--no-such-flag', kernel];
    case 'help':
      return ['run', '--help'];
    case 'ext-no-legacy':
      return ['--extended-status', ...run, '--no-legacy', kernel];
    case 'ext-no-i8042':
      return ['--extended-status', ...run, '--no-i8042', kernel];
    case 'log-level-first':
      return ['--log-level', 'info', '--extended-status', ...run, kernel];
    case 'ext-mem-size':
      return ['--extended-status', ...run, '--mem=size=64', kernel];
  }
}

function stubAction(action: Action, expected: Expected): StubAction {
  if (action === 'none') return { kind: 'none' };
  if (action === 'stop') return { kind: 'stop' };
  if (action === 'SIGTERM' || action === 'SIGKILL')
    return { kind: 'signal', signal: action };
  // An event that ends the VM goes by signal; one that leaves it running is followed by stop.
  return {
    kind: 'host-event',
    event: action,
    via: expected === 'running' ? 'socket' : 'signal',
  };
}

function describeEnding(result: StubResult): string {
  return result.signal === null
    ? `exit ${String(result.code)}`
    : `signal ${result.signal}`;
}

const work = makeWorkDir();
beforeAll(buildStubBin);
afterAll(() => {
  work.dispose();
  removeStubBin();
});

describe('stub golden table', () => {
  it.concurrent.each(GOLDEN.map((r, index) => ({ ...r, index })))(
    '$date $fixture $variant $action -> $expected ($reason)',
    async ({ date, fixture, variant, action, expected, index }) => {
      const intent = FIXTURES[fixture];
      if (intent === undefined)
        throw new Error(`no test fixture named ${fixture}`);
      const kernel = writeImage(work.dir, `${fixture}-${index}`, intent);
      const socket = `${work.dir}/control-${index}.sock`;
      const result = await runStub(commandLine(variant, kernel, socket), {
        env: { CROSVM_STUB_ERA: date },
        action: stubAction(action, expected),
        socketPath: socket,
      });
      if (expected === 'running') {
        expect(describeEnding(result)).toBe('exit 0');
        expect(result.stopCode).toBe(0);
      } else if (typeof expected === 'number') {
        expect(describeEnding(result)).toBe(`exit ${expected}`);
      } else {
        expect(describeEnding(result)).toBe(`signal ${expected}`);
      }
    },
  );
});
