import { expect } from 'vitest';
import { formatExitStatus } from '../../harness/model/exit-status.js';
import type { ScenarioResult } from '../../harness/run/types.js';

/** Console lines shown when `toLandOn` fails. */
const CONSOLE_TAIL_LINES = 8;

function isScenarioResult(value: unknown): value is ScenarioResult {
  return (
    typeof value === 'object' &&
    value !== null &&
    'classifications' in value &&
    'status' in value
  );
}

/**
 * `expect(result).toLandOn('REBOOT')`: passes when the scenario's DeathReason under its primary
 * profile is the given one. A failure shows the scenario, its exit, the reason, the profile, the
 * command line and the end of the guest console.
 */
expect.extend({
  toLandOn(received: unknown, reason: string) {
    if (!isScenarioResult(received)) {
      return {
        pass: false,
        message: () =>
          `toLandOn expects a ScenarioResult, got ${typeof received}`,
      };
    }
    const primary = received.classifications[0];
    const pass = primary?.reason === reason;
    const tail = received.console.tail
      .split('\n')
      .slice(-CONSOLE_TAIL_LINES)
      .join('\n    ');
    return {
      pass,
      message: () =>
        [
          `scenario ${received.id} ${pass ? 'landed' : 'did not land'} on ${reason}`,
          `  exit:    ${formatExitStatus(received.status)}`,
          `  reason:  ${primary?.reason ?? '(none)'} (${String(primary?.value)})`,
          `  profile: ${primary?.profile ?? '(none)'}`,
          `  command: ${received.argv.join(' ')}`,
          `  console tail:\n    ${tail}`,
        ].join('\n'),
      actual: primary?.reason,
      expected: reason,
    };
  },
});

declare module 'vitest' {
  // The type parameter must repeat vitest's own declaration, default included, to merge with it.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  interface Matchers<T = any> {
    /** Checks a scenario's DeathReason under its primary profile. */
    toLandOn: (reason: string) => T;
  }
}
