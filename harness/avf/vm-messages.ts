import type { Node } from 'web-tree-sitter';
import { unrecognisedDebug } from '../model/profile-parts.js';
import { lineOf, pathMember, stringValue } from './rust-syntax.js';
import type { VmMessages } from './tree-model.js';

/**
 * Extraction of what the `vm run` tool prints when a VM ends. Three shapes exist:
 * - `match`: `vm/src/run.rs` matches the AIDL value and prints a sentence per arm (2022-01-14).
 * - `display`: it prints the vmclient `DeathReason` with `{}`, whose `Display` has a sentence per
 *   variant (from 2022-05-23).
 * - `debug`: it prints "VM ended: " and the vmclient variant with `{:?}` (from 2022-09-05).
 * The vmclient enum's `From<AidlDeathReason>` arms tie each AIDL name to a variant.
 */

const AIDL_MEMBER = /(?:^|::)(?:Aidl)?DeathReason$/;
const CLIENT_MEMBER = /^(?:Self|(?:\w+::)*DeathReason)$/;
const SCREAMING = /^[A-Z][A-Z0-9_]*$/;
const CAMEL = /^[A-Z][a-z][A-Za-z0-9]*$/;
const PRINT_MACROS = new Set(['println', 'eprintln', 'print', 'eprint']);

interface Printed {
  readonly text: string;
  readonly stream: 'stdout' | 'stderr';
  readonly args: string;
}

/** The format string of the first print macro under `node` (or `node` itself). */
function printedBy(node: Node): Printed | undefined {
  const macros = node.type === 'macro_invocation' ? [node] : [];
  macros.push(
    ...node.descendantsOfType('macro_invocation').filter((m) => m !== null),
  );
  for (const macro of macros) {
    const name = macro.childForFieldName('macro')?.text ?? '';
    const format = macro.descendantsOfType('string_literal')[0];
    if (PRINT_MACROS.has(name) && format) {
      const stream = name.startsWith('e') ? 'stderr' : 'stdout';
      const args = macro.text.slice(
        macro.text.indexOf(format.text) + format.text.length,
      );
      return { text: stringValue(format), stream, args };
    }
  }
  return undefined;
}

/** The `match`-style messages of the vm tool, or undefined when it has no such match. */
function extractMatchStyle(vm: Node, vmPath: string): VmMessages | undefined {
  const messages = new Map<string, string>();
  let fallback: string | undefined;
  let matchBlock: Node | undefined;
  for (const arm of vm.descendantsOfType('match_arm')) {
    const pattern = arm?.childForFieldName('pattern');
    const value = arm?.childForFieldName('value');
    const name = pattern ? pathMember(pattern, AIDL_MEMBER) : undefined;
    const printed = value ? printedBy(value) : undefined;
    if (
      arm === null ||
      name === undefined ||
      !SCREAMING.test(name) ||
      printed === undefined
    ) {
      continue;
    }
    messages.set(name, printed.text);
    matchBlock ??= arm.parent ?? undefined;
  }
  if (matchBlock === undefined) {
    return undefined;
  }
  for (const arm of matchBlock.namedChildren) {
    const pattern = arm?.childForFieldName('pattern');
    const value = arm?.childForFieldName('value');
    if (pattern?.text === '_' && value) {
      fallback = printedBy(value)?.text;
    }
  }
  const serviceDied = vm
    .descendantsOfType('macro_invocation')
    .map((macro) => (macro ? printedBy(macro) : undefined))
    .find(
      (printed) => printed?.text.includes('VirtualizationService') === true,
    );
  return {
    paths: [vmPath],
    style: 'match',
    messages,
    ...(fallback === undefined ? {} : { fallback }),
    ...(serviceDied
      ? { serviceDied: { text: serviceDied.text, stream: serviceDied.stream } }
      : {}),
    line: lineOf(matchBlock),
  };
}

/** The `println!` of the vm tool that prints the vmclient reason, split around `{}`/`{:?}`. */
function reasonPrint(vm: Node):
  | {
      prefix: string;
      suffix: string;
      debug: boolean;
      stream: 'stdout' | 'stderr';
      line: number;
    }
  | undefined {
  for (const macro of vm.descendantsOfType('macro_invocation')) {
    const printed = macro ? printedBy(macro) : undefined;
    if (
      macro === null ||
      printed === undefined ||
      !/death|reason/i.test(printed.args)
    ) {
      continue;
    }
    const placeholder = /\{(:\?)?\}/.exec(printed.text);
    if (placeholder === null) {
      continue;
    }
    return {
      prefix: printed.text.slice(0, placeholder.index),
      suffix: printed.text.slice(placeholder.index + placeholder[0].length),
      debug: placeholder[1] !== undefined,
      stream: printed.stream,
      line: lineOf(macro),
    };
  }
  return undefined;
}

