import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { RunReport } from '../run/types.js';
import { writeFileAtomic } from './atomic-write.js';
import { buildCtrf } from './ctrf.js';
import { buildHtml } from './html.js';
import { buildJunit } from './junit.js';
import { buildMarkdown } from './markdown.js';
import type { ReportOptions } from './outcome.js';
import { appendStepSummary } from './step-summary.js';

export { buildCtrf } from './ctrf.js';
export { buildHtml } from './html.js';
export { buildJunit } from './junit.js';
export { buildMarkdown } from './markdown.js';
export type { ReportOptions } from './outcome.js';

/** Absolute paths of the files one run's reports were written to. */
export interface ReportPaths {
  readonly junit: string;
  readonly ctrf: string;
  readonly markdown: string;
  readonly html: string;
  /** The `$GITHUB_STEP_SUMMARY` file the Markdown summary was appended to, when set. */
  readonly stepSummary?: string;
}

/** Options of `writeReports`. */
export interface WriteReportsOptions extends ReportOptions {
  /** Environment read for `GITHUB_STEP_SUMMARY`; defaults to `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Writes junit.xml, conformance.json (CTRF), conformance.md and conformance.html into `dir`,
 * creating it, each file atomically. When `GITHUB_STEP_SUMMARY` is set, also appends the
 * Markdown report to that file.
 */
export async function writeReports(
  report: RunReport,
  dir: string,
  options: WriteReportsOptions = {},
): Promise<ReportPaths> {
  const folder = resolve(dir);
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `failed to create the reports folder ${folder}: ${reason}; pass a writable folder with --reports DIR`,
      { cause: error },
    );
  }
  const markdown = buildMarkdown(report, options);
  const paths = {
    junit: join(folder, 'junit.xml'),
    ctrf: join(folder, 'conformance.json'),
    markdown: join(folder, 'conformance.md'),
    html: join(folder, 'conformance.html'),
  };
  await writeFileAtomic(paths.junit, buildJunit(report, options));
  await writeFileAtomic(
    paths.ctrf,
    `${JSON.stringify(buildCtrf(report, options), null, 2)}\n`,
  );
  await writeFileAtomic(paths.markdown, markdown);
  await writeFileAtomic(paths.html, buildHtml(report));
  const stepSummary = await appendStepSummary(
    markdown,
    buildMarkdown(report, { ...options, withMatrix: false }),
    options.env,
  );
  return stepSummary === undefined ? paths : { ...paths, stepSummary };
}
