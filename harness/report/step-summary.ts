import { appendFile } from 'node:fs/promises';

/**
 * Size limit of one step's summary in bytes. GitHub Actions documents 1 MiB per step and drops
 * larger summaries with an error.
 */
export const STEP_SUMMARY_MAX_BYTES = 1024 * 1024;

/**
 * Appends Markdown to the file named by `$GITHUB_STEP_SUMMARY` and returns its path, or returns
 * undefined when the variable is unset or empty. `full` is used when it fits the step limit
 * (counting what the file already holds is left to GitHub), else `compact`.
 */
export async function appendStepSummary(
  full: string,
  compact: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | undefined> {
  const path = env['GITHUB_STEP_SUMMARY'];
  if (path === undefined || path === '') return undefined;
  const text =
    Buffer.byteLength(full, 'utf8') <= STEP_SUMMARY_MAX_BYTES ? full : compact;
  try {
    await appendFile(path, text.endsWith('\n') ? text : `${text}\n`, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `cannot append the step summary to GITHUB_STEP_SUMMARY=${path}: ${reason}; ` +
        'unset the variable or point it at a writable file',
      { cause: error },
    );
  }
  return path;
}
