/**
 * ELF reader: parses an ELF32 or ELF64 image, in either byte order, into its file header, its
 * program headers and each segment's file bytes. The image keeps the whole file, so that
 * `writeElf` (write.ts) can serialize it back byte for byte, section headers and padding included.
 *
 * Field names and offsets follow the System V gABI ("ELF header", "Program header").
 */

/** `e_ident[EI_CLASS]` values. */
export const ELFCLASS32 = 1;
export const ELFCLASS64 = 2;
/** `e_ident[EI_DATA]` values. */
export const ELFDATA2LSB = 1;
export const ELFDATA2MSB = 2;
/** `e_ident[EI_VERSION]` and `e_version` of every valid image. */
export const EV_CURRENT = 1;
/** Program header types this project uses. */
export const PT_NULL = 0;
export const PT_LOAD = 1;
export const PT_NOTE = 4;
/** The four magic bytes at file offset 0. */
export const ELF_MAGIC: Readonly<Buffer> = Buffer.from([
  0x7f, 0x45, 0x4c, 0x46,
]);

/** Size in bytes of the file header and of one program header, per class. */
export const ELF_LAYOUT = {
  [ELFCLASS32]: { headerSize: 52, programHeaderSize: 32 },
  [ELFCLASS64]: { headerSize: 64, programHeaderSize: 56 },
} as const;

/** Returns the header and program header sizes of `elfClass`, or throws for an unknown class. */
export function layoutOf(elfClass: number): (typeof ELF_LAYOUT)[1 | 2] {
  if (elfClass === ELFCLASS32 || elfClass === ELFCLASS64)
    return ELF_LAYOUT[elfClass];
  throw new ElfParseError(
    `EI_CLASS is ${elfClass}, expected 1 (ELF32) or 2 (ELF64)`,
  );
}

/** The 16 identification bytes at the start of the file. */
export interface ElfIdent {
  /** Bytes 0-3, `\x7fELF` in a valid image. */
  readonly magic: Buffer;
  /** `EI_CLASS`: `ELFCLASS32` or `ELFCLASS64`. */
  readonly class: number;
  /** `EI_DATA`: `ELFDATA2LSB` or `ELFDATA2MSB`. */
  readonly data: number;
  /** `EI_VERSION`, 1 in a valid image. */
  readonly version: number;
  readonly osAbi: number;
  readonly abiVersion: number;
  /** Bytes 9-15, normally zero. */
  readonly padding: Buffer;
}

/** The ELF file header. Addresses and offsets are bigint so that 64-bit values stay exact. */
export interface ElfHeader {
  readonly ident: ElfIdent;
  readonly type: number;
  readonly machine: number;
  readonly version: number;
  readonly entry: bigint;
  readonly phoff: bigint;
  readonly shoff: bigint;
  readonly flags: number;
  readonly ehsize: number;
  readonly phentsize: number;
  readonly phnum: number;
  readonly shentsize: number;
  readonly shnum: number;
  readonly shstrndx: number;
}

/** One program header and the `p_filesz` bytes at `p_offset` that it describes. */
export interface ProgramHeader {
  readonly type: number;
  readonly flags: number;
  readonly offset: bigint;
  readonly vaddr: bigint;
  readonly paddr: bigint;
  readonly filesz: bigint;
  readonly memsz: bigint;
  readonly align: bigint;
  /** Copy of the segment's file bytes. */
  readonly data: Buffer;
}

/** A parsed image. `file` is the original bytes, which keep everything the headers omit. */
export interface ElfImage {
  readonly header: ElfHeader;
  readonly programHeaders: readonly ProgramHeader[];
  readonly file: Buffer;
}

/** Raised when bytes cannot be parsed as an ELF image; the message names the field at fault. */
export class ElfParseError extends Error {
  override name = 'ElfParseError';
}

/** Reads unsigned integers of one byte order from a buffer. */
export interface FieldReader {
  u16(offset: number): number;
  u32(offset: number): number;
  u64(offset: number): bigint;
}

/** Returns a reader for the byte order `data` (`ELFDATA2LSB` or `ELFDATA2MSB`). */
export function fieldReader(bytes: Buffer, data: number): FieldReader {
  const little = data === ELFDATA2LSB;
  return {
    u16: (offset) =>
      little ? bytes.readUInt16LE(offset) : bytes.readUInt16BE(offset),
    u32: (offset) =>
      little ? bytes.readUInt32LE(offset) : bytes.readUInt32BE(offset),
    u64: (offset) =>
      little ? bytes.readBigUInt64LE(offset) : bytes.readBigUInt64BE(offset),
  };
}

