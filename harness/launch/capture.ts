import { writeFile } from 'node:fs/promises';
import type { CapturedStream } from '../run/types.js';

/**
 * Default cap per captured stream, in bytes (1 MiB). A fixture that prints in a loop can write
 * hundreds of MiB before its timeout; 1 MiB keeps every boot log seen so far whole while bounding
 * memory to about 2 MiB per running scenario.
 */
export const DEFAULT_CAPTURE_CAP_BYTES = 1024 * 1024;

/** Length of the text excerpt kept for failure messages, in bytes (4 KiB, about 50 lines). */
export const TAIL_EXCERPT_BYTES = 4096;

/**
 * Collects one output stream in memory with a byte cap: the first half of the cap is the head,
 * the last half a rolling tail, and the bytes between them are dropped and counted. `finish`
 * writes the head, a marker line naming the dropped byte count, and the tail to a file.
 */
export class CappedCapture {
  private readonly headCap: number;
  private readonly tailCap: number;
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  private total = 0;

  constructor(capBytes: number) {
    if (!Number.isInteger(capBytes) || capBytes < 2) {
      throw new RangeError(
        `invalid capture cap ${String(capBytes)}: use an integer of at least 2 bytes`,
      );
    }
    this.headCap = Math.ceil(capBytes / 2);
    this.tailCap = capBytes - this.headCap;
  }

  /** Bytes written so far, including dropped ones. */
  get bytes(): number {
    return this.total;
  }

  /** Adds a chunk of the stream. */
  push(chunk: Buffer): void {
    this.total += chunk.length;
    let rest = chunk;
    if (this.headBytes < this.headCap) {
      const take = Math.min(this.headCap - this.headBytes, rest.length);
      this.head.push(rest.subarray(0, take));
      this.headBytes += take;
      rest = rest.subarray(take);
    }
    if (rest.length === 0) return;
    this.tail.push(rest);
    this.tailBytes += rest.length;
    this.trimTail();
  }

  private trimTail(): void {
    while (this.tailBytes > this.tailCap) {
      const first = this.tail[0];
      if (first === undefined) return;
      const excess = this.tailBytes - this.tailCap;
      if (first.length <= excess) {
        this.tail.shift();
        this.tailBytes -= first.length;
      } else {
        this.tail[0] = first.subarray(excess);
        this.tailBytes -= excess;
      }
    }
  }

  /** Bytes dropped between head and tail. */
  get droppedBytes(): number {
    return this.total - this.headBytes - this.tailBytes;
  }

  /** The kept bytes, with a marker line where bytes were dropped. */
  contents(): Buffer {
    const parts = [...this.head];
    if (this.droppedBytes > 0) {
      parts.push(
        Buffer.from(
          `\n[capture cap: ${String(this.droppedBytes)} bytes dropped]\n`,
        ),
      );
    }
    parts.push(...this.tail);
    return Buffer.concat(parts);
  }

  /** Writes the capture to `path` and describes it. */
  async finish(path: string): Promise<CapturedStream> {
    const contents = this.contents();
    await writeFile(path, contents);
    const excerpt = contents.subarray(
      Math.max(0, contents.length - TAIL_EXCERPT_BYTES),
    );
    return {
      path,
      bytes: this.total,
      truncated: this.droppedBytes > 0,
      tail: excerpt.toString('utf8'),
    };
  }
}
