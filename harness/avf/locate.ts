import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import type { FileProblem } from './tree-model.js';

/**
 * Finds the DeathReason files of an AVF checkout by their content, because they moved between
 * `virtualizationservice/`, `virtualizationmanager/`, `android/virtmgr/`, `javalib/`,
 * `java/framework/`, `libs/framework-virtualization/`, `vm/`, `android/vm/`, `vmclient/` and
 * `libs/libvmclient/` over the years.
 */

/** The roles a file can play in the check. */
export type FileRole =
  | 'aidl'
  | 'javaConstants'
  | 'javaTranslation'
  | 'mapping'
  | 'vmTool'
  | 'vmClient';

/** A source file of the tree, its text and the roles its content suggests. */
export interface SourceFile {
  /** Path relative to the tree root, with `/` separators. */
  readonly path: string;
  readonly text: string;
  readonly roles: readonly FileRole[];
}

/** Directories that never hold AVF sources: VCS data, build output, dependencies. */
const SKIPPED_DIRECTORIES = new Set([
  '.git',
  '.repo',
  'node_modules',
  'out',
  'target',
]);

/**
 * Largest file read, in bytes (1 MiB). AVF's hand-written sources are far smaller; a larger
 * file is generated or vendored and is skipped so a whole-platform checkout stays quick.
 */
const MAX_FILE_BYTES = 1024 * 1024;

const EXTENSIONS = new Set(['.aidl', '.java', '.rs']);

/** Content tests for each role; `rolesOf` applies them. */
const ROLE_TESTS: readonly {
  role: FileRole;
  extension: string;
  test: (text: string) => boolean;
}[] = [
  {
    role: 'aidl',
    extension: '.aidl',
    test: (t) => /\benum\s+DeathReason\b/.test(t),
  },
  {
    role: 'javaConstants',
    extension: '.java',
    test: (t) => /\b(?:DEATH|STOP)_REASON_[A-Z0-9_]+\s*=\s*-?\s*\d/.test(t),
  },
  {
    role: 'javaTranslation',
    extension: '.java',
    test: (t) => /\bcase\s+(?:[\w.]*\.)?DeathReason\.[A-Z]/.test(t),
  },
  {
    role: 'mapping',
    extension: '.rs',
    test: (t) => /\bfn\s+death_reason\s*\(/.test(t),
  },
  {
    role: 'vmClient',
    extension: '.rs',
    test: (t) =>
      /\benum\s+DeathReason\b/.test(t) && /From<\s*\w*DeathReason\s*>/.test(t),
  },
  {
    role: 'vmTool',
    extension: '.rs',
    test: (t) =>
      !/\bfn\s+death_reason\s*\(/.test(t) &&
      !/\benum\s+DeathReason\b/.test(t) &&
      (/DeathReason::[A-Z][A-Z0-9_]*\s*=>\s*e?println!/.test(t) ||
        (/\bwait_for_death\b/.test(t) && /\be?println!/.test(t))),
  },
];

function rolesOf(extension: string, text: string): FileRole[] {
  return ROLE_TESTS.filter(
    (entry) => entry.extension === extension && entry.test(text),
  ).map((entry) => entry.role);
}

/**
 * Walks `root` and returns every `.aidl`, `.java` and `.rs` file with at least one role, test
 * sources last, plus the files that could not be read. Symbolic links are not followed.
 */
export async function locateSources(
  root: string,
): Promise<{ files: SourceFile[]; problems: FileProblem[] }> {
  const files: SourceFile[] = [];
  const problems: FileProblem[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: true });

  const visit = async (directory: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(directory, { withFileTypes: true });
    } catch (error) {
      const path = relative(root, directory).split(sep).join('/') || '.';
      problems.push({
        path,
        reason: `folder cannot be read: ${String(error)}`,
      });
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const full = join(directory, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) {
          await visit(full);
        }
        continue;
      }
      const extension = extname(entry.name);
      if (!entry.isFile() || !EXTENSIONS.has(extension)) {
        continue;
      }
      const path = relative(root, full).split(sep).join('/');
      try {
        if ((await stat(full)).size > MAX_FILE_BYTES) {
          continue;
        }
        const text = decoder.decode(await readFile(full));
        const roles = rolesOf(extension, text);
        if (roles.length > 0) {
          files.push({ path, text, roles });
        }
      } catch (error) {
        const reason =
          error instanceof TypeError
            ? 'not valid UTF-8'
            : `cannot be read: ${String(error)}`;
        problems.push({ path, reason });
      }
    }
  };
  await visit(root);

  const isTest = (path: string): boolean =>
    /(?:^|\/)tests?(?:\/|$)|Test\./.test(path);
  files.sort((a, b) => Number(isTest(a.path)) - Number(isTest(b.path)));
  return { files, problems };
}
