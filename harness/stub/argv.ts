/**
 * crosvm's command line as one era accepts it. Pure: no I/O. Parse failures are values, because
 * the exit code they give depends on the era (`Era.exit.invalidArgs`).
 */
import type { Era } from '../crosvm/era-types.js';
import {
  parseRunOptions,
  splitInlineValue,
  type RunOptions,
} from './run-options.js';

export type { RunOptions, SerialSpec } from './run-options.js';

/** The action a command line requests. */
export type Command =
  | {
      readonly kind: 'run';
      readonly extendedStatus: boolean;
      readonly options: RunOptions;
    }
  | { readonly kind: 'stop'; readonly socketPath: string }
  | { readonly kind: 'version' }
  /** `--help`: usage on stdout, exit `Era.exit.help`. */
  | { readonly kind: 'help' }
  /** No subcommand before argh: usage on stdout, exit 0. */
  | { readonly kind: 'usage' }
  /** A parse error: `message` on stderr, exit `Era.exit.invalidArgs`. */
  | { readonly kind: 'invalid'; readonly message: string }
  /** A parsed command line that fails config validation: `message` on stderr, exit 1. */
  | { readonly kind: 'config-error'; readonly message: string };

interface TopLevel {
  readonly extendedStatus: boolean;
  readonly command: string | undefined;
  readonly rest: readonly string[];
}

/** Parses the options before the subcommand by the era's rules. */
function parseTopLevel(era: Era, argv: readonly string[]): TopLevel | Command {
  const { flags } = era;
  let index = 0;
  let extendedStatus = false;
  const at = (i: number): string | undefined => argv[i];

  switch (flags.topLevel) {
    case 'none':
      break;
    case 'extended-status-first':
      if (at(0) === '--extended-status') {
        extendedStatus = true;
        index = 1;
      }
      break;
    case 'fixed-order':
      // src/main.rs at 86939a133: each option is recognised only in this position, and a
      // misplaced one is taken for the subcommand name.
      if (at(index) === '--extended-status') {
        extendedStatus = true;
        index++;
      }
      if (at(index) === '--log-level') index += 2;
      if (at(index) === '--no-syslog') index++;
      break;
    case 'any-order':
      for (
        let arg = at(index);
        arg?.startsWith('-') === true;
        arg = at(index)
      ) {
        const [name, inlineValue] = splitInlineValue(arg);
        if (name === '--extended-status' && inlineValue === undefined) {
          extendedStatus = true;
          index++;
        } else if (name === '--no-syslog' && inlineValue === undefined) {
          index++;
        } else if (name === '--log-level') {
          if (inlineValue === undefined && at(index + 1) === undefined) {
            return {
              kind: 'invalid',
              message: 'Missing value for option: --log-level',
            };
          }
          index += inlineValue === undefined ? 2 : 1;
        } else if (name === '--help' || name === '-h') {
          return { kind: 'help' };
        } else {
          return { kind: 'invalid', message: `Unrecognized argument: ${arg}` };
        }
      }
      break;
  }
  return { extendedStatus, command: at(index), rest: argv.slice(index + 1) };
}

/** Parses crosvm's command line (without the program name) by the rules of `era`. */
export function parseCommandLine(era: Era, argv: readonly string[]): Command {
  const top = parseTopLevel(era, argv);
  if ('kind' in top) return top;
  const { command, rest, extendedStatus } = top;
  if (command === undefined) {
    return era.flags.topLevel === 'any-order'
      ? {
          kind: 'invalid',
          message:
            'One of the following subcommands must be present: run, stop, version',
        }
      : { kind: 'usage' };
  }
  switch (command) {
    case 'run':
      return parseRun(era, rest, extendedStatus);
    case 'stop':
      return parseStop(rest);
    case 'version':
      if (era.flags.version) return { kind: 'version' };
      break;
    default:
      break;
  }
  return { kind: 'invalid', message: `invalid subcommand: "${command}"` };
}

function parseRun(
  era: Era,
  args: readonly string[],
  extendedStatus: boolean,
): Command {
  const parsed = parseRunOptions(era, args);
  if (parsed.kind !== 'options') return parsed;
  if (parsed.options.kernelPath === undefined) {
    return { kind: 'config-error', message: 'Executable is not specified' };
  }
  return { kind: 'run', extendedStatus, options: parsed.options };
}

function parseStop(args: readonly string[]): Command {
  const [socketPath, extra] = args;
  if (socketPath === undefined || socketPath.startsWith('-')) {
    return {
      kind: 'invalid',
      message: 'stop: expected the path of a control socket',
    };
  }
  if (extra !== undefined) {
    return { kind: 'invalid', message: `stop: unexpected argument "${extra}"` };
  }
  return { kind: 'stop', socketPath };
}
