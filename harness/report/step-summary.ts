import { appendFile, stat } from 'node:fs/promises';

/**
 * Size limit of one step's summary file in bytes. The GitHub Actions runner rejects a larger
 * file with "$GITHUB_STEP_SUMMARY upload aborted, supports content up to a size of 1024k" and
 * then shows none of it.
 */
export const STEP_SUMMARY_MAX_BYTES = 1024 * 1024;

/** Size of the file at `path` in bytes, or 0 when it does not exist yet. */
async function existingBytes(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

/**
 * Appends Markdown to the file named by `$GITHUB_STEP_SUMMARY` and returns its path, or returns
 * undefined when the variable is unset or empty. The `full` text is appended when the file
 * stays within the step limit, else the `compact` text, after a blank line when the file is not
 * empty.
 */
export async function appendStepSummary(
  full: string,
  compact: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | undefined> {
  const path = env['GITHUB_STEP_SUMMARY'];
  if (path === undefined || path === '') return undefined;
  try {
    const existing = await existingBytes(path);
    // A blank line keeps earlier Markdown, such as an unfinished paragraph, apart from ours.
    const separator = existing > 0 ? '\n' : '';
    const room = STEP_SUMMARY_MAX_BYTES - existing - separator.length - 1;
    const text = Buffer.byteLength(full, 'utf8') <= room ? full : compact;
    await appendFile(path, `${separator}${text.replace(/\n*$/, '\n')}`, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `failed to append the step summary to GITHUB_STEP_SUMMARY=${path}: ${reason}; ` +
        'unset the variable or point it at a writable file',
      { cause: error },
    );
  }
  return path;
}
