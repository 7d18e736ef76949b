import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';

/** Loads report pages in headless Chromium and collects what the page logged. */

/** Chromium as installed by the Debian package in .ci/run. */
export const CHROMIUM = '/usr/bin/chromium';

/** Reason to skip the page tests, or undefined when Chromium is installed. */
export const chromiumMissing = existsSync(CHROMIUM)
  ? undefined
  : `skipping HTML page checks: ${CHROMIUM} is not installed`;

/**
 * Wall-clock limit for one page load in milliseconds. A cold start on a loaded 2-core machine
 * takes a few seconds; past this the browser is hung and its process group is killed.
 */
const LOAD_TIMEOUT_MS = 45_000;

/** Result of one headless page load. */
export interface PageLoad {
  /** The DOM after scripts ran, as `--dump-dom` prints it. */
  readonly dom: string;
  /** Every console message and uncaught error, one `CONSOLE` log line each. */
  readonly consoleLines: readonly string[];
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch (error) {
    // ESRCH: the group has already exited.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/**
 * Loads `htmlPath` in headless Chromium with no network services and returns the final DOM and
 * the console log. Chromium runs in its own process group, which is killed afterwards, so no
 * renderer or zygote process outlives the call.
 */
export async function loadPage(htmlPath: string): Promise<PageLoad> {
  const profile = await mkdtemp(join(tmpdir(), 'chromium-profile-'));
  const child = execa(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${profile}`,
      '--enable-logging=stderr',
      '--v=0',
      '--dump-dom',
      pathToFileURL(htmlPath).href,
    ],
    { detached: true, reject: false, stdin: 'ignore' },
  );
  const timer = setTimeout(() => {
    killGroup(child.pid);
  }, LOAD_TIMEOUT_MS);
  try {
    const result = await child;
    if (result.exitCode !== 0) {
      throw new Error(
        `chromium failed on ${htmlPath} (${result.signal ?? `exit ${String(result.exitCode)}`}): ${result.stderr.slice(-2000)}`,
      );
    }
    const consoleLines = result.stderr
      .split('\n')
      .filter((line) => /:CONSOLE[(:]/.test(line));
    return { dom: result.stdout, consoleLines };
  } finally {
    clearTimeout(timer);
    killGroup(child.pid);
    await rm(profile, { recursive: true, force: true });
  }
}
