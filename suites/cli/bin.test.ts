import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { expect, test } from 'vitest';

/** The bundled CLI that `npm run build` writes and the package's `bin` entry names. */
const BIN = fileURLToPath(
  new URL('../../harness/bin/crosvm-conformance.mjs', import.meta.url),
);

/** Upper bound in milliseconds for one CLI run; it only parses flags and prints. */
const RUN_TIMEOUT_MS = 20_000;

async function runBin(args: readonly string[]) {
  if (!existsSync(BIN)) throw new Error(`${BIN} not found: run npm run build`);
  const child = execa(process.execPath, [BIN, ...args], {
    reject: false,
    detached: true,
    timeout: RUN_TIMEOUT_MS,
    killSignal: 'SIGKILL',
  });
  try {
    return await child;
  } finally {
    if (child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The process group is already gone.
      }
    }
  }
}

test('built bin classifies and rejects bad input', async () => {
  const ok = await runBin(['classify', '--code', '33']);
  expect(ok.exitCode).toBe(0);
  expect(ok.stdout.split('\n')[0]).toBe('CRASH 6');

  const bad = await runBin(['classify', '--code', '300']);
  expect(bad.exitCode).toBe(2);
  expect(bad.stderr).toBe(
    'crosvm-conformance: invalid exit code 300: an exit code is an integer from 0 to 255',
  );
});
