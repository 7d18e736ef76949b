/**
 * The intent note: an ELF note in every fixture image that declares, as a small program of steps,
 * what the fixture's machine code does. The stub crosvm cannot execute guest code, so it plays
 * these steps back against the rules of the crosvm era it emulates. The fixture builder writes the
 * note from the same definitions, so the two cannot drift apart.
 *
 * Layout (standard ELF note, 4-byte aligned fields): namesz, descsz, type, the owner name
 * `INTENT_NOTE_OWNER` with its NUL, padding, then the descriptor: UTF-8 JSON of an `Intent`.
 */

/** Note owner name. Chosen so that no toolchain or VMM owns it. */
export const INTENT_NOTE_OWNER = 'CrosvmConformance';
/** Note type of the intent note (version 1 of this format). */
export const INTENT_NOTE_TYPE = 1;

/** A device access through which a guest requests a reset. */
export type ResetMethod =
  /** One-byte write of 0xFE to the i8042 command port 0x64. */
  | 'i8042'
  /** One-byte write of 0x06 to the reset control register at I/O port 0xCF9. */
  | 'cf9'
  /** Write of the FADT's RESET_VALUE to its RESET_REG (I/O 0xCF9, value 6 on crosvm). */
  | 'acpi-reset-register';

/**
 * One step of a fixture's behaviour, in program order. A step that ends the VM on the emulated
 * crosvm ends playback; a step whose device is absent (no i8042 with `--no-i8042`, no pvpanic
 * before crosvm 2022-02-28) has no effect and playback goes on with the next step, as the real
 * machine code does.
 */
export type IntentStep =
  /** Bytes written to COM1 (I/O port 0x3F8), the console. */
  | { readonly op: 'console'; readonly text: string }
  /** `pattern` written to COM1 repeatedly until exactly `bytes` bytes have been written. */
  | {
      readonly op: 'console-repeat';
      readonly pattern: string;
      readonly bytes: number;
    }
  /** Bytes written to COM2 (I/O port 0x2F8), the port AVF reads failure tokens from. */
  | { readonly op: 'failure-port'; readonly text: string }
  /** `pattern` written to COM2 repeatedly until exactly `bytes` bytes have been written. */
  | {
      readonly op: 'failure-port-repeat';
      readonly pattern: string;
      readonly bytes: number;
    }
  /**
   * One-byte write of `value` to BAR0 offset 0 of the pvpanic PCI device (1b36:0011).
   * `absentText` is what the fixture prints on COM1 when its PCI scan finds no such device.
   */
  | {
      readonly op: 'pvpanic';
      readonly value: number;
      readonly absentText: string;
    }
  /** A reset request through one device. */
  | { readonly op: 'reset'; readonly via: ResetMethod }
  /** ACPI S5: SLP_EN with the `\_S5` sleep type written to PM1a_CNT. */
  | { readonly op: 'shutdown-acpi' }
  /** An exception with an empty IDT, which escalates to a triple fault. */
  | { readonly op: 'triple-fault' }
  /** `cli; hlt` in a loop: the vCPU sleeps and never wakes. */
  | { readonly op: 'halt' }
  /** An endless loop with interrupts off. */
  | { readonly op: 'spin' };

/** The descriptor of an intent note. */
export interface Intent {
  /** Fixture name, as in `fixture NAME: start`. */
  readonly fixture: string;
  readonly steps: readonly IntentStep[];
}

/** Raised for a note that is missing, cut short or not a valid intent. */
export class IntentNoteError extends Error {
  override name = 'IntentNoteError';
}

const align4 = (n: number): number => (n + 3) & ~3;

/** Encodes an intent as the bytes of a complete ELF note (header, owner, descriptor). */
export function encodeIntentNote(intent: Intent): Buffer {
  const name = Buffer.from(`${INTENT_NOTE_OWNER}\0`, 'utf8');
  const desc = Buffer.from(JSON.stringify(intent), 'utf8');
  const note = Buffer.alloc(12 + align4(name.length) + align4(desc.length));
  note.writeUInt32LE(name.length, 0);
  note.writeUInt32LE(desc.length, 4);
  note.writeUInt32LE(INTENT_NOTE_TYPE, 8);
  name.copy(note, 12);
  desc.copy(note, 12 + align4(name.length));
  return note;
}

/** One note found in a note area. */
export interface ElfNote {
  readonly owner: string;
  readonly type: number;
  readonly desc: Buffer;
}

/** Splits a PT_NOTE segment's bytes into notes (little-endian, 4-byte aligned). */
export function parseNotes(area: Buffer): ElfNote[] {
  const notes: ElfNote[] = [];
  let offset = 0;
  while (offset + 12 <= area.length) {
    const namesz = area.readUInt32LE(offset);
    const descsz = area.readUInt32LE(offset + 4);
    const type = area.readUInt32LE(offset + 8);
    const nameStart = offset + 12;
    const descStart = nameStart + align4(namesz);
    const end = descStart + align4(descsz);
    if (descStart + descsz > area.length) {
      throw new IntentNoteError(
        `ELF note at offset ${offset} runs past the end of its segment`,
      );
    }
    const owner = area
      .subarray(nameStart, nameStart + namesz)
      .toString('utf8')
      .replace(/\0+$/, '');
    notes.push({
      owner,
      type,
      desc: area.subarray(descStart, descStart + descsz),
    });
    offset = end;
  }
  return notes;
}

/** Decodes the intent from a note area, or throws `IntentNoteError` naming what is wrong. */
export function decodeIntent(area: Buffer): Intent {
  const note = parseNotes(area).find(
    (n) => n.owner === INTENT_NOTE_OWNER && n.type === INTENT_NOTE_TYPE,
  );
  if (note === undefined) {
    throw new IntentNoteError(
      `no "${INTENT_NOTE_OWNER}" intent note in the image`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(note.desc.toString('utf8'));
  } catch (error) {
    throw new IntentNoteError(
      `intent note is not valid JSON: ${(error as Error).message}`,
    );
  }
  if (!isIntent(value)) {
    throw new IntentNoteError(
      'intent note does not describe a fixture and its steps',
    );
  }
  return value;
}

const stepShapes: Readonly<
  Record<IntentStep['op'], Readonly<Record<string, string>>>
> = {
  console: { text: 'string' },
  'console-repeat': { pattern: 'string', bytes: 'number' },
  'failure-port': { text: 'string' },
  'failure-port-repeat': { pattern: 'string', bytes: 'number' },
  pvpanic: { value: 'number', absentText: 'string' },
  reset: { via: 'string' },
  'shutdown-acpi': {},
  'triple-fault': {},
  halt: {},
  spin: {},
};

function isIntent(value: unknown): value is Intent {
  if (typeof value !== 'object' || value === null) return false;
  const { fixture, steps } = value as Record<string, unknown>;
  if (typeof fixture !== 'string' || !Array.isArray(steps)) return false;
  return steps.every((step: unknown) => {
    if (typeof step !== 'object' || step === null) return false;
    const record = step as Record<string, unknown>;
    const op = record.op;
    if (typeof op !== 'string' || !(op in stepShapes)) return false;
    const shape = stepShapes[op as IntentStep['op']];
    return Object.entries(shape).every(
      ([key, type]) => typeof record[key] === type,
    );
  });
}
