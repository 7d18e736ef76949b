import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { runCli } from '../cli/capture.js';
import { treePath } from './tree-copy.js';

let reports: string | undefined;
afterEach(async () => {
  if (reports !== undefined)
    await rm(reports, { recursive: true, force: true });
  reports = undefined;
});

describe('run --avf-tree', () => {
  test('puts the findings into the reports', async () => {
    reports = await mkdtemp(join(tmpdir(), 'avf-run-'));
    const run = await runCli([
      'run',
      '--crosvm',
      'stub:2026-01-01',
      '--scenario',
      'shutdown-acpi.ext.none',
      '--reports',
      reports,
      '--avf-tree',
      treePath('avf-2025b'),
    ]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('avf-check: profile avf-2025b: matches\n');
    const ctrf = JSON.parse(
      await readFile(join(reports, 'conformance.json'), 'utf8'),
    ) as {
      results: { extra: Record<string, { avfFindings: string[] }> };
    };
    const avfFindings =
      ctrf.results.extra['crosvm-conformance']?.avfFindings ?? [];
    expect(avfFindings[0]).toBe('profile avf-2025b: matches');
    expect(avfFindings).toContain(
      'note: crosvm exit 35 (InvalidArgs: crosvm rejected its command line (unknown flag or bad value)) gives UNKNOWN',
    );
    const junit = await readFile(join(reports, 'junit.xml'), 'utf8');
    expect(junit).toContain(
      'name="avf-finding" value="profile avf-2025b: matches"',
    );
  });

  test('bad tree path exits 2 before any scenario', async () => {
    const run = await runCli([
      'run',
      '--crosvm',
      'stub:2026-01-01',
      '--avf-tree',
      '/nonexistent/avf',
    ]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'crosvm-conformance: run --avf-tree: AVF tree "/nonexistent/avf" is not a directory; pass the root of an AVF checkout (packages/modules/Virtualization)\n',
    );
  });
});
