import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Folder of the synthetic AVF trees, one per historical layout, named after their profile. */
export const TREES = join(import.meta.dirname, 'trees');

/** Path of the synthetic tree for `profile`. */
export function treePath(profile: string): string {
  return join(TREES, profile);
}

/** A temporary copy of a synthetic tree that a test may edit; `remove` deletes it. */
export interface TreeCopy {
  readonly root: string;
  /** Replaces `from` by `to` in `file` (relative to the copy), failing if `from` is absent. */
  edit(file: string, from: string, to: string): Promise<void>;
  /** Writes `file` (relative to the copy), creating its folders. */
  write(file: string, text: string): Promise<void>;
  remove(): Promise<void>;
}

/** Copies the synthetic tree for `profile` into a new temporary folder. */
export async function copyTree(profile: string): Promise<TreeCopy> {
  const root = await mkdtemp(join(tmpdir(), 'avf-tree-'));
  await cp(treePath(profile), root, { recursive: true });
  return {
    root,
    async edit(file, from, to) {
      const path = join(root, file);
      const text = await readFile(path, 'utf8');
      if (!text.includes(from)) {
        throw new Error(`${file} does not contain ${JSON.stringify(from)}`);
      }
      await writeFile(path, text.replace(from, to));
    },
    async write(file, text) {
      await mkdir(dirname(join(root, file)), { recursive: true });
      await writeFile(join(root, file), text);
    },
    async remove() {
      await rm(root, { recursive: true, force: true });
    },
  };
}
