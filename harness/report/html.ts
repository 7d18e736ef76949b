import type { RunReport, ScenarioResult } from '../run/types.js';
import { PAGE_SCRIPT, PAGE_STYLE } from './html-assets.js';
import {
  differsFromPrimary,
  exitLabel,
  formatCounts,
  headerFacts,
  reasonUnder,
  sortedResults,
  VERDICT_LABEL,
  VERDICT_ORDER,
} from './outcome.js';
import {
  escapeHtml,
  formatCommandLine,
  tailExcerpt,
  visibleText,
} from './text.js';

/**
 * conformance.html: one self-contained page with inline CSS and JavaScript. A Content Security
 * Policy forbids every network fetch. Every value from the run is escaped with `escapeHtml`
 * after `visibleText`, so guest output shows as text and never as markup.
 */

/** Console lines kept per scenario on the page; enough to follow a boot log to its end. */
const CONSOLE_EXCERPT_LINES = 400;
/** Console characters kept per scenario; with stderr, a scenario adds at most 24,000 before escaping. */
const CONSOLE_EXCERPT_CHARS = 16_000;
/** Stderr lines kept per scenario. */
const STDERR_EXCERPT_LINES = 200;
/** Stderr characters kept per scenario. */
const STDERR_EXCERPT_CHARS = 8000;

/** Inline styles and scripts only, and no fetches of any kind. */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

/** Escapes any run value for HTML text or a quoted attribute. */
function html(text: string): string {
  return escapeHtml(visibleText(text));
}

function evidenceId(index: number): string {
  return `evidence-${index}`;
}

/** Links a matrix cell to its scenario's evidence; `profile` marks that profile's row there. */
function cellLink(
  index: number,
  result: ScenarioResult,
  label: string,
  title: string,
  profile?: string,
): string {
  const profileAttribute =
    profile === undefined ? '' : ` data-profile="${html(profile)}"`;
  return `<a href="#${evidenceId(index)}" data-evidence="${evidenceId(index)}" data-title="${html(`${result.id}: ${title}`)}"${profileAttribute}>${html(label)}</a>`;
}

function matrixRow(
  report: RunReport,
  result: ScenarioResult,
  index: number,
): string {
  const profiles = report.target.profiles;
  const primary = profiles[0] ?? '';
  const cells = [
    `<th scope="row">${cellLink(index, result, result.id, 'evidence')}</th>`,
    `<td>${cellLink(index, result, exitLabel(result), 'exit')}</td>`,
  ];
  for (const profile of profiles) {
    const differs = differsFromPrimary(result, profile, primary);
    const attributes = differs
      ? ' class="differs" title="differs from the primary profile"'
      : '';
    cells.push(
      `<td${attributes}>${cellLink(index, result, reasonUnder(result, profile), profile, profile)}</td>`,
    );
  }
  cells.push(`<td>${html(VERDICT_LABEL[result.verdict])}</td>`);
  return `<tr class="v-${result.verdict}">${cells.join('')}</tr>`;
}

function reasonsTable(result: ScenarioResult): string {
  const rows = result.classifications.map(
    (entry) =>
      `<tr data-profile="${html(entry.profile)}"><td>${html(entry.profile)}</td><td>${html(entry.reason)}</td><td>${entry.value}</td><td>${html(entry.message)}</td></tr>`,
  );
  return `<table><thead><tr><th>Profile</th><th>DeathReason</th><th>Value</th><th>Message</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function evidenceBlock(result: ScenarioResult, index: number): string {
  const expected = result.expected;
  const facts: [string, string][] = [
    ['Verdict', `${VERDICT_LABEL[result.verdict]}: ${result.detail}`],
    ['Exit', exitLabel(result)],
    [
      'Expected',
      expected === undefined
        ? 'no approved expectation'
        : `${expected.exit}, ${expected.reason}`,
    ],
    ['Duration', `${Math.round(result.durationMs)} ms`],
    ['Variant and host action', `${result.variant}, ${result.hostAction}`],
  ];
  if (expected?.divergence !== undefined)
    facts.push(['Known divergence', expected.divergence]);
  if (result.failureString !== undefined)
    facts.push(['Failure port', result.failureString]);
  const { console, stderr } = result;
  const consoleNote = `${console.path}, ${console.bytes} bytes${console.truncated ? ', middle dropped' : ''}`;
  const stderrNote = `${stderr.path}, ${stderr.bytes} bytes${stderr.truncated ? ', middle dropped' : ''}`;
  return [
    `<details class="evidence-entry" id="${evidenceId(index)}"><summary>${html(result.id)}</summary>`,
    '<div class="evidence">',
    `<dl class="facts">${facts.map(([label, value]) => `<dt>${html(label)}</dt><dd>${html(value)}</dd>`).join('')}</dl>`,
    `<h3>Command line</h3><pre>${html(formatCommandLine(result.argv))}</pre>`,
    `<h3>DeathReason by profile</h3>${reasonsTable(result)}`,
    `<h3>Stderr</h3><p>${html(stderrNote)}</p>`,
    `<pre>${html(tailExcerpt(stderr.tail, STDERR_EXCERPT_LINES, STDERR_EXCERPT_CHARS))}</pre>`,
    `<h3>Console</h3><p>${html(consoleNote)}</p>`,
    `<pre>${html(tailExcerpt(console.tail, CONSOLE_EXCERPT_LINES, CONSOLE_EXCERPT_CHARS))}</pre>`,
    '</div></details>',
  ].join('\n');
}

function header(report: RunReport, results: readonly ScenarioResult[]): string {
  const facts = headerFacts(report)
    .map(([label, value]) => `<dt>${html(label)}</dt><dd>${html(value)}</dd>`)
    .join('');
  const findings = (report.avfFindings ?? []).map(
    (finding) => `<li>${html(finding)}</li>`,
  );
  const findingsBlock =
    findings.length === 0
      ? ''
      : `<h2>AVF source-tree findings</h2><ul>${findings.join('')}</ul>`;
  const legend = VERDICT_ORDER.map(
    (verdict) =>
      `<span class="v-${verdict}">${html(VERDICT_LABEL[verdict])}</span>`,
  ).join('');
  return [
    `<h1>crosvm conformance</h1><p>${html(formatCounts(results))}</p>`,
    `<dl class="facts">${facts}</dl>`,
    findingsBlock,
    `<p class="legend">${legend}</p>`,
  ].join('\n');
}

/** Builds conformance.html for a run. */
export function buildHtml(report: RunReport): string {
  const results = sortedResults(report);
  const profileHeads = report.target.profiles.map(
    (profile) => `<th>${html(profile)}</th>`,
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>crosvm conformance: ${html(formatCounts(results))}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
${header(report, results)}
<p><label><input type="checkbox" id="only-failures"> Show only unexpected and flaky scenarios</label></p>
<table class="matrix">
<thead><tr><th>Scenario</th><th>Exit</th>${profileHeads.join('')}<th>Verdict</th></tr></thead>
<tbody>
${results.map((result, index) => matrixRow(report, result, index)).join('\n')}
</tbody>
</table>
<h2>Evidence</h2>
${results.map((result, index) => evidenceBlock(result, index)).join('\n')}
<dialog id="evidence-dialog"><form method="dialog"><button>Close</button></form><h2></h2><div class="dialog-body"></div></dialog>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}
