import { formatExitStatus, type ExitStatus } from '../model/exit-status.js';

/**
 * The observable result of a probe, seen from outside the VMM: how the process ended and what the guest wrote on its
 * console (COM1, crosvm's stdout). Nothing else counts, in particular no version string, help
 * text or log line, because crosvm prints the same version for builds years apart and its log
 * wording is not part of the exit contract.
 */
export interface ProbeOutcome {
  /**
   * `formatExitStatus` of the ending (`exit 32`, `signal SIGABRT (6)`), or `running` when the
   * process was still running after every host action of the probe and its timeout.
   */
  readonly ending: string;
  /** The guest console with CRLF turned into LF and trailing whitespace removed. */
  readonly console: string;
}

/** Ending value of a process that outlived its probe. */
export const STILL_RUNNING = 'running';

/** Builds an outcome from an exit status (or `undefined` for a process that kept running). */
export function outcomeOf(
  status: ExitStatus | undefined,
  console: string,
): ProbeOutcome {
  return {
    ending: status === undefined ? STILL_RUNNING : formatExitStatus(status),
    console: normalizeConsole(console),
  };
}

/** Turns CRLF into LF and drops trailing whitespace, so that line-ending choices do not count. */
export function normalizeConsole(text: string): string {
  return text.replace(/\r\n/g, '\n').trimEnd();
}

/** Builds a string that is equal for two outcomes exactly when they are the same outcome. */
export function outcomeKey(outcome: ProbeOutcome): string {
  return JSON.stringify([outcome.ending, outcome.console]);
}

/** True when two outcomes are the same. */
export function sameOutcome(a: ProbeOutcome, b: ProbeOutcome): boolean {
  return outcomeKey(a) === outcomeKey(b);
}

/** Maximum length of the console excerpt in text output, in characters. */
const CONSOLE_EXCERPT_CHARS = 60;

/** Formats an outcome on one line: `exit 32, console "fixture reboot-i8042: start..."`. */
export function formatOutcome(outcome: ProbeOutcome): string {
  if (outcome.console === '') return `${outcome.ending}, empty console`;
  const oneLine = outcome.console.replace(/\n/g, '\\n');
  const excerpt =
    oneLine.length > CONSOLE_EXCERPT_CHARS
      ? `...${oneLine.slice(oneLine.length - CONSOLE_EXCERPT_CHARS)}`
      : oneLine;
  return `${outcome.ending}, console "${excerpt}"`;
}
