import { execa } from 'execa';
import { withDir } from 'tmp-promise';
import { describe, expect, test } from 'vitest';
import {
  HELD_BYTES,
  decodeFailureString,
  openFailureChannel,
} from '../../harness/avf-launch/failure-channel.js';

/** Runs `sh -c script` with `$FIFO` set to the channel's path, as a VMM writing to COM2 would. */
async function writeThroughChannel(script: string) {
  return withDir(
    async ({ path: dir }) => {
      const channel = await openFailureChannel(dir);
      const writer = await execa('sh', ['-c', script], {
        env: { FIFO: channel.path },
        reject: false,
      });
      expect(writer.exitCode).toBe(0);
      return channel.finish();
    },
    { unsafeCleanup: true },
  );
}

describe('failure channel', () => {
  test('returns a short token as written', async () => {
    const capture = await writeThroughChannel(
      'printf MICRODROID_PAYLOAD_HAS_CHANGED > "$FIFO"',
    );
    expect(decodeFailureString(capture)).toBe('MICRODROID_PAYLOAD_HAS_CHANGED');
    expect(capture.totalBytes).toBe(30);
  });

  test('reports nothing when the guest wrote nothing', async () => {
    const capture = await writeThroughChannel('true');
    expect(capture.totalBytes).toBe(0);
    expect(decodeFailureString(capture)).toBe('');
  });

  test('drains more than a pipe buffer and holds only the cap', async () => {
    const capture = await writeThroughChannel(
      'head -c 300000 /dev/zero | tr "\\0" x > "$FIFO"',
    );
    expect(capture.totalBytes).toBe(300_000);
    expect(capture.held.length).toBe(HELD_BYTES);
  });

  test('cuts at the profile cap before decoding', async () => {
    const capture = await writeThroughChannel(
      'printf "HANGUP|detail" > "$FIFO"',
    );
    expect(decodeFailureString(capture, 6)).toBe('HANGUP');
  });

  test('reads invalid UTF-8 as an empty string', async () => {
    const capture = await writeThroughChannel('printf "HANGUP\\377" > "$FIFO"');
    expect(capture.totalBytes).toBe(7);
    expect(decodeFailureString(capture)).toBe('');
  });

  test('keeps a held prefix that ends inside a UTF-8 sequence', async () => {
    // 49,999 ASCII bytes, then a two-byte character split by the held limit.
    const capture = await writeThroughChannel(
      'head -c 49999 /dev/zero | tr "\\0" a > "$FIFO.tmp"; printf "\\303\\251tail" >> "$FIFO.tmp"; cat "$FIFO.tmp" > "$FIFO"; rm "$FIFO.tmp"',
    );
    expect(capture.totalBytes).toBe(HELD_BYTES + 5);
    expect(decodeFailureString(capture)).toHaveLength(49_999);
  });
});
