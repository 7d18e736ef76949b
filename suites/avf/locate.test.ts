import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { locateSources } from '../../harness/avf/locate.js';

let root: string | undefined;
afterEach(async () => {
  if (root !== undefined) await rm(root, { recursive: true, force: true });
  root = undefined;
});

async function tree(files: Record<string, string | Buffer>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'avf-locate-'));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

describe('locateSources', () => {
  test('finds roles by content, tests last', async () => {
    root = await tree({
      'a/tests/run.rs':
        'fn t() { let r = vm.wait_for_death(); println!("{:?}", r); }',
      'b/vm/src/run.rs':
        'fn t() { let r = vm.wait_for_death(); println!("{:?}", r); }',
      'c/x/DeathReason.aidl': 'package p; enum DeathReason { A = 0 }',
      'd/Callback.java': 'interface C { int STOP_REASON_A = 0; }',
      'd/Vm.java':
        'class V { int f(int r) { switch (r) { case DeathReason.A: return 0; } return 1; } }',
      'e/crosvm.rs': 'fn death_reason(r: &R) -> DeathReason { DeathReason::A }',
      'f/death_reason.rs':
        'enum DeathReason { A } impl From<AidlDeathReason> for DeathReason {}',
      'g/unrelated.rs': 'fn main() {}',
      '.git/objects/crosvm.rs': 'fn death_reason() {}',
      'node_modules/x/crosvm.rs': 'fn death_reason() {}',
    });
    const { files, problems } = await locateSources(root);
    expect(problems).toEqual([]);
    expect(files.map((file) => [file.path, file.roles])).toEqual([
      ['b/vm/src/run.rs', ['vmTool']],
      ['c/x/DeathReason.aidl', ['aidl']],
      ['d/Callback.java', ['javaConstants']],
      ['d/Vm.java', ['javaTranslation']],
      ['e/crosvm.rs', ['mapping']],
      ['f/death_reason.rs', ['vmClient']],
      ['a/tests/run.rs', ['vmTool']],
    ]);
  });

  test('reports a file that is not UTF-8', async () => {
    root = await tree({ 'x/crosvm.rs': Buffer.from([0x66, 0x6e, 0xff, 0xfe]) });
    const { files, problems } = await locateSources(root);
    expect(files).toEqual([]);
    expect(problems).toEqual([
      { path: 'x/crosvm.rs', reason: 'not valid UTF-8' },
    ]);
  });
});
