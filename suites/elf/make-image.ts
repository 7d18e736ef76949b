/**
 * Builds small ELF64 test images shaped like the fixture kernels: one PT_LOAD at 0x200000 whose
 * first byte is the entry, and a PT_NOTE inside it after the code, holding the intent note.
 */
import {
  encodeIntentNote,
  type Intent,
} from '../../harness/elf/intent-note.js';
import {
  ELFCLASS64,
  ELFDATA2LSB,
  ELF_LAYOUT,
  ELF_MAGIC,
  EV_CURRENT,
  PT_LOAD,
  PT_NOTE,
} from '../../harness/elf/read.js';
import { writeElf } from '../../harness/elf/write.js';

/** Load and entry address of the test images (2 MiB, as in the fixtures). */
export const TEST_IMAGE_LOAD_ADDRESS = 0x20_0000n;
/** File offset of the PT_LOAD bytes: one 4 KiB page after the headers. */
const SEGMENT_OFFSET = 0x1000n;
/** `cli; hlt; jmp .-2`: a placeholder for fixture code, which the stub never runs. */
const CODE = Buffer.from([0xfa, 0xf4, 0xeb, 0xfd]);
/** x86-64 machine number (EM_X86_64). */
const EM_X86_64 = 62;

/** Builds an ELF64 test image that carries `intent` in its note. */
export function makeTestImage(intent: Intent): Buffer {
  const note = encodeIntentNote(intent);
  const noteOffset = 16n;
  const segment = Buffer.alloc(Number(noteOffset) + note.length);
  CODE.copy(segment, 0);
  note.copy(segment, Number(noteOffset));
  const size = BigInt(segment.length);
  return writeElf({
    file: Buffer.alloc(0),
    header: {
      ident: {
        magic: Buffer.from(ELF_MAGIC),
        class: ELFCLASS64,
        data: ELFDATA2LSB,
        version: EV_CURRENT,
        osAbi: 0,
        abiVersion: 0,
        padding: Buffer.alloc(7),
      },
      type: 2,
      machine: EM_X86_64,
      version: EV_CURRENT,
      entry: TEST_IMAGE_LOAD_ADDRESS,
      phoff: BigInt(ELF_LAYOUT[ELFCLASS64].headerSize),
      shoff: 0n,
      flags: 0,
      ehsize: ELF_LAYOUT[ELFCLASS64].headerSize,
      phentsize: ELF_LAYOUT[ELFCLASS64].programHeaderSize,
      phnum: 2,
      shentsize: 0,
      shnum: 0,
      shstrndx: 0,
    },
    programHeaders: [
      {
        type: PT_LOAD,
        flags: 7,
        offset: SEGMENT_OFFSET,
        vaddr: TEST_IMAGE_LOAD_ADDRESS,
        paddr: TEST_IMAGE_LOAD_ADDRESS,
        filesz: size,
        memsz: size,
        align: 0x1000n,
        data: segment,
      },
      {
        type: PT_NOTE,
        flags: 4,
        offset: SEGMENT_OFFSET + noteOffset,
        vaddr: TEST_IMAGE_LOAD_ADDRESS + noteOffset,
        paddr: TEST_IMAGE_LOAD_ADDRESS + noteOffset,
        filesz: BigInt(note.length),
        memsz: BigInt(note.length),
        align: 4n,
        data: note,
      },
    ],
  });
}
