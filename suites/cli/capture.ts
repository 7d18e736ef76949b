import { vi } from 'vitest';
import { main } from '../../harness/cli/program.js';

/** Exit status and output of one in-process CLI run. */
export interface CliRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `main(argv)` in this process, capturing what it writes to stdout and stderr. */
export async function runCli(argv: readonly string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const outSpy = vi
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk) => {
      stdout += String(chunk);
      return true;
    });
  const errSpy = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation((chunk) => {
      stderr += String(chunk);
      return true;
    });
  try {
    const status = await main(argv);
    return { status, stdout, stderr };
  } finally {
    outSpy.mockRestore();
    errSpy.mockRestore();
  }
}
