/**
 * Runs the stub bin in its own process group, optionally acts on it once it is running, and
 * kills the group when done. Each test file bundles its own copy of the bin, with the options
 * scripts/build.mjs uses, because another `npm run build` may rewrite `harness/bin/` while the
 * tests run.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { build } from 'esbuild';
import type { Intent } from '../../harness/elf/intent-note.js';
import type { HostEvent } from '../../harness/stub/host-events.js';
import { injectHostEvent } from '../../harness/stub/inject.js';
import { makeTestImage } from '../elf/make-image.js';

/**
 * Directory of the test copies of the bin. It is under node_modules so that the bundle's
 * external imports (ajv) resolve as they do from harness/bin/.
 */
const TEST_BIN_DIR = resolve('node_modules/.cache/crosvm-stub-tests');

let stubBin: string | undefined;

/** Bundles `harness/stub/main.ts` into a private copy of the bin; call once before `runStub`. */
export async function buildStubBin(): Promise<string> {
  mkdirSync(TEST_BIN_DIR, { recursive: true });
  const outfile = join(
    TEST_BIN_DIR,
    `crosvm-stub-${process.pid}-${randomUUID()}.mjs`,
  );
  await build({
    entryPoints: [resolve('harness/stub/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  stubBin = outfile;
  return outfile;
}

/** Removes the private copy of the bin made by `buildStubBin`. */
export function removeStubBin(): void {
  if (stubBin !== undefined) rmSync(stubBin, { force: true });
  stubBin = undefined;
}

/** Action a test takes on the stub once its control socket exists. */
export type StubAction =
  | { readonly kind: 'none' }
  /** `crosvm-stub stop SOCKET`. */
  | { readonly kind: 'stop' }
  | { readonly kind: 'signal'; readonly signal: NodeJS.Signals }
  /**
   * A host event through `injectHostEvent`, then `stop`, whose `stopCode` is 0 only when the
   * event left the VM running. `via: 'signal'` sends the event's signal and sends no `stop`.
   */
  | {
      readonly kind: 'host-event';
      readonly event: HostEvent;
      readonly via: 'socket' | 'signal';
    };

export interface StubResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Exit code of the `stop` command, when the action sent one. */
  readonly stopCode?: number | null;
  /** Whether any process of the stub's group still existed once the stub had ended. */
  readonly groupAliveAfterEnd?: boolean;
}

/** True while any process of group `pgid` exists. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polling interval while waiting for the control socket to appear, in ms. */
const SOCKET_POLL_MS = 10;

/** Creates a temporary directory for images and sockets; `dispose` removes it. */
export function makeWorkDir(): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'crosvm-stub-test-'));
  return {
    dir,
    dispose: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes a test image carrying `intent` into `dir` and returns its path. */
export function writeImage(
  dir: string,
  name: string,
  intent: Intent | Buffer,
): string {
  const path = join(dir, `${name}.elf`);
  writeFileSync(path, Buffer.isBuffer(intent) ? intent : makeTestImage(intent));
  return path;
}

function runProcess(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
): { pid: number; done: Promise<StubResult> } {
  if (stubBin === undefined) {
    throw new Error('call buildStubBin() in beforeAll before runStub');
  }
  const child = spawn(process.execPath, [stubBin, ...args], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout
    .setEncoding('utf8')
    .on('data', (data: string) => (stdout += data));
  child.stderr
    .setEncoding('utf8')
    .on('data', (data: string) => (stderr += data));
  const done = new Promise<StubResult>((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      resolvePromise({ code, signal, stdout, stderr });
    });
  });
  if (child.pid === undefined) throw new Error('the stub did not start');
  return { pid: child.pid, done };
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
}

/**
 * Runs `crosvm-stub ARGS` with `env`. For an action, `socketPath` must be the path given to
 * `run --socket`, because the stub creates it before the guest's output and handlers exist
 * from then on.
 */
export async function runStub(
  args: readonly string[],
  options: {
    env?: Readonly<Record<string, string>>;
    action?: StubAction;
    socketPath?: string;
  } = {},
): Promise<StubResult> {
  const { env = {}, action = { kind: 'none' }, socketPath } = options;
  const run = runProcess(args, env);
  try {
    if (action.kind === 'none') return await run.done;
    if (socketPath === undefined)
      throw new Error('an action needs run --socket PATH');
    const state = { finished: false };
    void run.done.then(() => {
      state.finished = true;
    });
    while (!existsSync(socketPath) && !state.finished) {
      await sleep(SOCKET_POLL_MS);
    }
    if (state.finished) return await run.done;
    if (action.kind === 'signal') {
      process.kill(run.pid, action.signal);
      const result = await run.done;
      return { ...result, groupAliveAfterEnd: groupAlive(run.pid) };
    }
    if (action.kind === 'host-event') {
      if (action.via === 'signal') {
        await injectHostEvent({ pid: run.pid }, action.event);
        return await run.done;
      }
      await injectHostEvent({ pid: run.pid, socketPath }, action.event);
    }
    const stop = await runProcess(['stop', socketPath], env).done;
    const result = await run.done;
    return { ...result, stopCode: stop.code };
  } finally {
    killGroup(run.pid);
  }
}
