/**
 * ELF writer: serializes an `ElfImage` (read.ts) back to bytes. Writing an unchanged image gives
 * the original file byte for byte. A changed field changes only the bytes that encode it, so the
 * malformed fixture images can be made from a valid one.
 */
import {
  ELF_LAYOUT,
  ELFCLASS32,
  ELFCLASS64,
  ELFDATA2LSB,
  ELFDATA2MSB,
  type ElfHeader,
  type ElfImage,
  type ProgramHeader,
} from './read.js';

/** Raised when a field cannot be encoded, for example a 64-bit address in an ELF32 image. */
export class ElfWriteError extends Error {
  override name = 'ElfWriteError';
}

interface FieldWriter {
  u8(offset: number, value: number): void;
  u16(offset: number, value: number): void;
  u32(offset: number, value: number): void;
  /** A 64-bit field in ELF64, a 32-bit field in ELF32. */
  word(offset: number, value: bigint, name: string): void;
}

function fieldWriter(out: Buffer, elfClass: number, data: number): FieldWriter {
  const little = data === ELFDATA2LSB;
  return {
    u8: (offset, value) => out.writeUInt8(value, offset),
    u16: (offset, value) => {
      if (little) out.writeUInt16LE(value, offset);
      else out.writeUInt16BE(value, offset);
    },
    u32: (offset, value) => {
      if (little) out.writeUInt32LE(value, offset);
      else out.writeUInt32BE(value, offset);
    },
    word: (offset, value, name) => {
      if (elfClass === ELFCLASS64) {
        if (little) out.writeBigUInt64LE(value, offset);
        else out.writeBigUInt64BE(value, offset);
        return;
      }
      if (value > 0xffff_ffffn) {
        throw new ElfWriteError(
          `${name} 0x${value.toString(16)} does not fit an ELF32 field`,
        );
      }
      if (little) out.writeUInt32LE(Number(value), offset);
      else out.writeUInt32BE(Number(value), offset);
    },
  };
}

/** Serializes `image`: its file bytes overlaid with the segments, program headers and header. */
export function writeElf(image: ElfImage): Buffer {
  const { header, programHeaders } = image;
  const { class: elfClass, data } = header.ident;
  if (elfClass !== ELFCLASS32 && elfClass !== ELFCLASS64) {
    throw new ElfWriteError(
      `EI_CLASS ${elfClass} has no layout; use 1 (ELF32) or 2 (ELF64)`,
    );
  }
  if (data !== ELFDATA2LSB && data !== ELFDATA2MSB) {
    throw new ElfWriteError(
      `EI_DATA ${data} has no byte order; use 1 (LSB) or 2 (MSB)`,
    );
  }
  const layout = ELF_LAYOUT[elfClass];
  // A too-small e_phentsize is kept as a field value but the table keeps its natural stride.
  const stride = Math.max(header.phentsize, layout.programHeaderSize);
  const tableEnd = Number(header.phoff) + programHeaders.length * stride;
  const segmentEnd = Math.max(
    0,
    ...programHeaders.map((ph) => Number(ph.offset) + ph.data.length),
  );
  const size = Math.max(
    image.file.length,
    layout.headerSize,
    tableEnd,
    segmentEnd,
  );

  const out = Buffer.alloc(size);
  image.file.copy(out);
  for (const ph of programHeaders) {
    ph.data.copy(out, Number(ph.offset));
  }
  const writer = fieldWriter(out, elfClass, data);
  programHeaders.forEach((ph, index) => {
    writeProgramHeader(
      writer,
      elfClass,
      Number(header.phoff) + index * stride,
      ph,
    );
  });
  writeHeader(out, writer, elfClass, header);
  return out;
}

/** File offsets of the class-sized header fields; the 2-byte fields follow `e_flags`. */
const HEADER_OFFSETS = {
  elf32: { entry: 24, phoff: 28, shoff: 32, flags: 36 },
  elf64: { entry: 24, phoff: 32, shoff: 40, flags: 48 },
} as const;

function writeHeader(
  out: Buffer,
  w: FieldWriter,
  elfClass: number,
  header: ElfHeader,
): void {
  const { ident } = header;
  ident.magic.copy(out, 0, 0, 4);
  w.u8(4, ident.class);
  w.u8(5, ident.data);
  w.u8(6, ident.version);
  w.u8(7, ident.osAbi);
  w.u8(8, ident.abiVersion);
  ident.padding.copy(out, 9, 0, 7);
  w.u16(16, header.type);
  w.u16(18, header.machine);
  w.u32(20, header.version);
  const at = HEADER_OFFSETS[elfClass === ELFCLASS64 ? 'elf64' : 'elf32'];
  w.word(at.entry, header.entry, 'e_entry');
  w.word(at.phoff, header.phoff, 'e_phoff');
  w.word(at.shoff, header.shoff, 'e_shoff');
  w.u32(at.flags, header.flags);
  w.u16(at.flags + 4, header.ehsize);
  w.u16(at.flags + 6, header.phentsize);
  w.u16(at.flags + 8, header.phnum);
  w.u16(at.flags + 10, header.shentsize);
  w.u16(at.flags + 12, header.shnum);
  w.u16(at.flags + 14, header.shstrndx);
}

function writeProgramHeader(
  w: FieldWriter,
  elfClass: number,
  at: number,
  ph: ProgramHeader,
): void {
  if (elfClass === ELFCLASS64) {
    w.u32(at, ph.type);
    w.u32(at + 4, ph.flags);
    w.word(at + 8, ph.offset, 'p_offset');
    w.word(at + 16, ph.vaddr, 'p_vaddr');
    w.word(at + 24, ph.paddr, 'p_paddr');
    w.word(at + 32, ph.filesz, 'p_filesz');
    w.word(at + 40, ph.memsz, 'p_memsz');
    w.word(at + 48, ph.align, 'p_align');
    return;
  }
  w.u32(at, ph.type);
  w.word(at + 4, ph.offset, 'p_offset');
  w.word(at + 8, ph.vaddr, 'p_vaddr');
  w.word(at + 12, ph.paddr, 'p_paddr');
  w.word(at + 16, ph.filesz, 'p_filesz');
  w.word(at + 20, ph.memsz, 'p_memsz');
  w.u32(at + 24, ph.flags);
  w.word(at + 28, ph.align, 'p_align');
}
