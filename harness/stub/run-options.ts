/**
 * Options of `crosvm run` that the stub accepts, by era. Any other option is a parse error, as a
 * flag unknown to the era is on a real crosvm. Both `--flag=value` and `--flag value` work: the
 * old `argument.rs` parser takes both, and from 2022-06-13 crosvm splits `--flag=value` before
 * handing it to argh.
 */
import type { Era } from '../crosvm/era-types.js';

/** One `--serial` option. */
export interface SerialSpec {
  /** Destination of the port's output: crosvm's stdout, nowhere, or a file or pipe at `path`. */
  readonly type: 'stdout' | 'sink' | 'file' | 'syslog';
  /** `serial` (an 8250 UART at a COM port) or `virtio-console`. */
  readonly hardware: 'serial' | 'virtio-console';
  /** Port number 1-4: COM1 0x3F8, COM2 0x2F8, COM3 0x3E8, COM4 0x2E8. */
  readonly num: number;
  readonly path?: string;
  readonly console: boolean;
}

/** The parsed options of `run`. */
export interface RunOptions {
  readonly disableSandbox: boolean;
  /** Guest RAM in MiB; crosvm's default is 256. */
  readonly memMib: number;
  readonly cpus: number;
  readonly serials: readonly SerialSpec[];
  readonly params: readonly string[];
  /** True with `--no-i8042`, or `--no-legacy` in the eras that have it. */
  readonly noI8042: boolean;
  /** Control socket path of `-s/--socket`, for `crosvm stop`. */
  readonly socketPath?: string;
  readonly kernelPath?: string;
}

/** Splits `--name=value` into its name and value; other arguments have no inline value. */
export function splitInlineValue(arg: string): [string, string | undefined] {
  const equals = arg.indexOf('=');
  if (!arg.startsWith('--') || equals < 0) return [arg, undefined];
  return [arg.slice(0, equals), arg.slice(equals + 1)];
}

/** crosvm's default guest RAM in MiB (`--mem` absent). */
export const DEFAULT_MEM_MIB = 256;

type Parsed =
  | { readonly kind: 'options'; readonly options: RunOptions }
  | { readonly kind: 'help' }
  | { readonly kind: 'invalid'; readonly message: string };

/** Options that take a value, by every name they have (long and short). */
const VALUE_OPTIONS: Readonly<Record<string, string>> = {
  '--mem': 'mem',
  '-m': 'mem',
  '--cpus': 'cpus',
  '-c': 'cpus',
  '--serial': 'serial',
  '--params': 'params',
  '-p': 'params',
  '--socket': 'socket',
  '-s': 'socket',
};

function switchExists(era: Era, name: string): boolean {
  switch (name) {
    case '--disable-sandbox':
      return true;
    case '--no-legacy':
      return era.flags.noLegacy;
    case '--no-i8042':
    case '--no-rtc':
      return era.flags.noI8042AndNoRtc;
    default:
      return false;
  }
}

/** Parses the arguments after `run`. */
export function parseRunOptions(era: Era, args: readonly string[]): Parsed {
  let memMib = DEFAULT_MEM_MIB;
  let cpus = 1;
  let disableSandbox = false;
  let noI8042 = false;
  let socketPath: string | undefined;
  let kernelPath: string | undefined;
  const serials: SerialSpec[] = [];
  const params: string[] = [];

  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    const [name, inlineValue] = splitInlineValue(arg);
    if (name === '--help' || name === '-h') return { kind: 'help' };
    if (switchExists(era, name)) {
      if (inlineValue !== undefined)
        return invalid(`${name} takes no value, got "${arg}"`);
      if (name === '--disable-sandbox') disableSandbox = true;
      if (name === '--no-legacy' || name === '--no-i8042') noI8042 = true;
      continue;
    }
    const option = VALUE_OPTIONS[name];
    if (
      option === undefined ||
      (option === 'serial' && era.flags.serial === 'absent')
    ) {
      if (arg.startsWith('-')) return invalid(`unknown argument: ${arg}`);
      if (kernelPath !== undefined)
        return invalid(`unexpected extra kernel path: ${arg}`);
      kernelPath = arg;
      continue;
    }
    const value = inlineValue ?? args[++index];
    if (value === undefined) return invalid(`missing value for ${name}`);
    switch (option) {
      case 'mem': {
        const parsed = parseMem(era, value);
        if (typeof parsed === 'string') return invalid(parsed);
        memMib = parsed;
        break;
      }
      case 'cpus':
        if (!/^[1-9]\d*$/.test(value))
          return invalid(`invalid value for ${name}: "${value}"`);
        cpus = Number(value);
        break;
      case 'serial': {
        const parsed = parseSerial(era, value);
        if (typeof parsed === 'string') return invalid(parsed);
        if (
          serials.some(
            (s) => s.hardware === parsed.hardware && s.num === parsed.num,
          )
        ) {
          return invalid(`serial num ${parsed.num} is given twice`);
        }
        serials.push(parsed);
        break;
      }
      case 'params':
        params.push(value);
        break;
      default:
        socketPath = value;
    }
  }
  const options: RunOptions = {
    disableSandbox,
    memMib,
    cpus,
    serials,
    params,
    noI8042,
    ...(socketPath === undefined ? {} : { socketPath }),
    ...(kernelPath === undefined ? {} : { kernelPath }),
  };
  return { kind: 'options', options };
}

function invalid(message: string): Parsed {
  return { kind: 'invalid', message };
}

/** Parses a `--mem` value to MiB, or returns an error message. */
function parseMem(era: Era, value: string): number | string {
  if (/^\d+$/.test(value)) return Number(value);
  const size = /^size=(\d+)$/.exec(value);
  if (size?.[1] !== undefined && era.flags.mem === 'mib-or-key-values')
    return Number(size[1]);
  const form =
    era.flags.mem === 'mib' ? 'a number of MiB' : 'a number of MiB or size=N';
  return `invalid value for --mem: "${value}"; expected ${form}`;
}

const SERIAL_TYPES = new Set(['stdout', 'sink', 'file', 'syslog']);
const SERIAL_HARDWARE = new Set(['serial', 'virtio-console']);

/** Parses a `--serial` value (comma-separated key=value pairs), or returns an error message. */
function parseSerial(era: Era, value: string): SerialSpec | string {
  let type = 'sink';
  let hardware = 'serial';
  let num = 1;
  let path: string | undefined;
  let console = false;
  for (const pair of value.split(',')) {
    const [key = '', item] = pair.split('=', 2);
    if (key === 'type' && item !== undefined && SERIAL_TYPES.has(item))
      type = item;
    else if (key === 'num' && item !== undefined && /^[1-4]$/.test(item))
      num = Number(item);
    else if (key === 'path' && item !== undefined && item !== '') path = item;
    else if (key === 'console' && (item === undefined || item === 'true'))
      console = true;
    else if (
      key === 'hardware' &&
      era.flags.serial === 'with-hardware' &&
      item !== undefined &&
      SERIAL_HARDWARE.has(item)
    ) {
      hardware = item;
    } else {
      return `invalid value for --serial: "${pair}" in "${value}"`;
    }
  }
  if (type === 'file' && path === undefined) {
    return `invalid value for --serial: type=file needs path=PATH in "${value}"`;
  }
  return {
    type: type as SerialSpec['type'],
    hardware: hardware as SerialSpec['hardware'],
    num,
    ...(path === undefined ? {} : { path }),
    console,
  };
}
