import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { RunReport } from '../run/types.js';
import { writeFileAtomic } from './atomic-write.js';
import { buildCtrf } from './ctrf.js';
import { buildHtml } from './html.js';
import { buildJunit } from './junit.js';
import { buildMarkdown } from './markdown.js';
import { appendStepSummary } from './step-summary.js';

export { buildCtrf } from './ctrf.js';
export { buildHtml } from './html.js';
export { buildJunit } from './junit.js';
export { buildMarkdown } from './markdown.js';

/** Absolute paths of the files one run's reports were written to. */
export interface ReportPaths {
  readonly junit: string;
  readonly ctrf: string;
  readonly markdown: string;
  readonly html: string;
  /** The `$GITHUB_STEP_SUMMARY` file the Markdown summary was appended to, when set. */
  readonly stepSummary?: string;
}

/**
 * Writes junit.xml, conformance.json (CTRF), conformance.md and conformance.html into `dir`,
 * creating it, each file atomically. When `$GITHUB_STEP_SUMMARY` is set in `env`, also appends
 * the Markdown report to that file.
 */
export async function writeReports(
  report: RunReport,
  dir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ReportPaths> {
  const folder = resolve(dir);
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `cannot create the reports folder ${folder}: ${reason}; pass a writable folder with --reports DIR`,
      { cause: error },
    );
  }
  const markdown = buildMarkdown(report);
  const paths = {
    junit: join(folder, 'junit.xml'),
    ctrf: join(folder, 'conformance.json'),
    markdown: join(folder, 'conformance.md'),
    html: join(folder, 'conformance.html'),
  };
  await writeFileAtomic(paths.junit, buildJunit(report));
  await writeFileAtomic(
    paths.ctrf,
    `${JSON.stringify(buildCtrf(report), null, 2)}\n`,
  );
  await writeFileAtomic(paths.markdown, markdown);
  await writeFileAtomic(paths.html, buildHtml(report));
  const stepSummary = await appendStepSummary(
    markdown,
    buildMarkdown(report, false),
    env,
  );
  return stepSummary === undefined ? paths : { ...paths, stepSummary };
}
