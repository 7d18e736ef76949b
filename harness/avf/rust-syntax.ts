import type { Node } from 'web-tree-sitter';

/** Small helpers over tree-sitter-rust nodes that the mapping and `vm` extractors share. */

export const lineOf = (node: Node): number => node.startPosition.row + 1;

/** The `///` doc comment lines right before an item, joined, skipping `#[...]` attributes. */
export function rustDocBefore(node: Node): string | undefined {
  const lines: string[] = [];
  let previous = node.previousNamedSibling;
  while (previous !== null) {
    if (previous.type === 'attribute_item') {
      previous = previous.previousNamedSibling;
      continue;
    }
    if (previous.type !== 'line_comment' || !previous.text.startsWith('///')) {
      break;
    }
    lines.unshift(previous.text.replace(/^\/\/\/\s?/, '').trim());
    previous = previous.previousNamedSibling;
  }
  const doc = lines.join(' ').replace(/\s+/g, ' ').trim();
  return doc === '' ? undefined : doc;
}

/** The value of a Rust string literal (plain escapes only; raw strings as written). */
export function stringValue(node: Node): string {
  const content = node.descendantsOfType('string_content')[0]?.text ?? '';
  if (node.type === 'raw_string_literal') {
    return content;
  }
  return content.replace(/\\(["\\nrt0'])/g, (_, escaped: string) => {
    const table: Record<string, string> = {
      n: '\n',
      r: '\r',
      t: '\t',
      '0': '\0',
    };
    return table[escaped] ?? escaped;
  });
}

/** The value of an integer literal such as `32`, `0x20`, `50_000` or `36i32`. */
export function integerValue(node: Node): number | undefined {
  if (node.type !== 'integer_literal') {
    return undefined;
  }
  const digits = node.text
    .replace(/_/g, '')
    .replace(/[iu](?:8|16|32|64|128|size)$/, '');
  const value = Number(digits);
  return Number.isInteger(value) ? value : undefined;
}

/** Every `const NAME: T = <integer>;` at any depth, by name. */
export function integerConstants(
  root: Node,
): Map<string, { value: number; node: Node; doc?: string }> {
  const constants = new Map<
    string,
    { value: number; node: Node; doc?: string }
  >();
  for (const item of root.descendantsOfType('const_item')) {
    const name = item?.childForFieldName('name')?.text;
    const valueNode = item?.childForFieldName('value');
    const value = valueNode ? integerValue(valueNode) : undefined;
    if (item === null || name === undefined || value === undefined) {
      continue;
    }
    const doc = rustDocBefore(item);
    constants.set(name, {
      value,
      node: item,
      ...(doc === undefined ? {} : { doc }),
    });
  }
  return constants;
}

/** The function item named `name`, searched at any depth (free functions and methods). */
export function findFunction(root: Node, name: string): Node | undefined {
  return (
    root
      .descendantsOfType('function_item')
      .find((item) => item?.childForFieldName('name')?.text === name) ??
    undefined
  );
}

/**
 * The last segment of the first `Type::NAME` path under `node` (or `node` itself) whose type
 * segment is `typeName`, e.g. `KILLED` in `return DeathReason::KILLED`.
 */
export function pathMember(node: Node, typeName: RegExp): string | undefined {
  const candidates = node.type === 'scoped_identifier' ? [node] : [];
  candidates.push(
    ...node.descendantsOfType('scoped_identifier').filter((n) => n !== null),
  );
  for (const candidate of candidates) {
    const path = candidate.childForFieldName('path')?.text;
    const name = candidate.childForFieldName('name')?.text;
    if (path !== undefined && name !== undefined && typeName.test(path)) {
      return name;
    }
  }
  return undefined;
}
