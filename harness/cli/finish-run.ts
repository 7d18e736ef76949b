import { writeReports } from '../report/index.js';
import { formatSummary } from '../run/progress.js';
import type { RunReport } from '../run/types.js';
import { failsRun } from '../run/verdict.js';

/**
 * Ends a `run`: writes the four reports, prints the summary table and the report paths, and
 * returns the exit status, 1 when any scenario is unexpected (or flaky without `allowFlaky`).
 */
export async function finishRun(
  report: RunReport,
  reportsDir: string,
  allowFlaky: boolean,
): Promise<number> {
  const paths = await writeReports(report, reportsDir, { allowFlaky });
  process.stdout.write(formatSummary(report.results));
  process.stdout.write(
    `reports: ${paths.junit}, ${paths.ctrf}, ${paths.markdown}, ${paths.html}\n`,
  );
  const failed = report.results.some((result) =>
    failsRun(result.verdict, allowFlaky),
  );
  return failed ? 1 : 0;
}
