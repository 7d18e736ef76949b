import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeFileAtomic } from '../../harness/report/atomic-write.js';
import {
  buildCtrf,
  buildHtml,
  buildJunit,
  buildMarkdown,
  writeReports,
} from '../../harness/report/index.js';
import {
  appendStepSummary,
  STEP_SUMMARY_MAX_BYTES,
} from '../../harness/report/step-summary.js';
import { mixedReport } from './factory.js';

let folder = '';

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'report-write-test-'));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('writeReports', () => {
  test('writes four reports into a new folder', async () => {
    const dir = join(folder, 'nested', 'reports');
    const paths = await writeReports(mixedReport(), dir, { env: {} });
    expect(paths).toEqual({
      junit: join(dir, 'junit.xml'),
      ctrf: join(dir, 'conformance.json'),
      markdown: join(dir, 'conformance.md'),
      html: join(dir, 'conformance.html'),
    });
    expect((await readdir(dir)).sort()).toEqual([
      'conformance.html',
      'conformance.json',
      'conformance.md',
      'junit.xml',
    ]);
    const ctrf = JSON.parse(await readFile(paths.ctrf, 'utf8')) as {
      reportFormat: string;
    };
    expect(ctrf.reportFormat).toBe('CTRF');
    expect(await readFile(paths.markdown, 'utf8')).toBe(
      buildMarkdown(mixedReport()),
    );
  });

  test('appends Markdown to the step summary', async () => {
    const summary = join(folder, 'step-summary.md');
    await writeFile(summary, 'earlier step\n');
    const env = { GITHUB_STEP_SUMMARY: summary };
    const paths = await writeReports(
      mixedReport(),
      join(folder, 'with-summary'),
      { env },
    );
    expect(paths.stepSummary).toBe(summary);
    const text = await readFile(summary, 'utf8');
    expect(
      text.startsWith(
        'earlier step\n\n## crosvm conformance: 2 not as expected',
      ),
    ).toBe(true);
    expect(text).toContain('### Outcome by AVF profile');
  });

  test('names the folder it cannot create', async () => {
    const blocker = join(folder, 'a-file');
    await writeFile(blocker, '');
    await expect(
      writeReports(mixedReport(), join(blocker, 'reports'), { env: {} }),
    ).rejects.toThrow(
      `failed to create the reports folder ${join(blocker, 'reports')}`,
    );
  });
});

describe('report order', () => {
  test('does not depend on result order', () => {
    const report = mixedReport();
    const reversed = { ...report, results: [...report.results].reverse() };
    expect(buildJunit(reversed)).toBe(buildJunit(report));
    expect(buildCtrf(reversed)).toEqual(buildCtrf(report));
    expect(buildMarkdown(reversed)).toBe(buildMarkdown(report));
    expect(buildHtml(reversed)).toBe(buildHtml(report));
  });
});

describe('writeFileAtomic', () => {
  test('replaces a file and leaves no temp', async () => {
    const dir = join(folder, 'atomic');
    await writeReports(mixedReport(), dir, { env: {} });
    const path = join(dir, 'junit.xml');
    await writeFileAtomic(path, 'new content');
    expect(await readFile(path, 'utf8')).toBe('new content');
    expect(
      (await readdir(dir)).filter((name) => name.endsWith('.tmp')),
    ).toEqual([]);
  });

  test('missing folder rejects with ENOENT', async () => {
    const path = join(folder, 'no-such-folder', 'x.txt');
    await expect(writeFileAtomic(path, 'x')).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });

  test('failed rename removes the temp file', async () => {
    const dir = join(folder, 'rename-fails');
    // A non-empty folder at the target path makes rename(2) fail after the data was written.
    await writeReports(mixedReport(), join(dir, 'target.txt'), { env: {} });
    await expect(
      writeFileAtomic(join(dir, 'target.txt'), 'x'),
    ).rejects.toThrow();
    expect(
      (await readdir(dir)).filter((name) => name.endsWith('.tmp')),
    ).toEqual([]);
  });
});

describe('appendStepSummary', () => {
  test('unset or empty variable writes nothing', async () => {
    expect(await appendStepSummary('full', 'compact', {})).toBeUndefined();
    expect(
      await appendStepSummary('full', 'compact', { GITHUB_STEP_SUMMARY: '' }),
    ).toBeUndefined();
  });

  test('oversized summary falls back to compact', async () => {
    const path = join(folder, 'oversized.md');
    const full = 'x'.repeat(STEP_SUMMARY_MAX_BYTES + 1);
    await appendStepSummary(full, 'compact', { GITHUB_STEP_SUMMARY: path });
    expect(await readFile(path, 'utf8')).toBe('compact\n');
  });

  test('earlier content counts toward the limit', async () => {
    const path = join(folder, 'nearly-full.md');
    await writeFile(path, 'x'.repeat(STEP_SUMMARY_MAX_BYTES - 10));
    await appendStepSummary('a full summary', 'compact', {
      GITHUB_STEP_SUMMARY: path,
    });
    const text = await readFile(path, 'utf8');
    expect(text.endsWith('x\ncompact\n')).toBe(true);
  });

  test('unwritable path names the variable', async () => {
    const path = join(folder, 'missing-dir', 'summary.md');
    await expect(
      appendStepSummary('full', 'compact', { GITHUB_STEP_SUMMARY: path }),
    ).rejects.toThrow(
      `failed to append the step summary to GITHUB_STEP_SUMMARY=${path}`,
    );
  });
});
