import { describe, expect, it } from 'vitest';
import { MALFORMED } from '../../harness/fixtures/malformed.js';
import { decodeIntent } from '../../harness/elf/intent-note.js';
import {
  ELFCLASS32,
  PT_LOAD,
  PT_NULL,
  noteSegment,
  readElf,
} from '../../harness/elf/read.js';
import { makeTestImage } from './make-image.js';
import { readelf } from './readelf.js';

const intent = {
  fixture: 'shutdown-acpi',
  steps: [{ op: 'shutdown-acpi' as const }],
};
const valid = makeTestImage(intent);

function make(name: string): Buffer {
  const recipe = MALFORMED.find((entry) => entry.name === name);
  if (recipe === undefined) throw new Error(`no malformed image named ${name}`);
  return recipe.make(valid);
}

/** Offsets of the bytes in which `a` and `b` differ, counting extra length as differing. */
function differingOffsets(a: Buffer, b: Buffer): number[] {
  const offsets: number[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) offsets.push(i);
  }
  return offsets;
}

describe('MALFORMED', () => {
  it('lists each name once', () => {
    const names = MALFORMED.map((entry) => entry.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual([
      'bad-magic',
      'big-endian',
      'elf-version-0',
      'bad-phentsize',
      'no-load-segment',
      'load-below-2mib',
      'entry-outside-segment',
      'segment-beyond-memory',
      'truncated',
      'empty',
      'elf32',
    ]);
  });

  it('leaves the valid image unchanged', () => {
    const copy = Buffer.from(valid);
    for (const entry of MALFORMED) entry.make(valid);
    expect(valid.equals(copy)).toBe(true);
  });

  it.each([
    ['bad-magic', [3]],
    ['elf-version-0', [6]],
    ['bad-phentsize', [54]],
    ['no-load-segment', [64]],
    ['load-below-2mib', [64 + 26]],
  ])('%s changes only bytes %j', (name, offsets) => {
    expect(differingOffsets(valid, make(name))).toEqual(offsets);
  });

  it('entry-outside-segment changes only e_entry', () => {
    const offsets = differingOffsets(valid, make('entry-outside-segment'));
    expect(offsets.length).toBeGreaterThan(0);
    expect(offsets.every((offset) => offset >= 24 && offset < 32)).toBe(true);
    const load = readElf(valid).programHeaders.find(
      (ph) => ph.type === PT_LOAD,
    );
    const entry = readElf(make('entry-outside-segment')).header.entry;
    expect(entry).toBe((load?.paddr ?? 0n) + (load?.memsz ?? 0n) + 0x1_0000n);
  });

  it('big-endian swaps only header and program header fields', () => {
    const bad = make('big-endian');
    expect(bad.length).toBe(valid.length);
    const headerEnd = 64 + 2 * 56;
    expect(
      differingOffsets(valid, bad).every((offset) => offset < headerEnd),
    ).toBe(true);
    expect(readelf(bad, ['-h'])).toContain('big endian');
    expect(readElf(bad).header.entry).toBe(readElf(valid).header.entry);
  });

  it('segment-beyond-memory moves the segment and entry to 64 MiB', () => {
    const image = readElf(make('segment-beyond-memory'));
    const load = image.programHeaders.find((ph) => ph.type === PT_LOAD);
    expect(load?.paddr).toBe(0x400_0000n);
    expect(image.header.entry).toBe(0x400_0000n);
  });

  it('no-load-segment keeps no PT_LOAD', () => {
    const image = readElf(make('no-load-segment'));
    expect(image.programHeaders.some((ph) => ph.type === PT_LOAD)).toBe(false);
    expect(image.programHeaders[0]?.type).toBe(PT_NULL);
  });

  it('truncated is a prefix shorter than its PT_LOAD', () => {
    const bad = make('truncated');
    expect(valid.subarray(0, bad.length).equals(bad)).toBe(true);
    const load = readElf(valid).programHeaders.find(
      (ph) => ph.type === PT_LOAD,
    );
    expect(BigInt(bad.length)).toBeLessThan(
      (load?.offset ?? 0n) + (load?.filesz ?? 0n),
    );
    expect(() => readElf(bad)).toThrow(/past the end of file/);
  });

  it('empty is zero bytes', () => {
    expect(make('empty').length).toBe(0);
  });

  it('elf32 is a valid ELF32 image with the same segments and note', () => {
    const bad = make('elf32');
    const image = readElf(bad);
    expect(image.header.ident.class).toBe(ELFCLASS32);
    expect(image.header.phoff).toBe(52n);
    expect(image.programHeaders.map((ph) => ph.paddr)).toEqual(
      readElf(valid).programHeaders.map((ph) => ph.paddr),
    );
    expect(decodeIntent(noteSegment(image) ?? Buffer.alloc(0))).toEqual(intent);
    const output = readelf(bad, ['-h', '-l']);
    expect(output).toContain('ELF32');
    expect(output).toMatch(/Entry point address:\s+0x200000/);
  });
});
