import type { IntentStep } from '../elf/intent-note.js';

/**
 * The bytes a fixture writes to its serial ports on QEMU, derived from its intent steps. QEMU has
 * every device the steps use (COM1, COM2, i8042, 0xCF9, ACPI, pvpanic-pci), and with `-action
 * panic=none` a pvpanic write does not stop the guest. So the steps run in order until the first
 * one that ends the VM or never returns, and a pvpanic step never prints its `absentText`.
 */
export interface ExpectedSerialOutput {
  /** Bytes on COM1 (I/O port 0x3F8) up to the step that ends the VM. */
  readonly console: Buffer;
  /**
   * COM1 bytes of the steps after the one that ends the VM. QEMU handles a reset or power-off
   * request in its main loop while the vCPU thread keeps running, so a prefix of these bytes
   * may follow `console` on a loaded machine.
   */
  readonly consoleAfterEnd: Buffer;
  /** Bytes on COM2 (I/O port 0x2F8) up to the step that ends the VM. */
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
  for (let offset = 0; offset < bytes; offset += unit.length) {
    unit.copy(repeated, offset);
  }
  return repeated;
}

/** Computes the serial output a fixture with `steps` produces on QEMU. */
export function expectedSerialOutput(
  steps: readonly IntentStep[],
): ExpectedSerialOutput {
  const console: Buffer[] = [];
  const consoleAfterEnd: Buffer[] = [];
  const failurePort: Buffer[] = [];
  let ended = false;
  for (const step of steps) {
    const consoleTarget = ended ? consoleAfterEnd : console;
    switch (step.op) {
      case 'console':
        consoleTarget.push(Buffer.from(step.text, 'utf8'));
        break;
      case 'console-repeat':
        consoleTarget.push(repeatToLength(step.pattern, step.bytes));
        break;
      case 'failure-port':
        if (!ended) failurePort.push(Buffer.from(step.text, 'utf8'));
        break;
      case 'failure-port-repeat':
        if (!ended) failurePort.push(repeatToLength(step.pattern, step.bytes));
        break;
      default:
        break;
    }
    if (FINAL_OPS.has(step.op)) ended = true;
  }
  return {
    console: Buffer.concat(console),
    consoleAfterEnd: Buffer.concat(consoleAfterEnd),
    failurePort: Buffer.concat(failurePort),
  };
}