/** Parses `file` as an ELF image, or throws `ElfParseError`. */
export function readElf(file: Buffer): ElfImage {
  if (file.length < 16) {
    throw new ElfParseError(
      `file is ${file.length} bytes, shorter than the 16-byte e_ident`,
    );
  }

  const ident: ElfIdent = {
    magic: Buffer.from(file.subarray(0, 4)),
    class: file.readUInt8(4),
    data: file.readUInt8(5),
    version: file.readUInt8(6),
    osAbi: file.readUInt8(7),
    abiVersion: file.readUInt8(8),
    padding: Buffer.from(file.subarray(9, 16)),
  };
  if (!ident.magic.equals(ELF_MAGIC)) {
    throw new ElfParseError(
      `bad magic ${ident.magic.toString('hex')}, expected 7f454c46`,
    );
  }
  if (ident.class !== ELFCLASS32 && ident.class !== ELFCLASS64) {
    throw new ElfParseError(
      `EI_CLASS is ${ident.class}, expected 1 (ELF32) or 2 (ELF64)`,
    );
  }
  if (ident.data !== ELFDATA2LSB && ident.data !== ELFDATA2MSB) {
    throw new ElfParseError(
      `EI_DATA is ${ident.data}, expected 1 (LSB) or 2 (MSB)`,
    );
  }

  const layout = ELF_LAYOUT[ident.class];
  if (file.length < layout.headerSize) {
    throw new ElfParseError(
      `file is ${file.length} bytes, shorter than the ${layout.headerSize}-byte file header`,
    );
  }
  const header =
    ident.class === ELFCLASS64
      ? readHeader64(file, ident)
      : readHeader32(file, ident);
  if (header.phnum > 0 && header.phentsize < layout.programHeaderSize) {
    throw new ElfParseError(
      `e_phentsize is ${header.phentsize}, smaller than a program header (${layout.programHeaderSize})`,
    );
  }

  const programHeaders: ProgramHeader[] = [];
  for (let index = 0; index < header.phnum; index++) {
    const at = Number(header.phoff) + index * header.phentsize;
    if (at + layout.programHeaderSize > file.length) {
      throw new ElfParseError(
        `program header ${index} at offset ${at} runs past the end of file`,
      );
    }
    programHeaders.push(readProgramHeader(file, ident, at, index));
  }
  return { header, programHeaders, file };
}

function readHeader64(file: Buffer, ident: ElfIdent): ElfHeader {
  const r = fieldReader(file, ident.data);
  return {
    ident,
    type: r.u16(16),
    machine: r.u16(18),
    version: r.u32(20),
    entry: r.u64(24),
    phoff: r.u64(32),
    shoff: r.u64(40),
    flags: r.u32(48),
    ehsize: r.u16(52),
    phentsize: r.u16(54),
    phnum: r.u16(56),
    shentsize: r.u16(58),
    shnum: r.u16(60),
    shstrndx: r.u16(62),
  };
}

function readHeader32(file: Buffer, ident: ElfIdent): ElfHeader {
  const r = fieldReader(file, ident.data);
  return {
    ident,
    type: r.u16(16),
    machine: r.u16(18),
    version: r.u32(20),
    entry: BigInt(r.u32(24)),
    phoff: BigInt(r.u32(28)),
    shoff: BigInt(r.u32(32)),
    flags: r.u32(36),
    ehsize: r.u16(40),
    phentsize: r.u16(42),
    phnum: r.u16(44),
    shentsize: r.u16(46),
    shnum: r.u16(48),
    shstrndx: r.u16(50),
  };
}

function readProgramHeader(
  file: Buffer,
  ident: ElfIdent,
  at: number,
  index: number,
): ProgramHeader {
  const r = fieldReader(file, ident.data);
  const fields =
    ident.class === ELFCLASS64
      ? {
          type: r.u32(at),
          flags: r.u32(at + 4),
          offset: r.u64(at + 8),
          vaddr: r.u64(at + 16),
          paddr: r.u64(at + 24),
          filesz: r.u64(at + 32),
          memsz: r.u64(at + 40),
          align: r.u64(at + 48),
        }
      : {
          type: r.u32(at),
          offset: BigInt(r.u32(at + 4)),
          vaddr: BigInt(r.u32(at + 8)),
          paddr: BigInt(r.u32(at + 12)),
          filesz: BigInt(r.u32(at + 16)),
          memsz: BigInt(r.u32(at + 20)),
          flags: r.u32(at + 24),
          align: BigInt(r.u32(at + 28)),
        };
  const end = fields.offset + fields.filesz;
  if (end > BigInt(file.length)) {
    throw new ElfParseError(
      `program header ${index}: file bytes ${fields.offset}..${end} run past the end of file (${file.length} bytes)`,
    );
  }
  const data = Buffer.from(file.subarray(Number(fields.offset), Number(end)));
  return { ...fields, data };
}

/** Returns the bytes of the first PT_NOTE segment, or undefined when the image has none. */
export function noteSegment(image: ElfImage): Buffer | undefined {
  return image.programHeaders.find((ph) => ph.type === PT_NOTE)?.data;
}
