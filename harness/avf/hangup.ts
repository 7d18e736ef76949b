import type { Node } from 'web-tree-sitter';
import { integerValue } from './rust-syntax.js';

/**
 * Extraction of the Microdroid boot hangup timeout from the `const` or `static` items whose name
 * contains both HANGUP and TIMEOUT, e.g. `BOOT_HANGUP_TIMEOUT`, and the `Duration::from_secs(N)`
 * values inside them. An item with two values gives normal (the smaller) and nested
 * virtualization (the larger). An item with one value gives the nested timeout when its name
 * contains NESTED, else the normal one.
 * NOTE: only the file that defines `death_reason` is searched, and a nested timeout written as
 * a product (`TIMEOUT * 10`) is not evaluated, so it is then left out of the comparison.
 */

/** Seconds AVF waits for the payload to start; `nested` when the tree states it. */
export interface HangupTimeouts {
  readonly normal: number;
  readonly nested?: number;
}

const HANGUP_TIMEOUT_NAME = /HANGUP.*TIMEOUT|TIMEOUT.*HANGUP/;

/** Returns the hangup timeouts declared in `root`, or undefined when no item declares them. */
export function extractHangupTimeouts(root: Node): HangupTimeouts | undefined {
  let normal: number | undefined;
  let nested: number | undefined;
  for (const item of root.descendantsOfType(['const_item', 'static_item'])) {
    const name = item?.childForFieldName('name')?.text ?? '';
    if (item === null || !HANGUP_TIMEOUT_NAME.test(name)) {
      continue;
    }
    const seconds = item
      .descendantsOfType('call_expression')
      .filter(
        (call) =>
          call?.childForFieldName('function')?.text.endsWith('from_secs') ===
          true,
      )
      .map((call) => call?.childForFieldName('arguments')?.namedChildren[0])
      .map((argument) => (argument ? integerValue(argument) : undefined))
      .filter((value): value is number => value !== undefined);
    if (seconds.length === 2) {
      normal = Math.min(...seconds);
      nested = Math.max(...seconds);
    } else if (seconds.length === 1 && /NESTED/.test(name)) {
      nested = seconds[0];
    } else if (seconds.length === 1) {
      normal = seconds[0];
    }
  }
  if (normal === undefined) {
    return undefined;
  }
  return nested === undefined ? { normal } : { normal, nested };
}
