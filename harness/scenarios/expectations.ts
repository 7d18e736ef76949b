import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { SetupError } from '../cli/errors.js';
import { PACKAGE_ROOT } from '../run/paths.js';
import type { Expectation } from '../run/types.js';

/**
 * The checked-in expectations: per scenario id, the approved raw exit and DeathReason for one
 * target (crosvm era and AVF profile), with the reason for each known divergence from intent.
 * `--update-expectations` rewrites the file from a run so that a reviewer reads the change as a
 * diff. A golden table in the tests keeps a regenerated file honest.
 */
export interface ExpectationsFile {
  readonly target: { readonly era: string; readonly profile: string };
  readonly scenarios: Readonly<Record<string, Expectation>>;
}

/** The checked-in file for the default target. */
export const EXPECTATIONS_PATH = join(
  PACKAGE_ROOT,
  'harness',
  'scenarios',
  'expectations.json',
);

/** Its JSON schema, which every load validates against. */
export const EXPECTATIONS_SCHEMA_PATH = join(
  PACKAGE_ROOT,
  'harness',
  'scenarios',
  'expectations.schema.json',
);

async function readJson(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new SetupError(
      `cannot read ${what} ${path}: ${(error as Error).message}`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new SetupError(
      `invalid JSON in ${what} ${path}: ${(error as Error).message}`,
    );
  }
}

/** Reads and validates an expectations file; raises a SetupError naming the first bad entry. */
export async function loadExpectations(
  path = EXPECTATIONS_PATH,
): Promise<ExpectationsFile> {
  const schema = (await readJson(
    EXPECTATIONS_SCHEMA_PATH,
    'expectations schema',
  )) as object;
  const data = await readJson(path, 'expectations file');
  const validate = new Ajv({
    allErrors: true,
    strict: false,
  }).compile<ExpectationsFile>(schema);
  if (!validate(data)) {
    const first = validate.errors?.[0];
    const where =
      first?.instancePath === '' ? '(top level)' : (first?.instancePath ?? '');
    throw new SetupError(
      `invalid expectations file ${path}: ${where} ${first?.message ?? 'does not match the schema'}; fix it or rerun with --update-expectations`,
    );
  }
  return data;
}

/** Serializes expectations with ids sorted, so a rewrite shows only real changes in a diff. */
export function formatExpectations(file: ExpectationsFile): string {
  const scenarios: Record<string, Expectation> = {};
  for (const id of Object.keys(file.scenarios).sort()) {
    const entry = file.scenarios[id];
    if (entry === undefined) continue;
    scenarios[id] = {
      exit: entry.exit,
      reason: entry.reason,
      ...(entry.divergence !== undefined
        ? { divergence: entry.divergence }
        : {}),
    };
  }
  const body = {
    $schema: './expectations.schema.json',
    target: { era: file.target.era, profile: file.target.profile },
    scenarios,
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/** Writes expectations atomically: a temporary file next to the target, then a rename. */
export async function saveExpectations(
  file: ExpectationsFile,
  path = EXPECTATIONS_PATH,
): Promise<void> {
  const temporary = `${path}.${String(process.pid)}.tmp`;
  await writeFile(temporary, formatExpectations(file));
  await rename(temporary, path);
}
