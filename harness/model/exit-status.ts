import { constants } from 'node:os';

/**
 * The ending of a child process, as its parent observes it after waiting. The launcher builds it
 * from the wait result, and nothing re-derives it later.
 */
export type ExitStatus =
  | { readonly kind: 'exited'; readonly code: number }
  | {
      readonly kind: 'signaled';
      readonly signal: SignalName;
      readonly number: number;
    }
  | { readonly kind: 'wait-failed'; readonly error: string };

/** A Linux signal name such as `SIGKILL`. */
export type SignalName = keyof typeof constants.signals;

const signalNumbers: Readonly<Record<string, number>> = constants.signals;

/** Signal names by number; where Linux has aliases (SIGIOT = SIGABRT) the first listed wins. */
const signalNames = new Map<number, SignalName>();
for (const [name, number] of Object.entries(signalNumbers)) {
  if (!signalNames.has(number)) signalNames.set(number, name as SignalName);
}

/** Raised for a value that no Linux process can end with, such as exit code 256. */
export class ExitStatusError extends Error {
  override name = 'ExitStatusError';
}

/** Returns an `exited` status, rejecting codes outside the 0-255 that `waitpid` can report. */
export function exited(code: number): ExitStatus {
  if (!Number.isInteger(code) || code < 0 || code > 255) {
    throw new ExitStatusError(
      `invalid exit code ${String(code)}: an exit code is an integer from 0 to 255`,
    );
  }
  return { kind: 'exited', code };
}

/**
 * Resolves a signal given by name (`SIGTERM`, `TERM`, `sigterm`) or number (15).
 * NOTE: only the standard signals 1-31 in `os.constants.signals` are accepted, so a process
 * ended by a real-time signal (34-64) cannot be represented yet.
 */
export function parseSignal(value: string | number): {
  signal: SignalName;
  number: number;
} {
  if (typeof value === 'number' || /^\d+$/.test(value)) {
    const number = Number(value);
    const signal = signalNames.get(number);
    if (signal === undefined) {
      throw new ExitStatusError(
        `invalid signal number ${String(value)}: use a standard Linux signal from 1 to 31`,
      );
    }
    return { signal, number };
  }
  const upper = value.toUpperCase();
  const name = upper.startsWith('SIG') ? upper : `SIG${upper}`;
  const number = signalNumbers[name];
  if (number === undefined) {
    throw new ExitStatusError(
      `unknown signal "${value}": use a Linux signal name such as SIGKILL or a number such as 9`,
    );
  }
  return { signal: name as SignalName, number };
}

/** Returns a `signaled` status for a signal name or number. */
export function signaled(value: string | number): ExitStatus {
  const { signal, number } = parseSignal(value);
  return { kind: 'signaled', signal, number };
}

/** Returns a `wait-failed` status carrying the wait error's message. */
export function waitFailed(error: unknown): ExitStatus {
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'wait-failed', error: message };
}

/**
 * Builds a status from the pair Node reports on a child's `exit` event: exactly one of `code`
 * and `signal` is set.
 */
export function fromCodeAndSignal(
  code: number | null | undefined,
  signal: string | null | undefined,
): ExitStatus {
  const hasCode = code !== null && code !== undefined;
  const hasSignal = signal !== null && signal !== undefined;
  if (hasCode && hasSignal) {
    throw new ExitStatusError(
      `invalid exit pair: code ${String(code)} and signal ${signal} cannot both be set`,
    );
  }
  if (hasCode) return exited(code);
  if (hasSignal) return signaled(signal);
  throw new ExitStatusError(
    'invalid exit pair: neither an exit code nor a signal is set',
  );
}

/** The fields of an execa 9 result that tell how the process ended. */
export interface ExecaEnding {
  readonly exitCode?: number | undefined;
  readonly signal?: string | undefined;
  readonly failed?: boolean;
  readonly message?: string;
  readonly cause?: unknown;
}

/**
 * Builds a status from an execa 9 result obtained with `reject: false`. execa leaves `exitCode`
 * undefined when a signal ended the process. When neither field is set, the process could not be
 * waited for, and the result's message becomes the wait error.
 */
export function fromExecaResult(result: ExecaEnding): ExitStatus {
  if (result.exitCode !== undefined) return exited(result.exitCode);
  if (result.signal !== undefined) return signaled(result.signal);
  return waitFailed(
    result.cause ?? result.message ?? 'the process could not be waited for',
  );
}

/** Formats a status for logs and reports: `exit 33`, `signal SIGKILL (9)`, `wait failed: ...`. */
export function formatExitStatus(status: ExitStatus): string {
  switch (status.kind) {
    case 'exited':
      return `exit ${status.code}`;
    case 'signaled':
      return `signal ${status.signal} (${status.number})`;
    case 'wait-failed':
      return `wait failed: ${status.error}`;
  }
}

/** True when two statuses describe the same ending. */
export function sameExitStatus(a: ExitStatus, b: ExitStatus): boolean {
  return formatExitStatus(a) === formatExitStatus(b);
}
