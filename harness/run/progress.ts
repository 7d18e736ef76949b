import { formatExitStatus } from '../model/exit-status.js';
import type { ScenarioResult, VerdictKind } from './types.js';

/**
 * Text for people watching a run: one line per finished scenario and a summary table at the end.
 * On a TTY the next line overwrites the line of a passing scenario, so the screen keeps only the
 * problems. Elsewhere, as in CI logs, every line stays.
 */

const VERDICT_ORDER: readonly VerdictKind[] = [
  'pass',
  'expected-divergence',
  'unexpected',
  'flaky',
];

/** Formats one finished scenario, e.g. `[3/41] pass  reboot-i8042.ext.none  exit 32 / REBOOT`. */
export function formatResultLine(
  result: ScenarioResult,
  done: number,
  total: number,
): string {
  const reason = result.classifications[0]?.reason ?? '?';
  const seconds = (result.durationMs / 1000).toFixed(1);
  return `[${String(done)}/${String(total)}] ${result.verdict.padEnd(19)} ${result.id}  ${formatExitStatus(result.status)} / ${reason}  (${seconds} s)`;
}

/** Writes progress lines to a stream, overwriting passing lines when it is a TTY. */
export class ProgressPrinter {
  private done = 0;
  private pendingOverwrite = false;

  constructor(
    private readonly out: NodeJS.WritableStream & { isTTY?: boolean },
    private readonly total: number,
  ) {}

  /** Prints the line for a finished scenario. */
  print(result: ScenarioResult): void {
    this.done += 1;
    const line = formatResultLine(result, this.done, this.total);
    if (this.out.isTTY !== true) {
      this.out.write(`${line}\n`);
      return;
    }
    const clear = this.pendingOverwrite ? '\r\x1b[K' : '';
    const problem =
      result.verdict === 'unexpected' || result.verdict === 'flaky';
    this.out.write(problem ? `${clear}${line}\n` : `${clear}${line}`);
    this.pendingOverwrite = !problem;
  }

  /** Ends an overwritable line so that later output starts on a fresh line. */
  finish(): void {
    if (this.pendingOverwrite) this.out.write('\n');
    this.pendingOverwrite = false;
  }
}

/** Builds the summary table: a count per verdict, then every failing scenario with its detail. */
export function formatSummary(results: readonly ScenarioResult[]): string {
  const lines = ['', 'verdict              scenarios'];
  for (const verdict of VERDICT_ORDER) {
    const count = results.filter((result) => result.verdict === verdict).length;
    lines.push(`${verdict.padEnd(20)} ${String(count)}`);
  }
  lines.push(`${'total'.padEnd(20)} ${String(results.length)}`);
  const problems = results.filter(
    (result) => result.verdict === 'unexpected' || result.verdict === 'flaky',
  );
  if (problems.length > 0) {
    lines.push('', 'not as expected:');
    for (const result of problems) {
      lines.push(`  ${result.id}: ${result.detail}`);
      lines.push(`    command: ${result.argv.join(' ')}`);
      lines.push(`    console: ${result.console.path}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
