import {
  exited,
  signaled,
  waitFailed,
} from '../../harness/model/exit-status.js';
import type {
  CapturedStream,
  ProfileClassification,
  RunReport,
  ScenarioResult,
} from '../../harness/run/types.js';

/** Builders of `RunReport` values for the report tests, including hostile console bytes. */

/** Profiles used by the test reports, primary first. */
export const PROFILES = [
  'avf-2022-02-03',
  'avf-2022-06-13',
  'avf-2023-03-10',
] as const;

/**
 * Console text a guest could print. It contains NUL, ANSI colour and cursor sequences, a lone
 * surrogate (left by a broken UTF-16 conversion), U+FFFD from invalid UTF-8, U+FFFE and a C1
 * control. It also contains a CDATA terminator, markup, Markdown table and code syntax, and
 * shell quotes.
 */
export const NASTY_CONSOLE = [
  'boot\u0000ok',
  '\u001b[31mred\u001b[0m \u001b[2J cleared',
  'lone \ud800 surrogate, invalid utf8 \ufffd\ufffd, nonchar \ufffe, c1 \u0085',
  ']]> <![CDATA[ x ]]> </pre></details></script><script>console.error("injected")</script>',
  '<img src=x onerror="console.error(1)"> & &amp; | pipe | `code` ``` fence',
  'it\'s "quoted" \u007f del',
].join('\n');

/** Builds a captured stream with `tail` as its text. */
export function stream(
  path: string,
  tail: string,
  truncated = false,
): CapturedStream {
  return { path, bytes: Buffer.byteLength(tail, 'utf8'), truncated, tail };
}

/** Builds one classification per profile from `reasons`, given primary profile first. */
export function classify(reasons: readonly string[]): ProfileClassification[] {
  return reasons.map((reason, index) => ({
    profile: PROFILES[index] ?? `profile-${index}`,
    reason,
    value: index + 1,
    message: `VM ended: ${reason}`,
  }));
}

/** Builds a passing reboot scenario result, with `overrides` replacing any field. */
export function scenario(
  overrides: Partial<ScenarioResult> = {},
): ScenarioResult {
  const fixture = overrides.fixture ?? 'reboot-i8042';
  const id = overrides.id ?? `${fixture}.ext.none`;
  return {
    id,
    fixture,
    variant: 'ext',
    hostAction: 'none',
    vmm: 'crosvm',
    argv: [
      '/usr/bin/crosvm',
      'run',
      '--extended-status',
      `fixtures/images/${fixture}.elf`,
    ],
    status: exited(32),
    durationMs: 412.6,
    console: stream(
      `/tmp/reports/${id}/console.log`,
      'Booting\nrebooting via i8042\n',
    ),
    stderr: stream(
      `/tmp/reports/${id}/stderr.log`,
      'crosvm has exited with reboot\n',
    ),
    classifications: classify(['REBOOT', 'REBOOT', 'REBOOT']),
    expected: { exit: 'exit 32', reason: 'REBOOT' },
    verdict: 'pass',
    detail: 'exit 32 and REBOOT as approved',
    ...overrides,
  };
}

/** Builds a run with one scenario of each verdict, hostile console bytes and all optional fields. */
export function mixedReport(): RunReport {
  return {
    startedAt: '2026-12-04T15:00:00.000Z',
    finishedAt: '2026-12-04T15:00:42.500Z',
    binary: {
      path: 'stub:2022-06-13',
      foundBy: 'bundled stub',
      stubEra: '2022-06-13',
    },
    vmm: 'crosvm',
    target: { era: '2026-08-21', profiles: PROFILES },
    fingerprint: 'fingerprint: matches era 2022-06-13 (12 of 12 probes)',
    avfFindings: [
      'DeathReason.aidl adds WATCHDOG_REBOOT = 36 | not in <avf-2022-02-03>',
    ],
    results: [
      scenario(),
      scenario({
        id: 'crash-pvpanic.plain.none',
        fixture: 'crash-pvpanic',
        variant: 'plain',
        status: exited(0),
        classifications: classify(['SHUTDOWN', 'SHUTDOWN', 'CRASH']),
        expected: {
          exit: 'exit 0',
          reason: 'SHUTDOWN',
          divergence: 'pvpanic needs --pvpanic',
        },
        verdict: 'expected-divergence',
        detail: 'known divergence: pvpanic device absent before 2023',
      }),
      scenario({
        id: 'hang.ext.sigkill',
        fixture: 'hang',
        hostAction: 'sigkill',
        argv: [
          '/opt/cros vm/crosvm',
          'run',
          "--params=console='ttyS0'",
          'hang.elf',
        ],
        status: signaled('SIGKILL'),
        console: stream('/tmp/reports/hang/console.log', NASTY_CONSOLE, true),
        stderr: stream(
          '/tmp/reports/hang/stderr.log',
          'stderr \u001b[1m<b>bold</b>',
        ),
        classifications: classify(['KILLED', 'KILLED', 'KILLED']),
        expected: { exit: 'exit 33', reason: 'CRASH' },
        failureString: 'panic <here> \u0000',
        verdict: 'unexpected',
        detail: 'got signal SIGKILL (9), KILLED but approved exit 33, CRASH',
      }),
      scenario({
        id: 'busy-loop.ext.timeout',
        fixture: 'busy-loop',
        hostAction: 'timeout',
        status: waitFailed(new Error('waitpid failed: ECHILD')),
        classifications: classify([
          'INFRASTRUCTURE_ERROR',
          'UNKNOWN',
          'UNKNOWN',
        ]),
        verdict: 'flaky',
        detail: 'outcomes differed across 3 repeats | 2 of 3',
      }),
    ],
  };
}

/** Builds a run of `count` scenarios over 7 fixtures, each with a `consoleLines`-line console. */
export function largeReport(count: number, consoleLines: number): RunReport {
  const longConsole = Array.from(
    { length: consoleLines },
    (_, line) => `line ${line}`,
  ).join('\n');
  const results = Array.from({ length: count }, (_, index) =>
    scenario({
      id: `fixture-${index % 7}.variant-${index}.none`,
      fixture: `fixture-${index % 7}`,
      console: stream(`/tmp/c${index}.log`, longConsole, true),
      verdict: index % 5 === 0 ? 'unexpected' : 'pass',
    }),
  );
  return { ...mixedReport(), results };
}