/** `From<AidlDeathReason>` arms: AIDL name to client variant, and the `_` arm's variant. */
function clientVariants(client: Node): {
  byAidl: Map<string, string>;
  other?: string;
} {
  const byAidl = new Map<string, string>();
  let other: string | undefined;
  for (const arm of client.descendantsOfType('match_arm')) {
    const pattern = arm?.childForFieldName('pattern');
    const value = arm?.childForFieldName('value');
    if (!pattern || !value) {
      continue;
    }
    const variant = pathMember(value, CLIENT_MEMBER);
    if (variant === undefined || !CAMEL.test(variant)) {
      continue;
    }
    const aidl = pathMember(pattern, AIDL_MEMBER);
    if (aidl !== undefined && SCREAMING.test(aidl)) {
      byAidl.set(aidl, variant);
    } else if (pattern.text === '_') {
      other = variant;
    }
  }
  return other === undefined ? { byAidl } : { byAidl, other };
}

/** `Display` arms of the client enum: variant to sentence (`{:?}` left in place). */
function displayTexts(client: Node): Map<string, string> {
  const texts = new Map<string, string>();
  for (const arm of client.descendantsOfType('match_arm')) {
    const pattern = arm?.childForFieldName('pattern');
    const value = arm?.childForFieldName('value');
    const variant = pattern ? pathMember(pattern, CLIENT_MEMBER) : undefined;
    if (!value || variant === undefined || !CAMEL.test(variant)) {
      continue;
    }
    const literal =
      value.type === 'string_literal'
        ? stringValue(value)
        : printedOrWritten(value);
    if (literal !== undefined) {
      texts.set(variant, literal);
    }
  }
  return texts;
}

function printedOrWritten(node: Node): string | undefined {
  const macro = node.descendantsOfType('macro_invocation')[0];
  const format = macro?.descendantsOfType('string_literal')[0];
  return format ? stringValue(format) : undefined;
}

/**
 * Extracts the vm tool's messages from the tool's source (`vm`) and, for the `display` and
 * `debug` shapes, the vmclient enum's source (`client`). Returns undefined when neither shape is
 * present.
 */
export function extractVmMessages(
  vm: { root: Node; path: string },
  client: { root: Node; path: string } | undefined,
): VmMessages | undefined {
  const matchStyle = extractMatchStyle(vm.root, vm.path);
  if (matchStyle !== undefined) {
    return matchStyle;
  }
  const print = reasonPrint(vm.root);
  if (print === undefined || client === undefined) {
    return undefined;
  }
  const { byAidl, other } = clientVariants(client.root);
  const display = displayTexts(client.root);
  const render = (variant: string, unrecognised: boolean): string => {
    let body = print.debug ? variant : (display.get(variant) ?? variant);
    if (unrecognised) {
      const inner = unrecognisedDebug('{value}');
      body = print.debug
        ? `${variant}(${inner})`
        : body.replace(/\{:\?\}/, inner);
    }
    return `${print.prefix}${body}${print.suffix}`;
  };
  const messages = new Map<string, string>();
  for (const [aidl, variant] of byAidl) {
    messages.set(aidl, render(variant, false));
  }
  const serviceVariant = [
    ...display.keys(),
    ...clientEnumVariants(client.root),
  ].find((variant) => /ServiceDied$/.test(variant));
  return {
    paths: [vm.path, client.path],
    style: print.debug ? 'debug' : 'display',
    messages,
    ...(other === undefined ? {} : { fallback: render(other, true) }),
    ...(serviceVariant === undefined
      ? {}
      : {
          serviceDied: {
            text: render(serviceVariant, false),
            stream: print.stream,
          },
        }),
    line: print.line,
  };
}

/** Variant names of `enum DeathReason` in the client source. */
function clientEnumVariants(client: Node): string[] {
  const item = client
    .descendantsOfType('enum_item')
    .find(
      (candidate) =>
        candidate?.childForFieldName('name')?.text === 'DeathReason',
    );
  return (item?.descendantsOfType('enum_variant') ?? [])
    .map((variant) => variant?.childForFieldName('name')?.text ?? '')
    .filter((name) => name !== '');
}
