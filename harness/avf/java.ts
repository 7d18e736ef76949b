import type { Node } from 'web-tree-sitter';
import { docCommentText } from './doc-comment.js';
import type {
  JavaConstant,
  JavaTranslation,
  JavaTranslationCase,
} from './tree-model.js';

/**
 * Extraction from tree-sitter-java trees: the `DEATH_REASON_*` / `STOP_REASON_*` int constants
 * (fields of a class or constants of an interface) and the switch that translates AIDL
 * `DeathReason.X` values into them.
 */

/** Names of the Java constants that carry a DeathReason: `DEATH_REASON_*` until 2022-10, then `STOP_REASON_*`. */
export const JAVA_CONSTANT_NAME = /^(?:DEATH|STOP)_REASON_[A-Z0-9_]+$/;

const lineOf = (node: Node): number => node.startPosition.row + 1;

/** Returns the `/** ... *\/` comment right before `node`, without markers and leading asterisks. */
function javadocBefore(node: Node): string | undefined {
  let previous = node.previousNamedSibling;
  while (previous?.type === 'line_comment') {
    previous = previous.previousNamedSibling;
  }
  if (previous?.type !== 'block_comment' || !previous.text.startsWith('/**')) {
    return undefined;
  }
  return docCommentText(previous.text);
}

/** Returns the value of an integer literal, optionally negated, or undefined for anything else. */
function integerValue(node: Node | null): number | undefined {
  if (node === null) {
    return undefined;
  }
  if (
    node.type === 'decimal_integer_literal' ||
    node.type === 'hex_integer_literal'
  ) {
    return Number(node.text.replace(/[lL]$/, ''));
  }
  if (node.type === 'unary_expression' && node.text.startsWith('-')) {
    const operand = integerValue(node.childForFieldName('operand'));
    return operand === undefined ? undefined : -operand;
  }
  if (node.type === 'parenthesized_expression') {
    return integerValue(node.namedChildren[0] ?? null);
  }
  return undefined;
}

/** Collects every `int` constant whose name matches `JAVA_CONSTANT_NAME`. */
export function extractJavaConstants(root: Node, path: string): JavaConstant[] {
  const constants: JavaConstant[] = [];
  for (const declaration of root.descendantsOfType([
    'field_declaration',
    'constant_declaration',
  ])) {
    if (declaration?.childForFieldName('type')?.text !== 'int') {
      continue;
    }
    const doc = javadocBefore(declaration);
    for (const declarator of declaration.childrenForFieldName('declarator')) {
      const name = declarator?.childForFieldName('name')?.text;
      const value = integerValue(
        declarator?.childForFieldName('value') ?? null,
      );
      if (
        name === undefined ||
        value === undefined ||
        !JAVA_CONSTANT_NAME.test(name)
      ) {
        continue;
      }
      constants.push({
        name,
        value,
        path,
        line: lineOf(declaration),
        ...(doc === undefined ? {} : { doc }),
      });
    }
  }
  return constants;
}

/** Returns the last name of `A.B.C` or `C`, when it is a DeathReason constant. */
function constantNamed(node: Node): string | undefined {
  const identifiers =
    node.type === 'identifier' ? [node] : node.descendantsOfType('identifier');
  const names = identifiers
    .map((identifier) => identifier?.text ?? '')
    .filter((name) => JAVA_CONSTANT_NAME.test(name));
  return names[names.length - 1];
}

/** Returns the AIDL enumerator that a `case DeathReason.X` label names. */
function labelEnumerator(label: Node): string | undefined {
  const match =
    /^case\s+(?:[\w.]*\.)?DeathReason\.([A-Z0-9_]+)\s*(?::|->)?$/.exec(
      label.text,
    );
  return match?.[1];
}

/**
 * Finds the switch whose case labels name `DeathReason.X` and returns what each label yields.
 * Labels without statements fall through to the next group's constant. Returns undefined when
 * the tree has no such switch.
 */
export function extractJavaTranslation(
  root: Node,
  path: string,
): JavaTranslation | undefined {
  for (const block of root.descendantsOfType('switch_block')) {
    if (
      block === null ||
      !/\bcase\s+(?:[\w.]*\.)?DeathReason\./.test(block.text)
    ) {
      continue;
    }
    const cases: JavaTranslationCase[] = [];
    let defaultTo: string | undefined;
    let pending: Node[] = [];
    for (const group of block.namedChildren) {
      if (group === null) {
        continue;
      }
      const labels = group.namedChildren.filter(
        (child) => child?.type === 'switch_label',
      );
      const body = group.namedChildren.filter(
        (child): child is Node =>
          child !== null && child.type !== 'switch_label',
      );
      pending.push(...labels.filter((label): label is Node => label !== null));
      if (body.length === 0) {
        continue;
      }
      const to = body.map(constantNamed).find((name) => name !== undefined);
      for (const label of pending) {
        const from = labelEnumerator(label);
        if (label.text.startsWith('default')) {
          defaultTo = to;
        } else if (from !== undefined && to !== undefined) {
          cases.push({ from, to, path, line: lineOf(label) });
        }
      }
      pending = [];
    }
    return { path, cases, ...(defaultTo === undefined ? {} : { defaultTo }) };
  }
  return undefined;
}

/** The callback method (`onDied` until 2022-10-04, then `onStopped`) and the constants' visibility. */
export function extractJavaSurfaceFacts(root: Node): {
  callback?: string;
  visibility: 'hide' | 'system-api';
} {
  const callback = root
    .descendantsOfType('method_declaration')
    .map((method) => method?.childForFieldName('name')?.text)
    .find((name) => name === 'onDied' || name === 'onStopped');
  // `@SystemApi` on the callback type made the constants public API (2022-11-23); before, the
  // constants carried `@hide` in their Javadoc.
  const visibility = /@SystemApi\b/.test(root.text) ? 'system-api' : 'hide';
  return callback === undefined ? { visibility } : { callback, visibility };
}
