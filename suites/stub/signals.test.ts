import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildStubBin,
  makeWorkDir,
  removeStubBin,
  runStub,
  writeImage,
} from './run-stub.js';

const work = makeWorkDir();
beforeAll(buildStubBin);
afterAll(() => {
  work.dispose();
  removeStubBin();
});

const hang = { fixture: 'hang', steps: [{ op: 'halt' as const }] };
const busy = { fixture: 'busy-loop', steps: [{ op: 'spin' as const }] };

describe('stub signals', () => {
  it.each([
    ['SIGTERM', hang],
    ['SIGINT', hang],
    ['SIGKILL', hang],
    ['SIGTERM', busy],
    ['SIGKILL', busy],
  ] as const)('%s ends %s by that signal', async (signal, intent) => {
    const kernel = writeImage(work.dir, `${intent.fixture}-${signal}`, intent);
    const socket = `${work.dir}/${intent.fixture}-${signal}.sock`;
    const result = await runStub(['run', '--socket', socket, kernel], {
      action: { kind: 'signal', signal },
      socketPath: socket,
    });
    expect(result.signal).toBe(signal);
    expect(result.code).toBeNull();
    expect(result.groupAliveAfterEnd).toBe(false);
  });

  it('leaves no process in its group', async () => {
    const kernel = writeImage(work.dir, 'group-kill', hang);
    const socket = `${work.dir}/group-kill.sock`;
    const result = await runStub(['run', '--socket', socket, kernel], {
      action: { kind: 'signal', signal: 'SIGKILL' },
      socketPath: socket,
    });
    expect(result.signal).toBe('SIGKILL');
    expect(result.groupAliveAfterEnd).toBe(false);
  });

  it('rejects a socket path too long for sun_path', async () => {
    const kernel = writeImage(work.dir, 'long-socket', hang);
    const socket = `${work.dir}/${'s'.repeat(120)}.sock`;
    const result = await runStub(['run', '--socket', socket, kernel]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('is longer than 107 bytes');
  });

  it('stop on a missing socket exits 1', async () => {
    const result = await runStub(['stop', `${work.dir}/no-such.sock`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('failed to stop the VM');
  });
});
