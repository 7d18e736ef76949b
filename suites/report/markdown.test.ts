import { describe, expect, test } from 'vitest';
import {
  buildMarkdown,
  escapeMarkdown,
} from '../../harness/report/markdown.js';
import { largeReport, mixedReport, scenario } from './factory.js';

/** Data rows of the matrix: table lines that start with a scenario id. */
function matrixRows(markdown: string): string[] {
  const start = markdown.indexOf('### Outcome by AVF profile');
  return markdown
    .slice(start)
    .split('\n')
    .filter(
      (line) =>
        line.startsWith('| ') &&
        !line.startsWith('| Scenario') &&
        !line.startsWith('| ---'),
    );
}

/** Cells of a GFM table row, splitting on pipes that are not backslash-escaped. */
function cells(row: string): string[] {
  return row
    .slice(2, -2)
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

describe('buildMarkdown', () => {
  test('header names binary, era, VMM, fingerprint', () => {
    const markdown = buildMarkdown(mixedReport());
    expect(markdown).toContain(
      '| Binary | stub:2022-06-13 (found by bundled stub, stub era 2022-06-13) |',
    );
    expect(markdown).toContain('| Target era | 2026-08-21 |');
    expect(markdown).toContain('| VMM | crosvm |');
    expect(markdown).toContain(
      '| Fingerprint | fingerprint: matches era 2022-06-13 (12 of 12 probes) |',
    );
    expect(markdown).toContain(
      '- DeathReason.aidl adds WATCHDOG\\_REBOOT = 36 \\| not in &lt;avf-2022-02-03&gt;',
    );
  });

  test('title and counts', () => {
    const markdown = buildMarkdown(mixedReport());
    expect(markdown.split('\n')[0]).toBe(
      '## crosvm conformance: 2 not as expected',
    );
    expect(markdown).toContain(
      '4 scenarios: 1 pass, 1 expected divergence, 1 unexpected, 1 flaky',
    );
  });

  test('all-pass title', () => {
    const report = { ...mixedReport(), results: [scenario()] };
    expect(buildMarkdown(report).split('\n')[0]).toBe(
      '## crosvm conformance: all as expected',
    );
  });

  test('allowed flaky still listed', () => {
    const markdown = buildMarkdown(mixedReport(), { allowFlaky: true });
    expect(markdown.split('\n')[0]).toBe(
      '## crosvm conformance: 1 not as expected',
    );
    expect(markdown).toContain('#### ⚠️ busy-loop.ext.timeout');
  });

  test('matrix has a column per profile', () => {
    const markdown = buildMarkdown(mixedReport());
    expect(markdown).toContain(
      '| Scenario | Exit | avf-2022-02-03 | avf-2022-06-13 | avf-2023-03-10 | Verdict |',
    );
    const rows = matrixRows(markdown).map(cells);
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(row).toHaveLength(6);
    expect(rows[1]).toEqual([
      'crash-pvpanic.plain.none',
      'exit 0',
      'SHUTDOWN',
      'SHUTDOWN',
      '**CRASH**',
      '☑️ expected divergence',
    ]);
  });

  test('unexpected scenarios list evidence', () => {
    const markdown = buildMarkdown(mixedReport());
    expect(markdown).toContain('#### ❌ hang.ext.sigkill');
    expect(markdown).toContain(
      '- Got: signal SIGKILL (9), KILLED (expected exit 33, CRASH)',
    );
    expect(markdown).toContain("- Command line: ` '/opt/cros vm/crosvm' run");
    expect(markdown).not.toContain('#### ✅');
  });

  test('console fence outlasts guest backticks', () => {
    const markdown = buildMarkdown(mixedReport());
    expect(markdown).toContain('````text\nboot\u2400ok');
    expect(markdown).not.toContain('\u0000');
    expect(markdown).not.toContain('\u001b');
  });

  test('divergences list their reason', () => {
    const markdown = buildMarkdown(mixedReport());
    expect(markdown).toContain(
      '### Expected divergences\n\n- crash-pvpanic.plain.none: pvpanic needs --pvpanic\n',
    );
  });

  test('compact form leaves out the matrix', () => {
    const markdown = buildMarkdown(mixedReport(), { withMatrix: false });
    expect(markdown).not.toContain('### Outcome by AVF profile');
    expect(markdown).not.toContain('### Expected divergences');
    expect(markdown).toContain('#### ❌ hang.ext.sigkill');
  });

  test('many scenarios give one row each', () => {
    expect(matrixRows(buildMarkdown(largeReport(120, 3)))).toHaveLength(120);
  });
});

describe('escapeMarkdown', () => {
  test.for([
    ['a|b', 'a\\|b'],
    ['<script>', '&lt;script&gt;'],
    [
      '**x** _y_ `z` [l](u) ~s~',
      '\\*\\*x\\*\\* \\_y\\_ \\`z\\` \\[l\\](u) \\~s\\~',
    ],
    ['line\nbreak', 'line break'],
    ['back\\slash &amp;', 'back\\\\slash &amp;amp;'],
  ] as const)('escapes %j', ([input, output]) => {
    expect(escapeMarkdown(input)).toBe(output);
  });
});
