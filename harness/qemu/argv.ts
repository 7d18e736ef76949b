/**
 * The QEMU command line that boots one fixture image. Option spellings checked against Debian's
 * QEMU 7.2 (`qemu-system-x86_64 -help`, `-action help`, `-device help`).
 */

/** QEMU executable run when no other is given; found on PATH. */
export const DEFAULT_QEMU_BINARY = 'qemu-system-x86_64';

/**
 * QEMU accelerator that runs guest code. TCG (the software emulator) is the default because it
 * needs no access to /dev/kvm and is faster for these tiny guests. A whole run of shutdown-acpi
 * took about 0.25 s with TCG and about 5 s with KVM (QEMU 7.2, nested KVM on a 2-core VM).
 */
export type QemuAccelerator = 'tcg' | 'kvm';

/** Everything that varies between QEMU runs of the harness. */
export interface QemuCommand {
  /** QEMU executable, a path or a name looked up on PATH. */
  readonly binary: string;
  /** ELF image with a Xen PVH note, so that QEMU's `-kernel` boots it through the PVH entry. */
  readonly image: string;
  /** Regular file that receives COM1 (I/O port 0x3F8), the console. */
  readonly consolePath: string;
  /** Unix socket path QEMU listens on for QMP, at most 107 bytes long (`sun_path`). */
  readonly qmpSocket: string;
  readonly accelerator: QemuAccelerator;
  /**
   * File or FIFO that receives the guest's second serial port (COM2, I/O port 0x2F8), the AVF
   * failure channel. QEMU opens it for writing at start-up, so a FIFO needs a reader first.
   */
  readonly com2Path?: string;
}

/** Maximum length of a Unix socket path on Linux, without the terminating NUL. */
export const MAX_UNIX_SOCKET_PATH_BYTES = 107;

/**
 * Builds the argv, executable first. The guest starts paused (`-S`) so that the harness can
 * connect to QMP before any guest code runs and no event of a fast fixture is lost.
 */
export function buildQemuArgv(command: QemuCommand): string[] {
  if (Buffer.byteLength(command.qmpSocket) > MAX_UNIX_SOCKET_PATH_BYTES) {
    throw new RangeError(
      `QMP socket path ${command.qmpSocket} is longer than ${MAX_UNIX_SOCKET_PATH_BYTES} bytes; ` +
        'use a shorter temporary directory (set TMPDIR)',
    );
  }
  const argv = [
    command.binary,
    '-machine',
    'q35',
    '-accel',
    command.accelerator,
    '-nodefaults',
    // A guest reset then ends QEMU with a SHUTDOWN event whose reason is guest-reset.
    '-no-reboot',
    '-display',
    'none',
    // The first -serial is COM1 (I/O port 0x3F8), the fixture's console. It goes to a file
    // because QEMU drops serial bytes when a stdout pipe is full (see console-file.ts).
    '-serial',
    `file:${command.consolePath}`,
  ];
  if (command.com2Path !== undefined) {
    // The second -serial is COM2 (I/O port 0x2F8). QEMU's file backend (chardev/char-file.c)
    // opens the path with O_WRONLY|O_CREAT|O_TRUNC, which works on a FIFO as on a regular file.
    // NOTE: QEMU drops bytes once a FIFO is full: 1 MiB through a FIFO whose reader paused 3 s
    // lost 47 bytes. COM2 output beyond the 64 KiB FIFO buffer therefore arrives whole only
    // while the harness drains fast enough. The token fixtures write at most 60,000 bytes.
    argv.push('-serial', `file:${command.com2Path}`);
  }
  argv.push(
    // The same pvpanic PCI device as crosvm's (vendor 1b36, device 0011).
    '-device',
    'pvpanic-pci',
    // Keep the guest running after a panic event so the reset or power-off that follows is seen.
    '-action',
    'panic=none',
    '-S',
    '-qmp',
    `unix:${command.qmpSocket},server=on,wait=off`,
    '-kernel',
    command.image,
  );
  return argv;
}
