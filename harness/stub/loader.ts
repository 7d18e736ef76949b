/**
 * crosvm's x86_64 kernel loading, by era, as a pure function of the kernel file's bytes. The
 * checks and their order follow `kernel_loader/src/lib.rs` (`load_kernel` at 8cac16bf7^ and
 * b4244d395, `read_elf` and `load_elf` at e3259f631 and f1e797a68) and the bzImage fallback of
 * `x86_64/src/lib.rs`, which runs only on a bad ELF magic. Multiboot images (accepted from
 * 2024-08-19) are not modelled: fixtures carry no Multiboot header.
 */
import type { Era } from '../crosvm/era-types.js';
import {
  ELF_MAGIC,
  PT_LOAD,
  PT_NOTE,
  fieldReader,
  type FieldReader,
} from '../elf/read.js';

/** The kernel file as the stub's I/O shell found it. */
export type KernelInput =
  | { readonly kind: 'bytes'; readonly bytes: Buffer }
  /** The file could not be opened (missing, no permission). `error` is the OS error text. */
  | {
      readonly kind: 'open-failed';
      readonly path: string;
      readonly error: string;
    }
  /** The file opened but reading failed, as for a directory. */
  | { readonly kind: 'read-failed'; readonly error: string };

/**
 * Start point of the vCPU relative to the fixture's code. `fixture-entry`: at the first byte of a
 * loaded segment, which is the fixture body's entry. `no-code`: in zeros with no code above them.
 * `mid-segment`: inside a segment but not at its first byte. `elf32-protected-mode`: an ELF32
 * image started in 32-bit protected mode, which a 64-bit fixture body does not support.
 */
export type GuestStart =
  'fixture-entry' | 'no-code' | 'mid-segment' | 'elf32-protected-mode';

export type LoadResult =
  | {
      readonly kind: 'loaded';
      readonly start: GuestStart;
      readonly notes: readonly Buffer[];
    }
  /** Exit 1 before any vCPU runs; `message` is the stderr line. */
  | { readonly kind: 'failed'; readonly message: string };

/** Lowest PT_LOAD address from 2022-06-23, and the base of the old loader's offset (2 MiB). */
const KERNEL_START = 0x20_0000n;
/** RIP of the old loader: KERNEL_START + KERNEL_64BIT_ENTRY_OFFSET (0x200). */
const OLD_LOADER_RIP = 0x20_0200n;
/** Size of the Linux `boot_params` page the bzImage loader reads first, in bytes. */
const BOOT_PARAMS_SIZE = 4096;
/** File offset of the bzImage setup header signature "HdrS". */
const BZIMAGE_SIGNATURE_OFFSET = 0x202;
const U64_MAX = (1n << 64n) - 1n;

interface Segment {
  readonly type: number;
  readonly offset: bigint;
  readonly paddr: bigint;
  readonly filesz: bigint;
  readonly memsz: bigint;
}

class LoadError extends Error {}

function fail(message: string): never {
  throw new LoadError(message);
}

/** Loads `input` as the era's x86_64 loader would into `memMib` MiB of guest RAM. */
export function loadKernel(
  era: Era,
  input: KernelInput,
  memMib: number,
): LoadResult {
  if (input.kind === 'open-failed') {
    return {
      kind: 'failed',
      message: `failed to open kernel image ${input.path}: ${input.error}`,
    };
  }
  const bytes = input.kind === 'bytes' ? input.bytes : undefined;
  try {
    return loadElf(era, bytes, BigInt(memMib) * 0x10_0000n);
  } catch (error) {
    if (!(error instanceof LoadError)) throw error;
    const prefix = error.message.startsWith('bzImage:')
      ? `error loading kernel bzImage: ${error.message.slice('bzImage: '.length)}`
      : `error loading Kernel: ${error.message}`;
    return {
      kind: 'failed',
      message: `exiting with error 1: the architecture failed to build the vm: ${prefix}`,
    };
  }
}

function loadElf(
  era: Era,
  bytes: Buffer | undefined,
  memBytes: bigint,
): LoadResult {
  const { loader } = era;
  const readHeaderError =
    loader.messages === 'elf-named'
      ? 'unable to read elf header'
      : 'unable to read header';
  const identFirst = loader.elf32 !== 'read-as-elf64';
  // Before e3259f631 the loader reads a whole Elf64_Ehdr (64 bytes) before any check.
  const firstRead = identFirst ? 16 : 64;
  if (bytes === undefined || bytes.length < firstRead) fail(readHeaderError);
  if (!bytes.subarray(0, 4).equals(ELF_MAGIC)) return loadBzImage(bytes);
  if (bytes[5] !== 1)
    fail('trying to load big-endian binary on little-endian machine');
  if (loader.versionChecked && bytes[6] !== 1) fail('invalid elf version');

  let elf32 = false;
  if (loader.elf32 !== 'read-as-elf64') {
    const elfClass = bytes[4];
    if (
      elfClass !== 2 &&
      (loader.elf32 === 'invalid-class' || elfClass !== 1)
    ) {
      fail('invalid elf class');
    }
    elf32 = elfClass === 1;
  }
  const headerSize = elf32 ? 52 : 64;
  const phentsize = elf32 ? 32 : 56;
  if (bytes.length < headerSize) fail(readHeaderError);
  const r = fieldReader(bytes, 1);
  const header = elf32
    ? {
        entry: BigInt(r.u32(24)),
        phoff: BigInt(r.u32(28)),
        phentsize: r.u16(42),
        phnum: r.u16(44),
      }
    : {
        entry: r.u64(24),
        phoff: r.u64(32),
        phentsize: r.u16(54),
        phnum: r.u16(56),
      };
  if (header.phentsize !== phentsize) fail('invalid program header size');
  if (header.phoff < BigInt(headerSize)) fail('invalid program header offset');
  const tableEnd = header.phoff + BigInt(header.phnum * phentsize);
  if (tableEnd > BigInt(bytes.length)) fail('unable to read program header');
  const segments: Segment[] = [];
  for (let index = 0; index < header.phnum; index++) {
    segments.push(
      readSegment(r, Number(header.phoff) + index * phentsize, elf32),
    );
  }
  const notes = segments
    .filter(
      (s) => s.type === PT_NOTE && s.offset + s.filesz <= BigInt(bytes.length),
    )
    .map((s) =>
      Buffer.from(
        bytes.subarray(Number(s.offset), Number(s.offset + s.filesz)),
      ),
    );

  const start =
    loader.placement === 'offset-by-2mib'
      ? placeWithOffset(segments, bytes.length, memBytes)
      : placeAtPaddr(era, segments, header.entry, bytes.length, memBytes);
  return {
    kind: 'loaded',
    start: elf32 ? 'elf32-protected-mode' : start,
    notes,
  };
}

