import type { IntentStep } from '../elf/intent-note.js';

/**
 * The bytes a fixture writes to its serial ports on QEMU, derived from its intent steps. QEMU has every
 * device the steps use (COM1, COM2, i8042, 0xCF9, ACPI, pvpanic-pci), and with `-action
 * panic=none` a pvpanic write does not stop the guest. So the steps run in order until the first
 * one that ends the VM or never returns, and a pvpanic step never prints its `absentText`.
 */
export interface ExpectedSerialOutput {
  /** Bytes on COM1 (I/O port 0x3F8). */
  readonly console: Buffer;
  /** Bytes on COM2 (I/O port 0x2F8). */
  readonly failurePort: Buffer;
}

/** Steps after which no further step runs: the VM resets, powers off, or never returns. */
const FINAL_OPS: ReadonlySet<IntentStep['op']> = new Set([
  'reset',
  'shutdown-acpi',
  'triple-fault',
  'halt',
  'spin',
]);

/** Returns the UTF-8 bytes of `pattern` repeated and cut to exactly `bytes` bytes. */
function repeatToLength(pattern: string, bytes: number): Buffer {
  const unit = Buffer.from(pattern, 'utf8');
  if (unit.length === 0) return Buffer.alloc(0);
  const repeated = Buffer.alloc(bytes);
  for (let offset = 0; offset < bytes; offset += unit.length)
    unit.copy(repeated, offset);
  return repeated;
}

/** Computes the serial output a fixture with `steps` produces on QEMU. */
export function expectedSerialOutput(
  steps: readonly IntentStep[],
): ExpectedSerialOutput {
  const console: Buffer[] = [];
  const failurePort: Buffer[] = [];
  for (const step of steps) {
    switch (step.op) {
      case 'console':
        console.push(Buffer.from(step.text, 'utf8'));
        break;
      case 'console-repeat':
        console.push(repeatToLength(step.pattern, step.bytes));
        break;
      case 'failure-port':
        failurePort.push(Buffer.from(step.text, 'utf8'));
        break;
      case 'failure-port-repeat':
        failurePort.push(repeatToLength(step.pattern, step.bytes));
        break;
      default:
        break;
    }
    if (FINAL_OPS.has(step.op)) break;
  }
  return {
    console: Buffer.concat(console),
    failurePort: Buffer.concat(failurePort),
  };
}
