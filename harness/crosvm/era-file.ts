/**
 * Loads one custom era row from a JSON file (`CROSVM_STUB_ERA_FILE`), validated against
 * `ERA_SCHEMA`, so that a test can present a contract no real crosvm era has. ajv is imported
 * only when a file is loaded, which keeps it out of the stub's normal start.
 */
import { readFile } from 'node:fs/promises';
import type { Era } from './era-types.js';

const stringEnum = (...values: string[]) => ({ type: 'string', enum: values });
const exitCode = { type: 'integer', minimum: 0, maximum: 255 };
/** A guest physical address below 1 MiB, where crosvm writes its boot tables. */
const guestAddress = { type: 'integer', minimum: 0, maximum: 0xf_ffff };
/** An x86 segment selector: 16 bits. */
const selector = { type: 'integer', minimum: 0, maximum: 0xffff };

/** Builds an object schema in which every listed property is required and no other is allowed. */
function strictObject(properties: Record<string, object>): object {
  return {
    type: 'object',
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
  };
}

/** JSON schema of an era file: one complete `Era` (era-types.ts documents each field). */
export const ERA_SCHEMA = strictObject({
  since: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
  commits: { type: 'array', items: { type: 'string', minLength: 1 } },
  change: { type: 'string' },
  exit: strictObject({
    invalidArgs: exitCode,
    help: exitCode,
    statusMask: stringEnum('unmasked', 'masked-without-flag'),
  }),
  flags: strictObject({
    topLevel: stringEnum(
      'none',
      'extended-status-first',
      'fixed-order',
      'any-order',
    ),
    extendedStatus: { type: 'boolean' },
    logLevel: { type: 'boolean' },
    noSyslog: { type: 'boolean' },
    runParser: stringEnum('crosvm-argument', 'argh'),
    serial: stringEnum('absent', 'without-hardware', 'with-hardware'),
    noLegacy: { type: 'boolean' },
    noI8042AndNoRtc: { type: 'boolean' },
    mem: stringEnum('mib', 'mib-or-key-values'),
    version: { type: 'boolean' },
  }),
  loader: strictObject({
    placement: stringEnum('offset-by-2mib', 'at-paddr'),
    versionChecked: { type: 'boolean' },
    elf32: stringEnum('read-as-elf64', 'invalid-class', 'accepted'),
    entryRange: stringEnum('unchecked', 'inclusive-end', 'exclusive-end'),
    messages: stringEnum('elf-named', 'generic'),
    bootGdtBase: guestAddress,
    bootIdtBase: guestAddress,
    bootCodeSelector: selector,
    bootDataSelector: selector,
    bootTaskSelector: selector,
    identityMapGib: { type: 'integer', minimum: 1, maximum: 512 },
    bzImage32: stringEnum('long-mode', 'rejected', 'protected-mode'),
    multiboot: { type: 'boolean' },
  }),
  devices: strictObject({
    acpiShutdown: { type: 'boolean' },
    guestReset: stringEnum('exit', 'reset'),
    pvpanic: stringEnum('absent', 'immediate', 'deferred'),
  }),
  hostEvents: strictObject({
    childExit: stringEnum('stop', 'crash'),
    cleanUntrackedChildIgnoredUnsandboxed: { type: 'boolean' },
    vhostUserDisconnect: stringEnum('abort', 'crash'),
  }),
  unreachableExits: strictObject({
    aarch64PsciReset: exitCode,
    aarch64VmwdtExpiry: { anyOf: [exitCode, { type: 'null' }] },
    vcpuRunFailure: exitCode,
    kvmSystemEventCrash: exitCode,
    panic: stringEnum('release-aborts', 'always-aborts'),
    directBuildExtendedStatus: { type: 'boolean' },
  }),
});

/** Raised when an era file cannot be read, is not JSON or does not match `ERA_SCHEMA`. */
export class EraFileError extends Error {
  override name = 'EraFileError';
}

/** Parses and validates the text of an era file; `source` names it in errors. */
export async function parseEraFile(text: string, source: string): Promise<Era> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new EraFileError(
      `era file ${source} is not valid JSON: ${(error as Error).message}`,
    );
  }
  const { Ajv } = await import('ajv');
  const ajv = new Ajv({ allErrors: true });
  const validate = ajv.compile<Era>(ERA_SCHEMA);
  if (!validate(value)) {
    const problems = (validate.errors ?? [])
      .map(
        (error) =>
          `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`,
      )
      .join('; ');
    throw new EraFileError(
      `era file ${source} does not match the era schema: ${problems}`,
    );
  }
  return value;
}

/** Reads and validates the era file at `path`. */
export async function loadEraFile(path: string): Promise<Era> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new EraFileError(
      `cannot read era file ${path}: ${(error as Error).message}; set CROSVM_STUB_ERA_FILE to a readable JSON file`,
    );
  }
  return parseEraFile(text, path);
}
