import { createRequire } from 'node:module';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';

/**
 * Rust and Java parsers built on web-tree-sitter. The grammar `.wasm` files ship inside the npm
 * packages tree-sitter-rust 0.24.0 and tree-sitter-java 0.23.5 (both ABI 14, which
 * web-tree-sitter 0.25 loads), so no grammar is compiled on this machine. They are resolved from
 * this module's location, which also works from the esbuild bundle in harness/bin because the
 * bundle keeps packages external.
 */

export type SourceLanguage = 'rust' | 'java';

const GRAMMAR_FILES: Record<SourceLanguage, string> = {
  rust: 'tree-sitter-rust/tree-sitter-rust.wasm',
  java: 'tree-sitter-java/tree-sitter-java.wasm',
};

const requireFromHere = createRequire(import.meta.url);
let parsersPromise: Promise<Record<SourceLanguage, Parser>> | undefined;

async function loadParsers(): Promise<Record<SourceLanguage, Parser>> {
  await Parser.init();
  const load = async (language: SourceLanguage): Promise<Parser> => {
    const grammar = await Language.load(
      requireFromHere.resolve(GRAMMAR_FILES[language]),
    );
    const parser = new Parser();
    parser.setLanguage(grammar);
    return parser;
  };
  return { rust: await load('rust'), java: await load('java') };
}

/** A parsed file, or the first syntax error tree-sitter found in it. */
export type ParseResult =
  | { readonly kind: 'parsed'; readonly tree: Tree }
  | { readonly kind: 'syntax-error'; readonly reason: string };

/**
 * Parses `text` as `language`. tree-sitter recovers from errors, but a tree with an ERROR or
 * MISSING node is reported as a syntax error here, because extracting from a recovered tree
 * could silently drop enumerators or arms.
 */
export async function parseSource(
  language: SourceLanguage,
  text: string,
): Promise<ParseResult> {
  parsersPromise ??= loadParsers();
  const parser = (await parsersPromise)[language];
  const tree = parser.parse(text);
  if (tree === null) {
    return {
      kind: 'syntax-error',
      reason: `tree-sitter-${language} returned no tree`,
    };
  }
  if (!tree.rootNode.hasError) {
    return { kind: 'parsed', tree };
  }
  const bad = firstErrorNode(tree.rootNode);
  tree.delete();
  if (bad === undefined) {
    return { kind: 'syntax-error', reason: 'syntax error' };
  }
  const where = `line ${bad.startPosition.row + 1}, column ${bad.startPosition.column + 1}`;
  const what = bad.isMissing ? `missing ${bad.type}` : 'unexpected input';
  return {
    kind: 'syntax-error',
    reason: `${language} syntax error at ${where}: ${what}`,
  };
}

function firstErrorNode(node: Node): Node | undefined {
  if (node.isError || node.isMissing) {
    return node;
  }
  for (const child of node.children) {
    if (child?.hasError === true || child?.isMissing === true) {
      return firstErrorNode(child);
    }
  }
  return undefined;
}
