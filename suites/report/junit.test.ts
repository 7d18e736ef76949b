import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildJunit } from '../../harness/report/junit.js';
import { visibleText } from '../../harness/report/text.js';
import {
  largeReport,
  mixedReport,
  NASTY_CONSOLE,
  scenario,
  stream,
} from './factory.js';

interface ParsedCase {
  classname: string;
  name: string;
  time: string;
  properties: { property: { name: string; value: string }[] };
  failure?: { type: string; message: string; '#text': string };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => name === 'testcase' || name === 'property',
});

function parseCases(xml: string): ParsedCase[] {
  const parsed = parser.parse(xml) as {
    testsuites: { testsuite: { testcase: ParsedCase[] } };
  };
  return parsed.testsuites.testsuite.testcase;
}

function caseNamed(cases: ParsedCase[], name: string): ParsedCase {
  const found = cases.find((entry) => entry.name === name);
  if (found === undefined) throw new Error(`no testcase named ${name}`);
  return found;
}

const xmllintMissing = spawnSync('xmllint', ['--version']).error !== undefined;
let folder = '';

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'junit-test-'));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('buildJunit', () => {
  test('one testcase per scenario, classname by fixture', () => {
    const cases = parseCases(buildJunit(mixedReport()));
    expect(cases.map((entry) => entry.name)).toEqual([
      'busy-loop.ext.timeout',
      'crash-pvpanic.plain.none',
      'hang.ext.sigkill',
      'reboot-i8042.ext.none',
    ]);
    expect(cases.map((entry) => entry.classname)).toEqual([
      'busy-loop',
      'crash-pvpanic',
      'hang',
      'reboot-i8042',
    ]);
    expect(caseNamed(cases, 'reboot-i8042.ext.none').time).toBe('0.413');
  });

  test('failures only for unexpected and flaky', () => {
    const cases = parseCases(buildJunit(mixedReport()));
    expect(caseNamed(cases, 'reboot-i8042.ext.none').failure).toBeUndefined();
    expect(
      caseNamed(cases, 'crash-pvpanic.plain.none').failure,
    ).toBeUndefined();
    expect(caseNamed(cases, 'hang.ext.sigkill').failure?.type).toBe(
      'unexpected',
    );
    expect(caseNamed(cases, 'busy-loop.ext.timeout').failure?.type).toBe(
      'flaky',
    );
  });

  test('failure carries command, exit, reason, console', () => {
    const failure = caseNamed(
      parseCases(buildJunit(mixedReport())),
      'hang.ext.sigkill',
    ).failure;
    const body = failure?.['#text'] ?? '';
    expect(failure?.message).toContain('signal SIGKILL (9), KILLED');
    expect(body).toContain(`command: '/opt/cros vm/crosvm' run`);
    expect(body).toContain('exit: signal SIGKILL (9) (expected exit 33)');
    expect(body).toContain(
      'reason under avf-2022-02-03: KILLED (expected CRASH)',
    );
    expect(body).toContain('reason under avf-2023-03-10: KILLED');
    expect(body).toContain('failure port: panic <here> \u2400');
    expect(body).toContain(visibleText(NASTY_CONSOLE));
    expect(body).toContain('stderr \u241b[1m<b>bold</b>');
  });

  test('profile reasons and run facts are properties', () => {
    const xml = buildJunit(mixedReport());
    const properties = caseNamed(parseCases(xml), 'crash-pvpanic.plain.none')
      .properties.property;
    const byName = new Map(
      properties.map((entry) => [entry.name, entry.value]),
    );
    expect(byName.get('reason.avf-2022-02-03')).toBe('SHUTDOWN');
    expect(byName.get('reason.avf-2023-03-10')).toBe('CRASH');
    expect(byName.get('divergence')).toBe('pvpanic needs --pvpanic');
    expect(xml).toContain(
      'name="fingerprint" value="fingerprint: matches era 2022-06-13',
    );
    expect(xml).toContain('name="avf-finding"');
  });

  test('suite totals count failures', () => {
    const xml = buildJunit(mixedReport());
    expect(xml).toContain(
      '<testsuites name="crosvm-conformance" tests="4" failures="2"',
    );
  });

  test('allowed flaky scenario passes', () => {
    const xml = buildJunit(mixedReport(), { allowFlaky: true });
    const flaky = caseNamed(parseCases(xml), 'busy-loop.ext.timeout');
    expect(flaky.failure).toBeUndefined();
    expect(xml).toContain('tests="4" failures="1"');
  });

  test('long console is cut to its tail', () => {
    const report = largeReport(1, 5000);
    const failure = parseCases(buildJunit(report))[0]?.failure?.['#text'] ?? '';
    expect(failure).toContain('line 4999');
    expect(failure).not.toContain('line 4000\n');
    expect(failure).toMatch(/\[\d+ earlier characters omitted\]/);
  });

  test('any console bytes round-trip as visible text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 200 }),
        (consoleText) => {
          const report = {
            ...mixedReport(),
            results: [
              scenario({
                verdict: 'unexpected',
                console: stream('/c', consoleText),
              }),
            ],
          };
          const body =
            parseCases(buildJunit(report))[0]?.failure?.['#text'] ?? '';
          expect(body).toContain(
            visibleText(consoleText).replace(/\r\n?/g, '\n'),
          );
        },
      ),
    );
  });
});

describe.skipIf(xmllintMissing)('junit.xml and xmllint', () => {
  test('xmllint accepts hostile output', async () => {
    const path = join(folder, 'junit.xml');
    await writeFile(path, buildJunit(mixedReport()));
    expect(() =>
      execFileSync('xmllint', ['--noout', path], { stdio: 'pipe' }),
    ).not.toThrow();
  });

  test('xmllint accepts a large run', async () => {
    const path = join(folder, 'large.xml');
    await writeFile(path, buildJunit(largeReport(300, 200)));
    expect(() =>
      execFileSync('xmllint', ['--noout', path], { stdio: 'pipe' }),
    ).not.toThrow();
  });

  test('xmllint rejects a raw NUL', async () => {
    const path = join(folder, 'broken.xml');
    await writeFile(path, '<?xml version="1.0"?><a>\u0000</a>');
    expect(() =>
      execFileSync('xmllint', ['--noout', path], { stdio: 'pipe' }),
    ).toThrow();
  });
});

if (xmllintMissing)
  console.log('skipping xmllint checks: xmllint is not installed');
