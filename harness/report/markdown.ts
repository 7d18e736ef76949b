import type { RunReport, ScenarioResult, VerdictKind } from '../run/types.js';
import {
  differsFromPrimary,
  exitLabel,
  formatCounts,
  headerFacts,
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
 * conformance.md: a header naming what was tested, the verdict counts, the unexpected scenarios
 * with their evidence, and a scenario-by-profile matrix, written to read well in a pull request
 * or a GitHub step summary (GitHub Flavored Markdown).
 */

/** Console lines shown per unexpected scenario; the tail usually shows why the guest ended. */
const CONSOLE_EXCERPT_LINES = 15;
/** Console characters shown per unexpected scenario, to keep the page short. */
const CONSOLE_EXCERPT_CHARS = 1500;

/** Marker before each verdict, so the matrix can be scanned without reading every word. */
const VERDICT_MARK: Readonly<Record<VerdictKind, string>> = {
  pass: '✅',
  'expected-divergence': '☑️',
  unexpected: '❌',
  flaky: '⚠️',
};

/**
 * Escapes text for a GFM table cell or inline text, folded onto one line. Markdown punctuation
 * that could start emphasis, code, links or strike-through is backslash-escaped, and so is the
 * `|` that would split a cell. Then `&`, `<` and `>` become entities, so raw tags never render.
 */
export function escapeMarkdown(text: string): string {
  return oneLine(text)
    .replace(/[\\`*_[\]|~]/g, '\\$&')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

/** Maximum length of a backtick run in `text`; a code span or fence around it must be longer. */
function longestBacktickRun(text: string): number {
  return Math.max(
    0,
    ...Array.from(text.matchAll(/`+/g), (match) => match[0].length),
  );
}

/** Wraps one line in a code span that its own backticks cannot close. */
function inlineCode(raw: string): string {
  const text = oneLine(raw);
  const ticks = '`'.repeat(longestBacktickRun(text) + 1);
  return `${ticks} ${text} ${ticks}`;
}

/**
 * Wraps text in a fenced code block whose fence is longer than any backtick run inside, so guest
 * output cannot close the block early.
 */
function fenced(raw: string): string {
  const text = visibleText(raw).replace(/\n+$/, '');
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(text) + 1));
  return `${fence}text\n${text}\n${fence}`;
}

function headerLines(report: RunReport): string[] {
  const lines = ['| | |', '| --- | --- |'];
  for (const [label, value] of headerFacts(report)) {
    lines.push(`| ${label} | ${escapeMarkdown(value)} |`);
  }
  const findings = report.avfFindings ?? [];
  if (findings.length > 0) {
    lines.push('', '**AVF source-tree findings**', '');
    for (const finding of findings) lines.push(`- ${escapeMarkdown(finding)}`);
  }
  return lines;
}

function matrixLines(
  report: RunReport,
  results: readonly ScenarioResult[],
): string[] {
  const profiles = report.target.profiles;
  const primary = profiles[0] ?? '';
  const lines = [
    `| Scenario | Exit | ${profiles.map(escapeMarkdown).join(' | ')} | Verdict |`,
    `| --- | --- | ${profiles.map(() => '---').join(' | ')} | --- |`,
  ];
  for (const result of results) {
    const reasons = profiles.map((profile) => {
      const reason = escapeMarkdown(reasonUnder(result, profile));
      return differsFromPrimary(result, profile, primary)
        ? `**${reason}**`
        : reason;
    });
    const verdict = `${VERDICT_MARK[result.verdict]} ${VERDICT_LABEL[result.verdict]}`;
    lines.push(
      `| ${escapeMarkdown(result.id)} | ${escapeMarkdown(exitLabel(result))} | ${reasons.join(' | ')} | ${verdict} |`,
    );
  }
  return lines;
}

function failureLines(report: RunReport, result: ScenarioResult): string[] {
  const primary = report.target.profiles[0] ?? '';
  const expected = result.expected;
  const expectedNote =
    expected === undefined
      ? 'no approved expectation'
      : `expected ${expected.exit}, ${expected.reason}`;
  return [
    `#### ${VERDICT_MARK[result.verdict]} ${escapeMarkdown(result.id)}`,
    '',
    escapeMarkdown(result.detail),
    '',
    `- Got: ${escapeMarkdown(`${exitLabel(result)}, ${reasonUnder(result, primary)}`)} (${escapeMarkdown(expectedNote)})`,
    `- Command line: ${inlineCode(formatCommandLine(result.argv))}`,
    `- Console: ${inlineCode(result.console.path)}, stderr: ${inlineCode(result.stderr.path)}`,
    '',
    fenced(
      tailExcerpt(
        result.console.tail,
        CONSOLE_EXCERPT_LINES,
        CONSOLE_EXCERPT_CHARS,
      ),
    ),
    '',
  ];
}

/** Lists each expected divergence with the reason approved for it. */
function divergenceLines(results: readonly ScenarioResult[]): string[] {
  const divergent = results.filter(
    (result) => result.verdict === 'expected-divergence',
  );
  if (divergent.length === 0) return [];
  const lines = ['### Expected divergences', ''];
  for (const result of divergent) {
    const reason = result.expected?.divergence ?? result.detail;
    lines.push(`- ${escapeMarkdown(result.id)}: ${escapeMarkdown(reason)}`);
  }
  lines.push('');
  return lines;
}

/** Options of `buildMarkdown`. */
export interface MarkdownOptions extends ReportOptions {
  /**
   * Includes the expected divergences and the scenario-by-profile matrix. Defaults to true. The
   * GitHub step summary leaves them out when the full text would pass the summary size limit.
   */
  readonly withMatrix?: boolean;
}

/**
 * Builds conformance.md. The title counts the scenarios that fail the run under `options`, and
 * every unexpected or flaky scenario is listed with its evidence.
 */
export function buildMarkdown(
  report: RunReport,
  options: MarkdownOptions = {},
): string {
  const results = sortedResults(report);
  const failures = results.filter((result) =>
    isFailure(result.verdict, options),
  );
  const evidence = results.filter(
    (result) => result.verdict === 'unexpected' || result.verdict === 'flaky',
  );
  const title =
    failures.length === 0
      ? 'all as expected'
      : `${failures.length} not as expected`;
  const lines = [
    `## crosvm conformance: ${title}`,
    '',
    escapeMarkdown(formatCounts(results)),
    '',
    ...headerLines(report),
    '',
  ];
  if (evidence.length > 0) {
    lines.push('### Unexpected and flaky outcomes', '');
    for (const result of evidence) lines.push(...failureLines(report, result));
  }
  if (options.withMatrix !== false) {
    lines.push(...divergenceLines(results));
    lines.push('### Outcome by AVF profile', '');
    lines.push(
      'A bold reason differs from the primary profile\u2019s reading.',
      '',
    );
    lines.push(...matrixLines(report, results), '');
  }
  return lines.join('\n');
}
