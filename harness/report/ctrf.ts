import type { RunReport, ScenarioResult, VerdictKind } from '../run/types.js';
import {
  countVerdicts,
  exitLabel,
  isFailure,
  type ReportOptions,
  sortedResults,
} from './outcome.js';
import { visibleText } from './text.js';

/**
 * conformance.json in the Common Test Report Format (CTRF), specification version 1.0.0 as
 * published in the ctrf-io/ctrf repository. Facts CTRF has no field for live in `extra` under
 * one key, because the CTRF specification recommends that producers namespace their
 * `extra` keys and use one prefix across the document.
 */

/** CTRF specification version this file follows. */
export const CTRF_SPEC_VERSION = '1.0.0';
/** The single `extra` key under which this tool stores its own fields. */
export const CTRF_EXTRA_KEY = 'crosvm-conformance';
/** Name written to `results.tool.name` and `generatedBy`. */
const TOOL_NAME = 'crosvm-conformance';

/** CTRF test statuses used here; `skipped`, `pending` and `other` are never produced. */
type CtrfStatus = 'passed' | 'failed';

/** One CTRF test entry as this tool writes it. */
export interface CtrfTest {
  readonly name: string;
  readonly testId: string;
  readonly status: CtrfStatus;
  readonly rawStatus: VerdictKind;
  /** Wall-clock run time in whole milliseconds. */
  readonly duration: number;
  readonly suite: readonly string[];
  readonly message: string;
  readonly flaky: boolean;
  readonly labels: Readonly<Record<string, string>>;
  readonly stdout: readonly string[];
  readonly stderr: readonly string[];
  readonly extra: Readonly<Record<string, unknown>>;
}

/** The CTRF document as this tool writes it. */
export interface CtrfReport {
  readonly reportFormat: 'CTRF';
  readonly specVersion: string;
  readonly timestamp: string;
  readonly generatedBy: string;
  readonly results: {
    readonly tool: { readonly name: string };
    readonly summary: Readonly<Record<string, number>>;
    readonly tests: readonly CtrfTest[];
    readonly extra: Readonly<Record<string, unknown>>;
  };
}

/** Milliseconds since the epoch of an ISO 8601 time; throws on a value that is not one. */
function epochMs(iso: string, field: string): number {
  const value = Date.parse(iso);
  if (Number.isNaN(value)) {
    throw new RangeError(
      `invalid ${field} "${iso}": expected an ISO 8601 time`,
    );
  }
  return value;
}

function ctrfTest(
  report: RunReport,
  result: ScenarioResult,
  options: ReportOptions,
): CtrfTest {
  const deathReasons = Object.fromEntries(
    result.classifications.map((entry) => [
      entry.profile,
      {
        reason: entry.reason,
        value: entry.value,
        message: visibleText(entry.message),
      },
    ]),
  );
  const details = {
    exitStatus: result.status,
    exit: exitLabel(result),
    deathReasons,
    target: {
      era: report.target.era,
      profile: report.target.profiles[0] ?? null,
    },
    binary: report.binary,
    vmm: result.vmm,
    argv: result.argv.map(visibleText),
    expected: result.expected ?? null,
    failureString:
      result.failureString === undefined
        ? null
        : visibleText(result.failureString),
    console: {
      path: result.console.path,
      bytes: result.console.bytes,
      truncated: result.console.truncated,
    },
    stderr: {
      path: result.stderr.path,
      bytes: result.stderr.bytes,
      truncated: result.stderr.truncated,
    },
  };
  return {
    name: result.id,
    testId: result.id,
    status: isFailure(result.verdict, options) ? 'failed' : 'passed',
    rawStatus: result.verdict,
    duration: Math.round(result.durationMs),
    suite: [result.fixture],
    message: visibleText(result.detail),
    flaky: result.verdict === 'flaky',
    labels: {
      fixture: result.fixture,
      variant: result.variant,
      hostAction: result.hostAction,
    },
    stdout: visibleText(result.console.tail).split('\n'),
    stderr: visibleText(result.stderr.tail).split('\n'),
    extra: { [CTRF_EXTRA_KEY]: details },
  };
}

/** Builds the CTRF document for a run. Stream text is passed through `visibleText`. */
export function buildCtrf(
  report: RunReport,
  options: ReportOptions = {},
): CtrfReport {
  const results = sortedResults(report);
  const counts = countVerdicts(results);
  const failed = results.filter((result) =>
    isFailure(result.verdict, options),
  ).length;
  const start = epochMs(report.startedAt, 'startedAt');
  const stop = epochMs(report.finishedAt, 'finishedAt');
  const summary = {
    tests: results.length,
    passed: results.length - failed,
    failed,
    skipped: 0,
    pending: 0,
    other: 0,
    flaky: counts.flaky,
    start,
    stop,
    duration: stop - start,
  };
  const runFacts = {
    binary: report.binary,
    vmm: report.vmm,
    target: report.target,
    verdicts: counts,
    fingerprint: report.fingerprint ?? null,
    avfFindings: report.avfFindings ?? [],
  };
  return {
    reportFormat: 'CTRF',
    specVersion: CTRF_SPEC_VERSION,
    timestamp: new Date(stop).toISOString(),
    generatedBy: TOOL_NAME,
    results: {
      tool: { name: TOOL_NAME },
      summary,
      tests: results.map((result) => ctrfTest(report, result, options)),
      extra: { [CTRF_EXTRA_KEY]: runFacts },
    },
  };
}
