import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, test } from 'vitest';
import {
  buildCtrf,
  CTRF_EXTRA_KEY,
  type CtrfTest,
} from '../../harness/report/ctrf.js';
import { largeReport, mixedReport } from './factory.js';

/** The official CTRF schema, vendored beside this test; its $comment names source and version. */
const schema = JSON.parse(
  readFileSync(new URL('ctrf.schema.json', import.meta.url), 'utf8'),
) as object;
const ajv = new Ajv({ allErrors: true, strict: true });
addFormats.default(ajv);
const validate = ajv.compile(schema);

function errorsOf(document: unknown): string {
  return validate(document) ? '' : ajv.errorsText(validate.errors);
}

/** Serializes and parses a value, so the test checks what a consumer of the file reads. */
function roundTrip(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

function testNamed(tests: readonly CtrfTest[], name: string): CtrfTest {
  const found = tests.find((entry) => entry.name === name);
  if (found === undefined) throw new Error(`no CTRF test named ${name}`);
  return found;
}

function extraOf(entry: CtrfTest): Record<string, unknown> {
  return entry.extra[CTRF_EXTRA_KEY] as Record<string, unknown>;
}

describe('buildCtrf', () => {
  test('validates against the CTRF schema', () => {
    expect(errorsOf(roundTrip(buildCtrf(mixedReport())))).toBe('');
  });

  test('large run validates too', () => {
    expect(errorsOf(roundTrip(buildCtrf(largeReport(300, 50))))).toBe('');
  });

  test('schema rejects a broken document', () => {
    const document = roundTrip(buildCtrf(mixedReport())) as {
      results: { tests: object[] };
    };
    document.results.tests.push({ name: 'x', status: 'broken', duration: 1 });
    expect(errorsOf(document)).toContain(
      'must be equal to one of the allowed values',
    );
  });

  test('summary counts by status', () => {
    const summary = buildCtrf(mixedReport()).results.summary;
    expect(summary).toMatchObject({
      tests: 4,
      passed: 2,
      failed: 2,
      skipped: 0,
      pending: 0,
      other: 0,
      flaky: 1,
      start: Date.parse('2026-12-04T15:00:00.000Z'),
      stop: Date.parse('2026-12-04T15:00:42.500Z'),
      duration: 42_500,
    });
  });

  test('tests carry status, duration and verdict', () => {
    const tests = buildCtrf(mixedReport()).results.tests;
    const divergence = testNamed(tests, 'crash-pvpanic.plain.none');
    expect(divergence.status).toBe('passed');
    expect(divergence.rawStatus).toBe('expected-divergence');
    expect(divergence.duration).toBe(413);
    expect(divergence.suite).toEqual(['crash-pvpanic']);
    const flaky = testNamed(tests, 'busy-loop.ext.timeout');
    expect(flaky.status).toBe('failed');
    expect(flaky.flaky).toBe(true);
  });

  test('allowed flaky test passes', () => {
    const ctrf = buildCtrf(mixedReport(), { allowFlaky: true });
    const flaky = testNamed(ctrf.results.tests, 'busy-loop.ext.timeout');
    expect(flaky.status).toBe('passed');
    expect(flaky.flaky).toBe(true);
    expect(ctrf.results.summary['failed']).toBe(1);
    expect(ctrf.results.summary['passed']).toBe(3);
  });

  test('extra holds exit, reasons, target and binary', () => {
    const extra = extraOf(
      testNamed(buildCtrf(mixedReport()).results.tests, 'hang.ext.sigkill'),
    );
    expect(extra['exitStatus']).toEqual({
      kind: 'signaled',
      signal: 'SIGKILL',
      number: 9,
    });
    expect(extra['exit']).toBe('signal SIGKILL (9)');
    expect(extra['deathReasons']).toMatchObject({
      'avf-2022-02-03': { reason: 'KILLED', value: 1 },
      'avf-2023-03-10': { reason: 'KILLED', value: 3 },
    });
    expect(extra['target']).toEqual({
      era: '2026-08-21',
      profile: 'avf-2022-02-03',
    });
    expect(extra['binary']).toEqual({
      path: 'stub:2022-06-13',
      foundBy: 'bundled stub',
      stubEra: '2022-06-13',
    });
  });

  test('run extra holds fingerprint and findings', () => {
    const extra = buildCtrf(mixedReport()).results.extra[
      CTRF_EXTRA_KEY
    ] as Record<string, unknown>;
    expect(extra['fingerprint']).toBe(
      'fingerprint: matches era 2022-06-13 (12 of 12 probes)',
    );
    expect(extra['avfFindings']).toHaveLength(1);
  });

  test('stream text is made visible', () => {
    const hang = testNamed(
      buildCtrf(mixedReport()).results.tests,
      'hang.ext.sigkill',
    );
    expect(hang.stdout[0]).toBe('boot\u2400ok');
    expect(hang.stderr.join('\n')).not.toContain('\u001b');
  });

  test('invalid start time names the field', () => {
    const report = { ...mixedReport(), startedAt: 'yesterday' };
    expect(() => buildCtrf(report)).toThrow('invalid startedAt "yesterday"');
  });
});
