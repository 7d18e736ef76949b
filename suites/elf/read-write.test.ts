import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeIntent } from '../../harness/elf/intent-note.js';
import {
  ELFCLASS32,
  ELFDATA2MSB,
  ElfParseError,
  PT_LOAD,
  noteSegment,
  readElf,
} from '../../harness/elf/read.js';
import { ElfWriteError, writeElf } from '../../harness/elf/write.js';
import { TEST_IMAGE_LOAD_ADDRESS, makeTestImage } from './make-image.js';
import { readelf } from './readelf.js';

const intent = { fixture: 'hang', steps: [{ op: 'halt' as const }] };

describe('readElf and writeElf', () => {
  it('round-trips a binutils-linked executable', () => {
    const original = readFileSync('/usr/bin/true');
    const image = readElf(original);
    expect(image.header.ident.class).toBe(2);
    expect(image.programHeaders.length).toBe(image.header.phnum);
    expect(writeElf(image).equals(original)).toBe(true);
  });

  it('round-trips a written test image', () => {
    const bytes = makeTestImage(intent);
    expect(writeElf(readElf(bytes)).equals(bytes)).toBe(true);
  });

  it('writes an image readelf accepts', () => {
    const output = readelf(makeTestImage(intent), ['-h', '-l']);
    expect(output).toContain('ELF64');
    expect(output).toContain('Advanced Micro Devices X86-64');
    expect(output).toMatch(/Entry point address:\s+0x200000/);
    expect(output).toMatch(/LOAD\s+0x0+1000 0x0+200000 0x0+200000/);
    expect(output).toContain('NOTE');
  });

  it('exposes the segment bytes and the note', () => {
    const image = readElf(makeTestImage(intent));
    const load = image.programHeaders.find((ph) => ph.type === PT_LOAD);
    expect(load?.paddr).toBe(TEST_IMAGE_LOAD_ADDRESS);
    expect(load?.data.length).toBe(Number(load?.filesz));
    const notes = noteSegment(image);
    expect(notes).toBeDefined();
    expect(decodeIntent(notes ?? Buffer.alloc(0))).toEqual(intent);
  });

  it('encodes a big-endian image readelf decodes', () => {
    const image = readElf(makeTestImage(intent));
    const swapped = writeElf({
      ...image,
      header: {
        ...image.header,
        ident: { ...image.header.ident, data: ELFDATA2MSB },
      },
    });
    const output = readelf(swapped, ['-h', '-l']);
    expect(output).toContain('big endian');
    expect(output).toMatch(/Entry point address:\s+0x200000/);
    expect(readElf(swapped).header.entry).toBe(TEST_IMAGE_LOAD_ADDRESS);
  });

  it('rejects a 64-bit address in ELF32', () => {
    const image = readElf(makeTestImage(intent));
    const header = {
      ...image.header,
      ident: { ...image.header.ident, class: ELFCLASS32 },
    };
    expect(() =>
      writeElf({ ...image, header: { ...header, entry: 1n << 40n } }),
    ).toThrow(ElfWriteError);
  });

  it.each([
    ['empty file', Buffer.alloc(0), /shorter than the 16-byte/],
    [
      'bad magic',
      Buffer.from('MZ\0\0\0\0\0\0\0\0\0\0\0\0\0\0'),
      /bad magic 4d5a0000/,
    ],
    [
      'class 3',
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 3, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
      /EI_CLASS is 3/,
    ],
  ])('rejects %s', (_name, bytes, message) => {
    expect(() => readElf(bytes)).toThrow(ElfParseError);
    expect(() => readElf(bytes)).toThrow(message);
  });

  it('rejects a segment past the end of file', () => {
    const bytes = makeTestImage(intent);
    expect(() => readElf(bytes.subarray(0, bytes.length - 1))).toThrow(
      /run past the end of file/,
    );
  });
});
