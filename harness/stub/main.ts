/**
 * Entry point of the `crosvm-stub` bin: the I/O shell around contract.ts. It selects the era,
 * reads the kernel file, writes the predicted serial output and stderr, then ends as predicted:
 * an exit code, SIGABRT, or running until a signal, a `stop` request or a host event.
 *
 * The stub installs no SIGTERM or SIGINT handler, so those signals kill it by that signal, as
 * they kill crosvm. Its own setup errors (an invalid era selection) exit 2, a code no crosvm era
 * uses.
 */
import { closeSync, openSync, readFileSync, unlinkSync } from 'node:fs';
import type { Server } from 'node:net';
import type { Era } from '../crosvm/era-types.js';
import { EraDateError, NEWEST_ERA, eraForDate } from '../crosvm/eras.js';
import { parseCommandLine } from './argv.js';
import {
  predictCommand,
  type Ending,
  type HostEventResult,
  type Prediction,
} from './contract.js';
import {
  listenControlSocket,
  sendControlRequest,
  type ControlRequest,
} from './control.js';
import { HOST_EVENTS, HOST_EVENT_SIGNALS } from './host-events.js';
import type { KernelInput } from './loader.js';
import {
  closeSerialOutput,
  openSerialOutput,
  SerialOpenError,
  writeChunks,
  type SerialOutput,
} from './serial.js';

/** Exit status of the stub's own setup errors. */
const STUB_SETUP_ERROR = 2;

/** Requests and host events that arrive before the VM's ending is known. */
const pending: ControlRequest[] = [];
let deliver: (request: ControlRequest) => void = (request) =>
  pending.push(request);

function installHostEventSignals(): void {
  for (const event of HOST_EVENTS) {
    process.on(HOST_EVENT_SIGNALS[event], () => {
      deliver({ kind: 'host-event', event });
    });
  }
}

/** Removes `--stub-era DATE` from `argv` and returns the date, if given. */
function takeStubEraFlag(argv: string[]): string | undefined {
  const index = argv.findIndex(
    (arg) => arg === '--stub-era' || arg.startsWith('--stub-era='),
  );
  if (index < 0) return undefined;
  const arg = argv[index] ?? '';
  if (arg.includes('=')) {
    argv.splice(index, 1);
    return arg.slice('--stub-era='.length);
  }
  const value = argv[index + 1];
  argv.splice(index, 2);
  return value ?? '';
}

async function selectEra(argv: string[]): Promise<Era> {
  const date = takeStubEraFlag(argv) ?? process.env.CROSVM_STUB_ERA;
  const file = process.env.CROSVM_STUB_ERA_FILE;
  if (file !== undefined && file !== '') {
    if (date !== undefined && date !== '') {
      throw new EraDateError(
        'both an era date and CROSVM_STUB_ERA_FILE are set; unset one of them',
      );
    }
    const { loadEraFile } = await import('../crosvm/era-file.js');
    return loadEraFile(file);
  }
  if (date === undefined || date === '') return NEWEST_ERA;
  return eraForDate(date);
}

/** Formats an OS error as Rust's io::Error does: "No such file or directory (os error 2)". */
function osErrorText(error: NodeJS.ErrnoException): string {
  const description =
    /^[A-Z]+: ([^,]+)/.exec(error.message)?.[1] ?? error.message;
  const text = description.charAt(0).toUpperCase() + description.slice(1);
  return error.errno === undefined
    ? text
    : `${text} (os error ${Math.abs(error.errno)})`;
}

function readKernel(path: string): KernelInput {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    return {
      kind: 'open-failed',
      path,
      error: osErrorText(error as NodeJS.ErrnoException),
    };
  }
  try {
    return { kind: 'bytes', bytes: readFileSync(fd) };
  } catch (error) {
    return {
      kind: 'read-failed',
      error: osErrorText(error as NodeJS.ErrnoException),
    };
  } finally {
    closeSync(fd);
  }
}

/** Serial outputs opened for the run; flushed and closed before the process ends. */
const serialOutputs: SerialOutput[] = [];

async function flushOutputs(): Promise<void> {
  await Promise.all(serialOutputs.map(closeSerialOutput));
  await new Promise<void>((resolve) =>
    process.stdout.write('', () => {
      resolve();
    }),
  );
}

