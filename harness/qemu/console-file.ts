import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { CappedCapture } from '../launch/capture.js';
import type { CapturedStream } from '../run/types.js';

/**
 * COM1 on QEMU goes to a regular file, not to stdout. QEMU 7.2 drops serial bytes when the
 * harness's stdout pipe is full: booting console-flood with a reader that paused for 3 s lost
 * 33 of its 1,048,730 bytes, and on a loaded machine the launcher's pipe lost one. A regular
 * file never refuses a write, so the console arrives whole.
 */

/**
 * Milliseconds between reads of the console file while waiting for a line (20 ms). Short enough
 * that a halted guest is killed soon after its last line, long enough to cost nothing.
 */
export const CONSOLE_POLL_INTERVAL_MS = 20;

/** Bytes read per poll at most (64 KiB), so a guest printing in a loop cannot stall a wait. */
const POLL_READ_BYTES = 64 * 1024;

/**
 * Copies the console file through the launcher's capped capture into `capturePath`, so that the
 * result reads like any other launcher capture (head and tail kept past the cap).
 */
export async function captureConsoleFile(
  consolePath: string,
  capBytes: number,
  capturePath: string,
): Promise<CapturedStream> {
  const capture = new CappedCapture(capBytes);
  try {
    for await (const chunk of createReadStream(consolePath)) {
      capture.push(chunk as Buffer);
    }
  } catch (error) {
    // QEMU creates the file at start-up; when it never started, the console is empty.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return capture.finish(capturePath);
}

/**
 * Resolves true once `text` appears in the file at `path`, or false once `stop` settles first.
 * The file may not exist yet when the wait starts.
 */
export async function waitForFileText(
  path: string,
  text: string,
  stop: Promise<unknown>,
): Promise<boolean> {
  const state = { stopped: false };
  void stop.then(
    () => (state.stopped = true),
    () => (state.stopped = true),
  );
  const needle = Buffer.from(text, 'utf8');
  const buffer = Buffer.alloc(POLL_READ_BYTES);
  let carry = Buffer.alloc(0);
  let position = 0;
  while (!state.stopped) {
    const handle = await open(path, 'r').catch(() => undefined);
    if (handle !== undefined) {
      try {
        const { bytesRead } = await handle.read(
          buffer,
          0,
          buffer.length,
          position,
        );
        position += bytesRead;
        const window = Buffer.concat([carry, buffer.subarray(0, bytesRead)]);
        if (window.includes(needle)) return true;
        carry = window.subarray(Math.max(0, window.length - needle.length + 1));
        if (bytesRead === buffer.length) continue;
      } finally {
        await handle.close();
      }
    }
    await sleep(CONSOLE_POLL_INTERVAL_MS);
  }
  return false;
}
