import { execa } from 'execa';
import { closeSync, constants, openSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { Socket } from 'node:net';
import { join } from 'node:path';

/**
 * The failure channel AVF gives crosvm: a pipe behind the guest's second UART
 * (`--serial type=file,path=...,hardware=serial,num=2`, COM2 at I/O port 0x2F8 on x86_64). The
 * guest writes a failure token there and AVF reads it after crosvm exits.
 *
 * The harness uses a FIFO because the same path then works for the stub, a real crosvm and QEMU.
 * It drains the FIFO while the VM runs. A guest that writes more than the pipe buffer (64 KiB on
 * Linux) therefore never blocks the VMM's serial output. At most `HELD_BYTES` are kept in memory; the rest is
 * counted and dropped.
 */

/**
 * Bytes of the failure string held in memory: AVF's 50,000-byte read cap (2025 trees). This is
 * enough to classify every profile exactly, those without a cap too. A longer string can match a
 * token only through its part before the first `|`, and that part is held whenever it is short
 * enough to be a token.
 */
export const HELD_BYTES = 50_000;

/** The bytes the guest wrote to the failure port. */
export interface FailureCapture {
  /** The first `HELD_BYTES` bytes. */
  readonly held: Buffer;
  /** Bytes the guest wrote in total. */
  readonly totalBytes: number;
}

/** An open failure channel: pass `path` to the VMM, call `finish` after it exited. */
export interface FailureChannel {
  readonly path: string;
  /** Closes the harness's own writer, reads to end of file and removes the FIFO. */
  finish(): Promise<FailureCapture>;
}

/** Creates a FIFO in `dir` and starts draining it. */
export async function openFailureChannel(dir: string): Promise<FailureChannel> {
  const path = join(dir, 'failure-port.fifo');
  await execa('mkfifo', ['-m', '600', path]);
  // Open the read end without blocking, then hold a write end of our own: without a writer, a
  // non-blocking read on a FIFO reports end of file before the VMM has even opened it.
  const readFd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  const ownWriteFd = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
  const socket = new Socket({ fd: readFd, readable: true, writable: false });

  const chunks: Buffer[] = [];
  let heldBytes = 0;
  let totalBytes = 0;
  socket.on('data', (chunk: Buffer) => {
    totalBytes += chunk.length;
    if (heldBytes < HELD_BYTES) {
      const kept = chunk.subarray(0, HELD_BYTES - heldBytes);
      chunks.push(kept);
      heldBytes += kept.length;
    }
  });
  const ended = new Promise<void>((resolve, reject) => {
    socket.once('end', resolve);
    socket.once('error', reject);
  });

  return {
    path,
    async finish() {
      closeSync(ownWriteFd);
      try {
        await ended;
      } finally {
        socket.destroy();
        await unlink(path).catch(() => undefined);
      }
      return { held: Buffer.concat(chunks), totalBytes };
    },
  };
}

/**
 * Decodes the failure string as AVF's reader does: cut at `capBytes` when the profile has a cap,
 * then read as UTF-8. AVF reads with Rust's `read_to_string`, which fails on invalid UTF-8 and
 * leaves the string empty (inferred from the standard library's contract, not observed on AVF).
 */
export function decodeFailureString(
  capture: FailureCapture,
  capBytes?: number,
): string {
  const bytes =
    capBytes === undefined ? capture.held : capture.held.subarray(0, capBytes);
  // When the guest wrote more than was held and no cap applies, AVF saw the whole string. The held
  // prefix may then end inside a UTF-8 sequence, so streaming mode leaves it out instead of failing.
  const cutByHarness =
    capture.totalBytes > bytes.length && capBytes === undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes, {
      stream: cutByHarness,
    });
  } catch {
    return '';
  }
}
