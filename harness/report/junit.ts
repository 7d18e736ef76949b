import XmlBuilder from 'fast-xml-builder';
import type { RunReport, ScenarioResult } from '../run/types.js';
import {
  exitLabel,
  isFailure,
  type ReportOptions,
  reasonUnder,
  sortedResults,
  VERDICT_LABEL,
} from './outcome.js';
import {
  formatCommandLine,
  oneLine,
  tailExcerpt,
  visibleText,
} from './text.js';

/**
 * The JUnit XML report: one testsuite named after the tool, one testcase per scenario with the
 * fixture as classname and the scenario id as name. Unexpected and flaky scenarios carry a
 * `<failure>` whose body contains the evidence a CI reader needs without opening other files.
 */

/** Name of the testsuites and testsuite elements. */
const SUITE_NAME = 'crosvm-conformance';
/** Console lines kept in a failure body; the tail usually shows why the guest ended. */
const CONSOLE_EXCERPT_LINES = 40;
/** Console characters kept in a failure body, so one chatty guest cannot bloat the file. */
const CONSOLE_EXCERPT_CHARS = 4000;
/** Stderr lines kept in a failure body, taken from the end, where a failing process logs its error. */
const STDERR_EXCERPT_LINES = 20;
/** Stderr characters kept in a failure body. */
const STDERR_EXCERPT_CHARS = 2000;

type XmlNode = Record<string, unknown>;

function property(name: string, value: string): XmlNode {
  return { '@_name': visibleText(name), '@_value': oneLine(value) };
}

function seconds(milliseconds: number): string {
  return (milliseconds / 1000).toFixed(3);
}

function runProperties(report: RunReport): XmlNode[] {
  const properties = [
    property('binary', report.binary.path),
    property('binary.found-by', report.binary.foundBy),
    property('target.era', report.target.era),
    property('target.profiles', report.target.profiles.join(' ')),
    property('vmm', report.vmm),
  ];
  if (report.binary.stubEra !== undefined) {
    properties.push(property('binary.stub-era', report.binary.stubEra));
  }
  if (report.fingerprint !== undefined) {
    properties.push(property('fingerprint', report.fingerprint));
  }
  for (const finding of report.avfFindings ?? []) {
    properties.push(property('avf-finding', finding));
  }
  return properties;
}

function caseProperties(report: RunReport, result: ScenarioResult): XmlNode[] {
  const properties = [
    property('verdict', result.verdict),
    property('exit', exitLabel(result)),
    property('variant', result.variant),
    property('host-action', result.hostAction),
  ];
  for (const profile of report.target.profiles) {
    properties.push(
      property(`reason.${profile}`, reasonUnder(result, profile)),
    );
  }
  if (result.expected?.divergence !== undefined) {
    properties.push(property('divergence', result.expected.divergence));
  }
  return properties;
}

/** Formats the failure body: command line, exit, reasons, then console and stderr excerpts. */
function failureBody(report: RunReport, result: ScenarioResult): string {
  const expected = result.expected;
  const lines = [
    `${VERDICT_LABEL[result.verdict]}: ${result.detail}`,
    `command: ${formatCommandLine(result.argv)}`,
    `exit: ${exitLabel(result)}${expected === undefined ? '' : ` (expected ${expected.exit})`}`,
  ];
  report.target.profiles.forEach((profile, index) => {
    const expectedNote =
      index === 0 && expected !== undefined
        ? ` (expected ${expected.reason})`
        : '';
    lines.push(
      `reason under ${profile}: ${reasonUnder(result, profile)}${expectedNote}`,
    );
  });
  if (result.failureString !== undefined) {
    lines.push(`failure port: ${result.failureString}`);
  }
  const console = result.console;
  lines.push(
    `console (${console.bytes} bytes${console.truncated ? ', middle dropped' : ''}, ${console.path}):`,
    tailExcerpt(console.tail, CONSOLE_EXCERPT_LINES, CONSOLE_EXCERPT_CHARS),
    `stderr (${result.stderr.bytes} bytes, ${result.stderr.path}):`,
    tailExcerpt(result.stderr.tail, STDERR_EXCERPT_LINES, STDERR_EXCERPT_CHARS),
  );
  return visibleText(lines.join('\n'));
}

function testcase(
  report: RunReport,
  result: ScenarioResult,
  options: ReportOptions,
): XmlNode {
  const node: XmlNode = {
    '@_classname': visibleText(result.fixture),
    '@_name': visibleText(result.id),
    '@_time': seconds(result.durationMs),
    properties: { property: caseProperties(report, result) },
  };
  if (isFailure(result.verdict, options)) {
    node['failure'] = {
      '@_type': result.verdict,
      '@_message': oneLine(
        `${exitLabel(result)}, ${reasonUnder(result, report.target.profiles[0] ?? '')}: ${result.detail}`,
      ),
      '#text': failureBody(report, result),
    };
  }
  return node;
}

/** Builds junit.xml for a run. The output is well-formed XML 1.0 whatever bytes the guest wrote. */
export function buildJunit(
  report: RunReport,
  options: ReportOptions = {},
): string {
  const results = sortedResults(report);
  const failures = results.filter((result) =>
    isFailure(result.verdict, options),
  ).length;
  const totalMs = results.reduce((sum, result) => sum + result.durationMs, 0);
  const totals = {
    '@_tests': String(results.length),
    '@_failures': String(failures),
    '@_errors': '0',
    '@_skipped': '0',
    '@_time': seconds(totalMs),
  };
  const document = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': SUITE_NAME,
      ...totals,
      testsuite: {
        '@_name': SUITE_NAME,
        ...totals,
        '@_timestamp': visibleText(report.startedAt),
        properties: { property: runProperties(report) },
        testcase: results.map((result) => testcase(report, result, options)),
      },
    },
  };
  const builder = new XmlBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    format: true,
    suppressEmptyNode: true,
  });
  return builder.build(document);
}
