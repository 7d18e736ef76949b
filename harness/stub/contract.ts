/**
 * The stub crosvm's pure core: given an era, a command line and the kernel file, predicts what a
 * crosvm of that era prints and how it ends. No I/O happens here, so the fingerprint can call it
 * for many eras without starting a process; main.ts carries the prediction out.
 */
import type { Era } from '../crosvm/era-types.js';
import { decodeIntent, type IntentStep } from '../elf/intent-note.js';
import { parseCommandLine, type Command, type RunOptions } from './argv.js';
import { HOST_EVENTS, type HostEvent } from './host-events.js';
import { stubHelpText } from './help.js';
import { loadKernel, type GuestStart, type KernelInput } from './loader.js';

/** Bytes written to a serial port: literal text, or `pattern` repeated to exactly `bytes` bytes. */
export type OutputChunk =
  | { readonly text: string }
  | { readonly pattern: string; readonly bytes: number };

/** One guest write to a serial port, in the order the guest code makes it. */
export interface SerialWrite {
  /** COM port number: 1 (I/O port 0x3F8) or 2 (0x2F8). */
  readonly port: 1 | 2;
  readonly chunk: OutputChunk;
}

/** Result of a host event on a running VM. */
export type HostEventResult =
  | { readonly kind: 'exit'; readonly code: number }
  | { readonly kind: 'signal'; readonly signal: 'SIGABRT' }
  | { readonly kind: 'ignored' };

/** Why a VM keeps running: its guest halts or spins, or the code did not start where expected. */
export type RunningReason =
  'halt' | 'spin' | 'steps-ended' | Exclude<GuestStart, 'fixture-entry'>;

/** Ending of the process. */
export type Ending =
  | { readonly kind: 'exit'; readonly code: number }
  /** A Rust panic in crosvm, which aborts. */
  | { readonly kind: 'signal'; readonly signal: 'SIGABRT' }
  /**
   * The VM runs until a signal (SIGTERM, SIGINT and SIGKILL kill it by that signal), a `stop`
   * request (`stopCode`) or a host event (`hostEvents`).
   */
  | {
      readonly kind: 'running';
      readonly reason: RunningReason;
      readonly stopCode: number;
      readonly hostEvents: Readonly<Record<HostEvent, HostEventResult>>;
    };

/** Everything the emulated crosvm outputs, and its ending. */
export interface Prediction {
  /** Guest bytes on COM1 (I/O port 0x3F8). */
  readonly com1: readonly OutputChunk[];
  /** Guest bytes on COM2 (I/O port 0x2F8), where AVF reads failure tokens. */
  readonly com2: readonly OutputChunk[];
  /**
   * The same bytes as `com1` and `com2`, interleaved in program order. crosvm's serial device
   * writes each byte out during the guest's `out` instruction, so a token written to COM2 before a
   * COM1 line has reached the failure pipe by the time that line appears.
   */
  readonly serial: readonly SerialWrite[];
  /** Text crosvm itself prints on stdout (usage, version). */
  readonly stdout: string;
  /** Lines crosvm prints on stderr. */
  readonly stderr: readonly string[];
  readonly ending: Ending;
}

/** crosvm's Cargo package version, which never changed. */
const CROSVM_VERSION = '0.1.0';

/** Exit codes of VM endings that `--extended-status` governs. */
const MASKABLE_CODES = new Set([32, 33, 34, 36]);

/** Reads a kernel file for the prediction; pure callers pass bytes they already hold. */
export type KernelSource = (path: string) => KernelInput;

/** Predicts the outcome of `crosvm ARGV` (without the program name) in `era`. */
export function predict(
  era: Era,
  argv: readonly string[],
  kernels: KernelSource,
): Prediction {
  return predictCommand(era, parseCommandLine(era, argv), kernels);
}

/** Predicts the outcome of a parsed command. A `stop` is predicted as succeeding. */
export function predictCommand(
  era: Era,
  command: Command,
  kernels: KernelSource,
): Prediction {
  const base = { com1: [], com2: [], serial: [], stdout: '', stderr: [] };
  switch (command.kind) {
    case 'help':
      return {
        ...base,
        stdout: stubHelpText(era),
        ending: exit(era.exit.help),
      };
    case 'usage':
      return { ...base, stdout: stubHelpText(era), ending: exit(0) };
    case 'version':
      return { ...base, stdout: `crosvm ${CROSVM_VERSION}\n`, ending: exit(0) };
    case 'invalid':
      return {
        ...base,
        stderr: [command.message],
        ending: exit(era.exit.invalidArgs),
      };
    case 'config-error':
      return {
        ...base,
        stderr: [`exiting with error 1: ${command.message}`],
        ending: exit(1),
      };
    case 'stop':
      return { ...base, ending: exit(0) };
    case 'run': {
      const path = command.options.kernelPath ?? '';
      return predictRun(
        era,
        command.options,
        command.extendedStatus,
        kernels(path),
      );
    }
  }
}

type ExitEnding = Extract<Ending, { kind: 'exit' }>;

function exit(code: number): ExitEnding {
  return { kind: 'exit', code };
}