function readSegment(r: FieldReader, at: number, elf32: boolean): Segment {
  if (elf32) {
    return {
      type: r.u32(at),
      offset: BigInt(r.u32(at + 4)),
      paddr: BigInt(r.u32(at + 12)),
      filesz: BigInt(r.u32(at + 16)),
      memsz: BigInt(r.u32(at + 20)),
    };
  }
  return {
    type: r.u32(at),
    offset: r.u64(at + 8),
    paddr: r.u64(at + 24),
    filesz: r.u64(at + 32),
    memsz: r.u64(at + 40),
  };
}

/** Checks that a segment's file bytes exist and fit in guest RAM at `address`. */
function copySegment(
  segment: Segment,
  address: bigint,
  fileLength: number,
  memBytes: bigint,
): void {
  const fileEnd = segment.offset + segment.filesz;
  if (address + segment.filesz > memBytes || fileEnd > BigInt(fileLength)) {
    fail('unable to read kernel image');
  }
}

/** Places segments as the loader before 2022-06-23 does: at 0x200000 + p_paddr, RIP 0x200200. */
function placeWithOffset(
  segments: readonly Segment[],
  fileLength: number,
  memBytes: bigint,
): GuestStart {
  const loaded: { start: bigint; end: bigint }[] = [];
  for (const segment of segments) {
    if (segment.type !== PT_LOAD || segment.filesz === 0n) continue;
    const address = KERNEL_START + segment.paddr;
    if (address > U64_MAX) fail('invalid Program Header Address');
    copySegment(segment, address, fileLength, memBytes);
    if (address + segment.memsz > U64_MAX)
      fail('invalid Program Header memory size');
    loaded.push({ start: address, end: address + segment.filesz });
  }
  // Zero bytes decode as `add [rax], al`, so the vCPU slides from 0x200200 up to the first
  // loaded byte and runs the code there from its first byte.
  const next = loaded
    .filter((range) => range.end > OLD_LOADER_RIP)
    .sort((a, b) => (a.start < b.start ? -1 : 1))[0];
  if (next === undefined) return 'no-code';
  return next.start >= OLD_LOADER_RIP ? 'fixture-entry' : 'mid-segment';
}

/** Places segments as the loader from 2022-06-23 does: at p_paddr, RIP = e_entry. */
function placeAtPaddr(
  era: Era,
  segments: readonly Segment[],
  entry: bigint,
  fileLength: number,
  memBytes: bigint,
): GuestStart {
  let start: bigint | undefined;
  let end = 0n;
  for (const segment of segments) {
    if (segment.type !== PT_LOAD) continue;
    if (segment.paddr < KERNEL_START)
      fail('program header address out of allowed address range');
    start ??= segment.paddr;
    end = segment.paddr + segment.memsz;
    if (end > U64_MAX) fail('invalid Program Header memory size');
    if (segment.filesz === 0n) continue;
    copySegment(segment, segment.paddr, fileLength, memBytes);
  }
  if (start === undefined) fail('no loadable program headers found');
  if (end < start) fail('invalid program header size');
  if (era.loader.entryRange === 'inclusive-end') {
    if (entry === 0n || entry < start || entry > end)
      fail('invalid entry point');
  } else if (era.loader.entryRange === 'exclusive-end') {
    if (end === start) fail('invalid program header size');
    if (entry < start || entry >= end) fail('invalid entry point');
  }
  const atSegmentStart = segments.some(
    (s) => s.type === PT_LOAD && s.filesz > 0n && s.paddr === entry,
  );
  return atSegmentStart ? 'fixture-entry' : 'mid-segment';
}

/** Rejects the image on the bzImage path, which only a bad ELF magic reaches. */
function loadBzImage(bytes: Buffer): never {
  if (bytes.length < BOOT_PARAMS_SIZE)
    fail('bzImage: unable to read boot_params');
  if (
    bytes.toString(
      'latin1',
      BZIMAGE_SIGNATURE_OFFSET,
      BZIMAGE_SIGNATURE_OFFSET + 4,
    ) !== 'HdrS'
  ) {
    fail('bzImage: bad kernel header signature');
  }
  // NOTE: a real bzImage would load here; the stub has no bzImage fixtures and rejects it.
  fail('bzImage: the stub crosvm loads only ELF images');
}
