import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';
import { SetupError, UsageError } from '../cli/errors.js';
import type { BinaryIdentity } from '../run/types.js';
import { EraDateError, eraForDate, NEWEST_ERA } from './eras.js';

/**
 * The crosvm under test: how to start it and how it was found. The same shape serves a real
 * binary and the bundled stub, so nothing after discovery depends on which one runs.
 */
export interface CrosvmTarget {
  readonly identity: BinaryIdentity;
  /** The executable; crosvm's own arguments follow it. */
  readonly executable: string;
  /** Environment added for every start (`CROSVM_STUB_ERA` for the stub). */
  readonly env: Readonly<Record<string, string>>;
}

/** Inputs of a discovery, read in order: the `--crosvm` value, `$CROSVM`, then `PATH`. */
export interface DiscoverOptions {
  readonly flag?: string | undefined;
  readonly env?: NodeJS.ProcessEnv;
}

/** The stub bin that `npm run build` writes. */
export const BUNDLED_STUB_PATH = join(
  PACKAGE_ROOT,
  'harness',
  'bin',
  'crosvm-stub.mjs',
);

/** Prefix that names the bundled stub in place of a path, e.g. `stub:2022-06-13`. */
export const STUB_PREFIX = 'stub:';

/** Describes the bundled stub in the era in force on date `era`, or in the newest era. */
export function stubTarget(
  era: string | undefined,
  foundBy: string,
): CrosvmTarget {
  if (era !== undefined) {
    try {
      eraForDate(era);
    } catch (error) {
      if (!(error instanceof EraDateError)) throw error;
      throw new UsageError(
        `invalid stub era from ${foundBy}: ${error.message}`,
      );
    }
  }
  const date = era ?? NEWEST_ERA.since;
  return {
    identity: { path: `${STUB_PREFIX}${date}`, foundBy, stubEra: date },
    executable: BUNDLED_STUB_PATH,
    env: { CROSVM_STUB_ERA: date },
  };
}

/** Checks that `path` is an executable regular file, else raises a SetupError naming it. */
async function checkExecutable(path: string, foundBy: string): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new SetupError(
      `crosvm not found at ${path} (from ${foundBy}); check the path`,
    );
  }
  if (!info.isFile()) {
    throw new SetupError(
      `crosvm path ${path} (from ${foundBy}) is not a file; pass the binary`,
    );
  }
  try {
    await access(path, constants.X_OK);
  } catch {
    throw new SetupError(
      `crosvm at ${path} (from ${foundBy}) is not executable; run chmod +x ${path}`,
    );
  }
}

/** Resolves one crosvm value: `stub:DATE`, `stub`, or a path to a binary. */
export async function resolveCrosvm(
  value: string,
  foundBy: string,
): Promise<CrosvmTarget> {
  if (value === 'stub') return stubTarget(undefined, foundBy);
  if (value.startsWith(STUB_PREFIX))
    return stubTarget(value.slice(STUB_PREFIX.length), foundBy);
  const path = resolve(value);
  await checkExecutable(path, foundBy);
  return { identity: { path, foundBy }, executable: path, env: {} };
}

/** Returns the first executable `crosvm` in the `PATH` list, if any. */
async function searchPath(
  pathList: string | undefined,
): Promise<string | undefined> {
  for (const dir of (pathList ?? '').split(delimiter)) {
    if (dir === '' || !isAbsolute(dir)) continue;
    const candidate = join(dir, 'crosvm');
    try {
      await access(candidate, constants.X_OK);
      if ((await stat(candidate)).isFile()) return candidate;
    } catch {
      continue;
    }
  }
  return undefined;
}

/**
 * Finds the crosvm under test: `--crosvm`, else `$CROSVM`, else `crosvm` on `PATH`, else the
 * bundled stub in the era that `$CROSVM_STUB_ERA` names (the newest when unset).
 */
export async function discoverCrosvm(
  options: DiscoverOptions = {},
): Promise<CrosvmTarget> {
  const env = options.env ?? process.env;
  if (options.flag === '') {
    throw new UsageError(
      'invalid --crosvm "": name a crosvm binary, or stub:YYYY-MM-DD for the bundled stub',
    );
  }
  if (options.flag !== undefined)
    return resolveCrosvm(options.flag, '--crosvm');
  const fromEnv = env.CROSVM;
  if (fromEnv !== undefined && fromEnv !== '')
    return resolveCrosvm(fromEnv, '$CROSVM');
  const onPath = await searchPath(env.PATH);
  if (onPath !== undefined) return resolveCrosvm(onPath, 'PATH');
  const era = env.CROSVM_STUB_ERA;
  const eraFile = env.CROSVM_STUB_ERA_FILE;
  if (
    (era === undefined || era === '') &&
    eraFile !== undefined &&
    eraFile !== ''
  ) {
    // The stub reads its one custom era row from the inherited environment. It emulates no dated
    // era, so the target carries none and no era-specific host action is planned for it.
    return {
      identity: {
        path: BUNDLED_STUB_PATH,
        foundBy: `bundled stub with CROSVM_STUB_ERA_FILE=${eraFile}`,
      },
      executable: BUNDLED_STUB_PATH,
      env: {},
    };
  }
  return stubTarget(
    era === undefined || era === '' ? undefined : era,
    'bundled stub',
  );
}

/** Formats the first line of a run: the binary, how it was found, and the stub era. */
export function describeTarget(target: CrosvmTarget): string {
  const { path, foundBy, stubEra } = target.identity;
  if (stubEra === undefined) return `crosvm: ${path} (found by ${foundBy})`;
  const how =
    foundBy === 'bundled stub'
      ? 'no --crosvm, $CROSVM or crosvm on PATH'
      : `found by ${foundBy}`;
  return `crosvm: bundled stub ${target.executable} (${how}), era ${stubEra}`;
}
