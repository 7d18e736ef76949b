import type { Node } from 'web-tree-sitter';
import { extractHangupTimeouts } from './hangup.js';
import {
  findFunction,
  integerConstants,
  integerValue,
  lineOf,
  pathMember,
  stringValue,
} from './rust-syntax.js';
import type {
  MappingArm,
  MappingFunction,
  StatusConstant,
} from './tree-model.js';

/**
 * Extraction of AVF's exit-status mapping, the Rust function `death_reason` in `crosvm.rs`
 * (virtualizationservice/, later virtualizationmanager/ and android/virtmgr/). The arms are read
 * from `match` expressions whose arm values name `DeathReason::X`, so the extraction does not
 * depend on how the matches are nested.
 */

/** Name of the mapping function in every AVF version since 2022-01-14. */
export const MAPPING_FUNCTION = 'death_reason';

/** Constants of the crosvm exit statuses AVF names, e.g. `CROSVM_REBOOT_STATUS`. */
const STATUS_CONSTANT = /^CROSVM_[A-Z0-9_]*STATUS$/;
const AIDL_PATH = /(?:^|::)(?:Aidl)?DeathReason$/;
const ENUMERATOR = /^[A-Z][A-Z0-9_]*$/;

/** The extracted function, or why the file has none; `notes` lists arms that were skipped. */
export type MappingExtraction =
  | {
      readonly kind: 'found';
      readonly mapping: MappingFunction;
      readonly notes: string[];
    }
  | { readonly kind: 'no-function' };

function insideMatchArm(node: Node, stop: Node): boolean {
  for (
    let parent = node.parent;
    parent !== null && parent.id !== stop.id;
    parent = parent.parent
  ) {
    if (parent.type === 'match_arm') {
      return true;
    }
  }
  return false;
}

/** Finds a `.NAME(...)` call under `node` and returns its first argument. */
function methodCallArguments(node: Node, method: string): Node[] {
  const found: Node[] = [];
  for (const call of node.descendantsOfType('call_expression')) {
    const callee = call?.childForFieldName('function');
    if (
      callee?.type === 'field_expression' &&
      callee.childForFieldName('field')?.text === method
    ) {
      const argument = call?.childForFieldName('arguments')?.namedChildren[0];
      if (argument !== null && argument !== undefined) {
        found.push(argument);
      }
    }
  }
  return found;
}

