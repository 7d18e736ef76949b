/**
 * Serial port outputs of the stub. COM1 goes to stdout unless a `--serial ...,num=1` option
 * configures it; the other ports are sinks unless configured. A `type=file` path is opened for
 * appending, created if missing, when the device is created, as crosvm does
 * (`devices/src/serial_device.rs` at f1e797a68). It is written as a stream, because AVF passes a
 * pipe there and drains it while the VM runs.
 */
import { createWriteStream, openSync } from 'node:fs';
import type { Writable } from 'node:stream';
import type { SerialSpec } from './run-options.js';
import type { OutputChunk } from './contract.js';

/** Size of each block written for a repeated pattern, in bytes: bounds memory for 1 MiB floods. */
const REPEAT_BLOCK_BYTES = 64 * 1024;

/** A serial port's destination. `undefined` stream means the bytes are dropped. */
export interface SerialOutput {
  readonly stream: Writable | undefined;
  /** True for a stream the stub opened and must close (not stdout). */
  readonly owned: boolean;
  /** Set once a write failed (EPIPE: the reader went away); later writes are dropped. */
  readonly state: { broken: boolean };
}

/** Raised when a `type=file` serial path cannot be opened; crosvm then fails the run with exit 1. */
export class SerialOpenError extends Error {
  override name = 'SerialOpenError';
}

/** Opens the output of COM port `num` (1-4) for the configured serial options. */
export function openSerialOutput(
  serials: readonly SerialSpec[],
  num: number,
): SerialOutput {
  const spec = serials.find((s) => s.hardware === 'serial' && s.num === num);
  const type = spec?.type ?? (num === 1 ? 'stdout' : 'sink');
  const state = { broken: false };
  let stream: Writable | undefined;
  if (type === 'stdout') stream = process.stdout;
  else if (type === 'file' && spec?.path !== undefined) {
    let fd: number;
    try {
      fd = openSync(spec.path, 'a');
    } catch (error) {
      // crosvm's wording of the same failure: "Unable to create file 'PATH': ...".
      throw new SerialOpenError(
        `Unable to create file '${spec.path}': ${(error as Error).message}`,
      );
    }
    stream = createWriteStream('', { fd });
  }
  // One listener for the stream's life: an EPIPE can arrive after the write that caused it.
  stream?.on('error', () => {
    state.broken = true;
  });
  return { stream, owned: stream !== undefined && type !== 'stdout', state };
}

/** Yields the bytes of `chunk` in blocks of at most `REPEAT_BLOCK_BYTES`. */
export function* chunkBlocks(chunk: OutputChunk): Generator<Buffer> {
  if ('text' in chunk) {
    yield Buffer.from(chunk.text, 'utf8');
    return;
  }
  const pattern = Buffer.from(chunk.pattern, 'utf8');
  if (pattern.length === 0 || chunk.bytes <= 0) return;
  // A whole number of patterns per block, so that every block starts at the pattern's start.
  const patternsPerBlock = Math.max(
    1,
    Math.floor(REPEAT_BLOCK_BYTES / pattern.length),
  );
  const block = Buffer.alloc(
    Math.min(patternsPerBlock * pattern.length, chunk.bytes),
  );
  block.fill(pattern);
  for (let written = 0; written < chunk.bytes; written += block.length) {
    yield block.subarray(0, Math.min(block.length, chunk.bytes - written));
  }
}

/**
 * Writes `chunks` to `output`, each block handed to the operating system before the next one
 * starts, so that writes to two ports keep the guest's order. A reader that goes away (EPIPE) ends
 * the writing without failing the stub, as crosvm keeps running when a serial write fails.
 */
export async function writeChunks(
  output: SerialOutput,
  chunks: readonly OutputChunk[],
): Promise<void> {
  const { stream, state } = output;
  if (stream === undefined) return;
  for (const chunk of chunks) {
    for (const block of chunkBlocks(chunk)) {
      if (state.broken || stream.destroyed) return;
      await new Promise<void>((resolve) => {
        stream.write(block, () => {
          resolve();
        });
      });
    }
  }
}

/** Flushes `output`: ends an owned stream, or waits for stdout's queued bytes. */
export async function closeSerialOutput(output: SerialOutput): Promise<void> {
  const { stream } = output;
  if (stream === undefined || stream.destroyed) return;
  await new Promise<void>((resolve) => {
    if (output.owned) {
      stream.once('error', () => {
        resolve();
      });
      stream.end(() => {
        resolve();
      });
    } else {
      stream.write('', () => {
        resolve();
      });
    }
  });
}