async function exitWith(code: number): Promise<never> {
  await flushOutputs();
  process.exit(code);
}

async function runStop(socketPath: string): Promise<never> {
  try {
    await sendControlRequest(socketPath, 'stop');
  } catch (error) {
    process.stderr.write(
      `failed to stop the VM at ${socketPath}: ${(error as Error).message}\n`,
    );
    return exitWith(1);
  }
  return exitWith(0);
}

async function carryOut(
  prediction: Prediction,
  socketPath: string | undefined,
): Promise<never> {
  if (prediction.stdout !== '') process.stdout.write(prediction.stdout);
  for (const line of prediction.stderr) process.stderr.write(`${line}\n`);
  await settle(prediction.ending, socketPath);
  // settle returns only for an ending that is not reached yet.
  return new Promise<never>(() => undefined);
}

async function settle(
  ending: Ending | HostEventResult,
  socketPath: string | undefined,
): Promise<void> {
  const cleanUp = (): void => {
    if (socketPath === undefined) return;
    try {
      unlinkSync(socketPath);
    } catch {
      // Already removed.
    }
  };
  if (ending.kind === 'exit' || ending.kind === 'signal') {
    // The VM has ended: later requests and host events change nothing.
    deliver = () => undefined;
  }
  switch (ending.kind) {
    case 'exit':
      cleanUp();
      return exitWith(ending.code);
    case 'signal':
      cleanUp();
      await flushOutputs();
      // A Rust panic in crosvm aborts: death by SIGABRT. process.abort() would also print
      // Node's native stack, which crosvm does not.
      process.stderr.write('crosvm-stub: emulated crosvm panic; aborting\n');
      process.kill(process.pid, 'SIGABRT');
      return;
    case 'ignored':
      return;
    case 'running': {
      const handle = (request: ControlRequest): void => {
        const next: Ending | HostEventResult =
          request.kind === 'stop'
            ? { kind: 'exit', code: ending.stopCode }
            : ending.hostEvents[request.event];
        void settle(next, socketPath);
      };
      deliver = handle;
      pending.splice(0).forEach(handle);
      // Keeps the event loop alive when no control socket does.
      setInterval(() => undefined, 1 << 30);
      return;
    }
  }
}

async function main(): Promise<void> {
  installHostEventSignals();
  // A reader that closes stdout early must not crash the stub with an unhandled EPIPE.
  process.stdout.on('error', () => undefined);
  const argv = process.argv.slice(2);
  let era: Era;
  try {
    era = await selectEra(argv);
  } catch (error) {
    process.stderr.write(`crosvm-stub: ${(error as Error).message}\n`);
    return exitWith(STUB_SETUP_ERROR);
  }
  const command = parseCommandLine(era, argv);
  if (command.kind === 'stop') return runStop(command.socketPath);

  let server: Server | undefined;
  const socketPath =
    command.kind === 'run' ? command.options.socketPath : undefined;
  if (socketPath !== undefined) {
    try {
      server = await listenControlSocket(socketPath, (request) => {
        deliver(request);
      });
    } catch (error) {
      process.stderr.write(
        `exiting with error 1: failed to create control socket ${socketPath}: ${(error as Error).message}\n`,
      );
      return exitWith(1);
    }
    server.unref();
  }
  const prediction = predictCommand(era, command, readKernel);
  if (command.kind === 'run') {
    let com1: SerialOutput;
    let com2: SerialOutput;
    try {
      com1 = openSerialOutput(command.options.serials, 1);
      com2 = openSerialOutput(command.options.serials, 2);
    } catch (error) {
      if (!(error instanceof SerialOpenError)) throw error;
      process.stderr.write(
        `exiting with error 1: failed to create serial device: ${error.message}\n`,
      );
      return exitWith(1);
    }
    serialOutputs.push(com1, com2);
    // Program order across the ports: each write completes before the next one starts.
    for (const { port, chunk } of prediction.serial) {
      await writeChunks(port === 1 ? com1 : com2, [chunk]);
    }
  }
  await carryOut(prediction, socketPath);
}

await main();