/** Extracts `death_reason`, its arms and the `CROSVM_*_STATUS` constants from one Rust file. */
export function extractMapping(root: Node, path: string): MappingExtraction {
  const fn = findFunction(root, MAPPING_FUNCTION);
  if (fn === undefined) {
    return { kind: 'no-function' };
  }
  const constantsByName = integerConstants(root);
  const constants: StatusConstant[] = [];
  for (const [name, { value, node, doc }] of constantsByName) {
    if (STATUS_CONSTANT.test(name)) {
      constants.push({
        name,
        value,
        path,
        line: lineOf(node),
        ...(doc === undefined ? {} : { doc }),
      });
    }
  }

  const notes: string[] = [];
  const arms: MappingArm[] = [];
  for (const arm of fn.descendantsOfType('match_arm')) {
    const value = arm?.childForFieldName('value');
    const reason = value ? pathMember(value, AIDL_PATH) : undefined;
    if (arm === null || reason === undefined || !ENUMERATOR.test(reason)) {
      continue;
    }
    // An arm such as `Ok(status) => match status.code() { ... }` only wraps the arms that
    // matter, which this loop visits on their own.
    if (
      value?.type === 'match_expression' ||
      value?.descendantsOfType('match_expression').length
    ) {
      continue;
    }
    const where = { path, line: lineOf(arm) };
    const pattern = arm.childForFieldName('pattern')?.namedChildren[0] ?? null;
    if (pattern === null || pattern.text === '_') {
      arms.push({ kind: 'other-code', reason, ...where });
    } else if (
      pattern.type === 'string_literal' ||
      pattern.type === 'raw_string_literal'
    ) {
      arms.push({
        kind: 'token',
        token: stringValue(pattern),
        reason,
        ...where,
      });
    } else if (pattern.type === 'identifier' && pattern.text === 'None') {
      arms.push({ kind: 'signal', reason, ...where });
    } else if (pattern.type === 'tuple_struct_pattern') {
      const wrapper = pattern.childForFieldName('type')?.text;
      const inner = pattern.namedChildren.slice(1)[0] ?? null;
      if (wrapper === 'Err') {
        arms.push({ kind: 'wait-failed', reason, ...where });
      } else if (wrapper !== 'Some') {
        notes.push(
          `${path}:${where.line}: arm "${pattern.text}" is not a crosvm exit status`,
        );
      } else if (inner === null || inner.text === '_') {
        arms.push({ kind: 'other-code', reason, ...where });
      } else if (integerValue(inner) !== undefined) {
        arms.push({
          kind: 'exit-code',
          code: integerValue(inner) ?? 0,
          reason,
          ...where,
        });
      } else {
        const constant = constantsByName.get(inner.text);
        if (constant === undefined) {
          notes.push(
            `${path}:${where.line}: arm names ${inner.text}, which is not a const here`,
          );
        } else {
          arms.push({
            kind: 'exit-code',
            code: constant.value,
            constant: inner.text,
            reason,
            ...where,
          });
        }
      }
    } else {
      notes.push(
        `${path}:${where.line}: arm pattern "${pattern.text}" was not recognised`,
      );
    }
  }

  // The failed-wait result sits outside the matches (an `else` branch) in every version seen.
  for (const reference of fn.descendantsOfType('scoped_identifier')) {
    const reason = reference ? pathMember(reference, AIDL_PATH) : undefined;
    if (
      reference === null ||
      reason === undefined ||
      insideMatchArm(reference, fn)
    ) {
      continue;
    }
    if (!arms.some((arm) => arm.kind === 'wait-failed')) {
      arms.push({ kind: 'wait-failed', reason, path, line: lineOf(reference) });
    }
  }

  const splitsAtPipe = [
    ...methodCallArguments(fn, 'find'),
    ...methodCallArguments(fn, 'split_once'),
  ].some((argument) => argument.text === "'|'" || argument.text === '"|"');
  // NOTE: the 2025 trim happens where the failure pipe is read, not in `death_reason`, so any
  // `.trim()` on a receiver that mentions "fail" anywhere in the file counts.
  const trims = root.descendantsOfType('call_expression').some((call) => {
    const callee = call?.childForFieldName('function');
    return (
      callee?.type === 'field_expression' &&
      callee.childForFieldName('field')?.text === 'trim' &&
      /fail/i.test(callee.childForFieldName('value')?.text ?? '')
    );
  });
  const capBytes = capOfFailureRead(root, constantsByName);
  const hangupTimeouts = extractHangupTimeouts(root);
  const readsFailure =
    (fn.childForFieldName('parameters')?.namedChildren.length ?? 0) >= 2;

  return {
    kind: 'found',
    notes,
    mapping: {
      path,
      constants,
      arms,
      splitsAtPipe,
      trims,
      readsFailure,
      capBytes,
      ...(hangupTimeouts === undefined ? {} : { hangupTimeouts }),
    },
  };
}

/**
 * Returns the byte cap of the failure-pipe read: the argument of a `.take(N)` call on a receiver that
 * mentions "fail" (literal or `const`), or null when the pipe is read to its end.
 */
function capOfFailureRead(
  root: Node,
  constants: ReadonlyMap<string, { value: number }>,
): number | null {
  for (const call of root.descendantsOfType('call_expression')) {
    const callee = call?.childForFieldName('function');
    if (
      callee?.type !== 'field_expression' ||
      callee.childForFieldName('field')?.text !== 'take'
    ) {
      continue;
    }
    if (!/fail/i.test(callee.childForFieldName('value')?.text ?? '')) {
      continue;
    }
    const argument = call?.childForFieldName('arguments')?.namedChildren[0];
    if (argument === null || argument === undefined) {
      continue;
    }
    const literal = integerValue(argument);
    if (literal !== undefined) {
      return literal;
    }
    const named = constants.get(argument.text.replace(/\s+as\s+\w+$/, ''));
    if (named !== undefined) {
      return named.value;
    }
  }
  return null;
}
