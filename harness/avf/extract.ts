import type { Node } from 'web-tree-sitter';
import { AidlSyntaxError, parseAidlEnum } from './aidl.js';
import { parseSource, type SourceLanguage } from './grammars.js';
import {
  extractJavaConstants,
  extractJavaSurfaceFacts,
  extractJavaTranslation,
} from './java.js';
import { locateSources, type FileRole, type SourceFile } from './locate.js';
import { extractMapping } from './mapping.js';
import type { AvfTreeModel, FileProblem, Part } from './tree-model.js';
import { extractVmMessages } from './vm-messages.js';

/**
 * Builds the `AvfTreeModel` of a checkout: locates the files, parses each with its parser and
 * extracts each part from the first candidate file that parses and contains it. A file that
 * does not parse is recorded with its reason and the next candidate is tried, so one broken file
 * never stops the check.
 */
export async function extractTree(root: string): Promise<AvfTreeModel> {
  const located = await locateSources(root);
  const problems: FileProblem[] = [...located.problems];
  const notes: string[] = [];
  const parsed = new Map<string, Node | Unparsable>();

  const parseFile = async (
    file: SourceFile,
    language: SourceLanguage,
  ): Promise<Node | Unparsable> => {
    const cached = parsed.get(file.path);
    if (cached !== undefined) {
      return cached;
    }
    const result = await parseSource(language, file.text);
    let value: Node | Unparsable;
    if (result.kind === 'parsed') {
      value = result.tree.rootNode;
    } else {
      value = new Unparsable({ path: file.path, reason: result.reason });
      problems.push(value.problem);
    }
    parsed.set(file.path, value);
    return value;
  };

  /** Runs `extract` on each candidate for `role` until one yields a value. */
  const firstPart = async <T>(
    role: FileRole,
    extract: (file: SourceFile) => Promise<T | Unparsable | undefined>,
  ): Promise<Part<T>> => {
    const candidates = located.files.filter((file) =>
      file.roles.includes(role),
    );
    let firstProblem: FileProblem | undefined;
    for (const [index, file] of candidates.entries()) {
      const value = await extract(file);
      if (value === undefined) {
        continue;
      }
      if (isProblem(value)) {
        firstProblem ??= value.problem;
        continue;
      }
      const others = candidates.slice(index + 1).map((other) => other.path);
      if (others.length > 0) {
        notes.push(
          `${role}: used ${file.path}; also matched ${others.join(', ')}`,
        );
      }
      return { kind: 'found', value };
    }
    return firstProblem === undefined
      ? { kind: 'absent' }
      : { kind: 'unparsable', problem: firstProblem };
  };

  const aidl = await firstPart('aidl', (file) => {
    try {
      return Promise.resolve(parseAidlEnum(file.text, file.path));
    } catch (error) {
      if (!(error instanceof AidlSyntaxError)) {
        throw error;
      }
      const problem = new Unparsable({
        path: file.path,
        reason: error.message,
      });
      problems.push(problem.problem);
      return Promise.resolve(problem);
    }
  });

  const javaConstants = await firstPart('javaConstants', async (file) => {
    const tree = await parseFile(file, 'java');
    if (isProblem(tree)) {
      return tree;
    }
    const constants = extractJavaConstants(tree, file.path);
    return constants.length === 0
      ? undefined
      : { path: file.path, constants, ...extractJavaSurfaceFacts(tree) };
  });

  const javaTranslation = await firstPart('javaTranslation', async (file) => {
    const tree = await parseFile(file, 'java');
    return isProblem(tree) ? tree : extractJavaTranslation(tree, file.path);
  });

  const mapping = await firstPart('mapping', async (file) => {
    const tree = await parseFile(file, 'rust');
    if (isProblem(tree)) {
      return tree;
    }
    const extraction = extractMapping(tree, file.path);
    if (extraction.kind === 'no-function') {
      return undefined;
    }
    notes.push(...extraction.notes);
    return extraction.mapping;
  });

  const client = located.files.find((file) => file.roles.includes('vmClient'));
  const clientTree =
    client === undefined ? undefined : await parseFile(client, 'rust');
  const vm = await firstPart('vmTool', async (file) => {
    const tree = await parseFile(file, 'rust');
    if (isProblem(tree)) {
      return tree;
    }
    if (isProblem(clientTree)) {
      return clientTree;
    }
    const clientSource =
      client === undefined || clientTree === undefined
        ? undefined
        : { root: clientTree, path: client.path };
    return extractVmMessages({ root: tree, path: file.path }, clientSource);
  });

  return {
    root,
    aidl,
    javaConstants,
    javaTranslation,
    mapping,
    vm,
    problems,
    notes,
  };
}

/** A file that did not parse, as a value the extractors pass on instead of throwing. */
class Unparsable {
  constructor(readonly problem: FileProblem) {}
}

function isProblem(value: unknown): value is Unparsable {
  return value instanceof Unparsable;
}