/** Predicts `crosvm run` with `options` on `kernel`. */
export function predictRun(
  era: Era,
  options: RunOptions,
  extendedStatus: boolean,
  kernel: KernelInput,
): Prediction {
  const loaded = loadKernel(era, kernel, options.memMib);
  const empty = { com1: [], com2: [], serial: [], stdout: '' };
  if (loaded.kind === 'failed') {
    return { ...empty, stderr: [loaded.message], ending: exit(1) };
  }
  const vm = new VmPlayback(era, options, extendedStatus);
  if (loaded.start !== 'fixture-entry') {
    return { ...empty, stderr: [], ending: vm.running(loaded.start) };
  }
  const intent = loaded.notes
    .map(tryDecode)
    .find((value) => value !== undefined);
  if (intent === undefined) {
    // NOTE: a real kernel would boot here; the stub can only play back declared behaviour.
    return {
      ...empty,
      stderr: [
        'crosvm-stub: the kernel image has no intent note, so the stub cannot run it',
      ],
      ending: exit(1),
    };
  }
  return vm.play(intent.steps);
}

function tryDecode(area: Buffer): ReturnType<typeof decodeIntent> | undefined {
  try {
    return decodeIntent(area);
  } catch {
    return undefined;
  }
}

/** Plays intent steps back against an era's device and exit rules. */
class VmPlayback {
  private readonly com1: OutputChunk[] = [];
  private readonly com2: OutputChunk[] = [];
  private readonly serial: SerialWrite[] = [];
  /** Last value written to the pvpanic device in the deferred era, or undefined. */
  private pvpanicCode: number | undefined;

  constructor(
    private readonly era: Era,
    private readonly options: RunOptions,
    private readonly extendedStatus: boolean,
  ) {}

  play(steps: readonly IntentStep[]): Prediction {
    for (const step of steps) {
      const ending = this.step(step);
      if (ending !== undefined) return this.result(ending);
    }
    return this.result(this.running('steps-ended'));
  }

  private result(ending: Ending): Prediction {
    return {
      com1: this.com1,
      com2: this.com2,
      serial: this.serial,
      stdout: '',
      stderr: [],
      ending,
    };
  }

  private write(port: 1 | 2, chunk: OutputChunk): void {
    (port === 1 ? this.com1 : this.com2).push(chunk);
    this.serial.push({ port, chunk });
  }

  /** Applies one step; returns the ending when the step ends or parks the VM. */
  private step(step: IntentStep): Ending | undefined {
    const { devices } = this.era;
    switch (step.op) {
      case 'console':
        this.write(1, { text: step.text });
        return undefined;
      case 'console-repeat':
        this.write(1, { pattern: step.pattern, bytes: step.bytes });
        return undefined;
      case 'failure-port':
        this.write(2, { text: step.text });
        return undefined;
      case 'failure-port-repeat':
        this.write(2, { pattern: step.pattern, bytes: step.bytes });
        return undefined;
      case 'pvpanic':
        return this.pvpanic(step.value, step.absentText);
      case 'reset':
        // Without reset events, i8042 0xFE is an exit event; 0xCF9 and the (absent) FADT reset
        // register do nothing. --no-i8042 removes the i8042 device.
        if (step.via === 'i8042') {
          if (this.options.noI8042) return undefined;
          return this.vmEvent(devices.guestReset === 'reset' ? 32 : 0);
        }
        return devices.guestReset === 'reset' ? this.vmEvent(32) : undefined;
      case 'shutdown-acpi':
        return devices.acpiShutdown ? this.vmEvent(0) : undefined;
      case 'triple-fault':
        // KVM_EXIT_SHUTDOWN: crosvm treats it as a VM stop.
        return this.vmEvent(0);
      case 'halt':
        return this.running('halt');
      case 'spin':
        return this.running('spin');
    }
  }

  private pvpanic(value: number, absentText: string): Ending | undefined {
    switch (this.era.devices.pvpanic) {
      case 'absent':
        this.write(1, { text: absentText });
        return undefined;
      case 'immediate':
        // Value 2 (CRASH_LOADED) is only logged; any other value ends the VM at once.
        return value === 2 ? undefined : this.masked(34);
      case 'deferred':
        this.pvpanicCode = value;
        return undefined;
    }
  }

  /** Ends the VM through the VM event channel: 34 instead when the last pvpanic write was 1. */
  private vmEvent(code: number): ExitEnding {
    return this.masked(this.pvpanicCode === 1 ? 34 : code);
  }

  /** Applies the era's `--extended-status` mask to a VM ending. */
  private masked(code: number): ExitEnding {
    const mask =
      this.era.exit.statusMask === 'masked-without-flag' &&
      !this.extendedStatus;
    return exit(mask && MASKABLE_CODES.has(code) ? 0 : code);
  }

  running(reason: RunningReason): Ending {
    const hostEvents = Object.fromEntries(
      HOST_EVENTS.map((event) => [event, this.hostEvent(event)]),
    ) as Record<HostEvent, HostEventResult>;
    // `crosvm stop` leaves the control loop outside the VM event channel: 0 even after pvpanic.
    return { kind: 'running', reason, stopCode: 0, hostEvents };
  }

  private hostEvent(event: HostEvent): HostEventResult {
    const { hostEvents } = this.era;
    const childExit = (): HostEventResult =>
      hostEvents.childExit === 'crash' ? this.masked(33) : exit(0);
    switch (event) {
      case 'device-child-killed':
        return childExit();
      case 'device-child-clean-exit':
        if (
          hostEvents.cleanUntrackedChildIgnoredUnsandboxed &&
          this.options.disableSandbox
        ) {
          return { kind: 'ignored' };
        }
        return childExit();
      case 'vhost-user-disconnect':
        // From 2025-08-14 the disconnect is a DeviceCrashed VM event, so pvpanic applies.
        if (hostEvents.vhostUserDisconnect === 'abort')
          return { kind: 'signal', signal: 'SIGABRT' };
        return this.vmEvent(33);
    }
  }
}
