import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  decodeFailureString,
  openFailureChannel,
} from '../../harness/avf-launch/failure-channel.js';
import type { HangupEmulation } from '../../harness/avf-launch/launch-mode.js';
import { buildArgv } from '../../harness/crosvm/argv.js';
import { launch } from '../../harness/launch/launch.js';
import { fixtureImagePath } from '../../harness/run/paths.js';
import { stubTarget } from '../../harness/crosvm/discover.js';
import { injectHostEvent } from '../../harness/stub/inject.js';
import { NEWEST_ERA } from '../../harness/crosvm/eras.js';
import { FIXTURES } from '../../harness/fixtures/catalog.js';
import type { TokenFixture } from '../../harness/fixtures/catalog-types.js';
import { classify } from '../../harness/model/classify.js';
import type { Profile } from '../../harness/model/profile.js';
import { findProfile, PROFILES } from '../../harness/model/profiles.js';
import { scenariosFor } from '../../harness/run/plan.js';
import { runScenarios } from '../../harness/run/runner.js';
import { classifierFor } from '../../harness/run/session.js';
import type { ScenarioResult } from '../../harness/run/types.js';

/**
 * End-to-end runs through AVF's failure channel: the bundled stub in the newest crosvm era,
 * started as AVF starts crosvm, with COM2 on a drained FIFO and every ending classified under
 * every AVF profile. The expected reasons come from the fixture catalog's per-profile rows.
 */

const target = stubTarget(NEWEST_ERA.since, 'avf-launch suite');
const tokenFixtures = FIXTURES.filter(
  (entry): entry is TokenFixture => entry.kind === 'token',
);

/** avf-2022-10-17 with trimmed instead of exact matching: a rule changed on purpose. */
const trimmedVariant: Profile = {
  ...findProfile('avf-2022-10-17'),
  name: 'avf-2022-10-17-trimmed',
  failure: { ...findProfile('avf-2022-10-17').failure, match: 'trimmed' },
};

let evidence: string;

beforeAll(async () => {
  evidence = await mkdtemp(join(tmpdir(), 'avf-launch-suite-'));
});

afterAll(async () => {
  await rm(evidence, { recursive: true, force: true });
});

async function runMatrix(
  profiles: readonly Profile[],
  only?: readonly string[],
  hangup?: HangupEmulation,
): Promise<ScenarioResult[]> {
  return runScenarios({
    target,
    scenarios: scenariosFor(target, NEWEST_ERA, only),
    era: NEWEST_ERA,
    classify: classifierFor(profiles),
    launchMode: 'avf',
    hangup,
    inject: injectHostEvent,
    outputDir: await mkdtemp(join(evidence, 'run-')),
    jobs: 2,
    repeat: 1,
  });
}

function reasonUnder(result: ScenarioResult, profile: string): string {
  const found = result.classifications.find((c) => c.profile === profile);
  if (found === undefined)
    throw new Error(`no ${profile} column for ${result.id}`);
  return found.reason;
}

describe('AVF launch over the whole matrix', () => {
  let results: ScenarioResult[];

  beforeAll(async () => {
    results = await runMatrix([...PROFILES, trimmedVariant]);
  }, 120_000);

  test.for(tokenFixtures.map((fixture) => [fixture.name] as const))(
    '%s lands on its catalogued reason in every profile',
    ([name]) => {
      const fixture = tokenFixtures.find((entry) => entry.name === name);
      const ended = results.filter(
        (result) =>
          result.fixture === name &&
          result.variant === 'ext' &&
          (result.hostAction === 'none' || result.hostAction === 'timeout'),
      );
      expect(fixture).toBeDefined();
      expect(ended.length).toBeGreaterThan(0);
      for (const result of ended) {
        for (const row of fixture?.failurePort.outcomes ?? []) {
          const expected =
            row.decidedBy === 'token'
              ? row.reason
              : classify(findProfile(row.profile), result.status).reason;
          expect(
            reasonUnder(result, row.profile),
            `${result.id} under ${row.profile}`,
          ).toBe(expected);
        }
      }
    },
  );

  test('every token fixture gives its exit status reason under avf-2022-02-03', () => {
    const profile = findProfile('avf-2022-02-03');
    for (const result of results.filter((r) =>
      r.fixture.startsWith('token-'),
    )) {
      expect(reasonUnder(result, profile.name), result.id).toBe(
        classify(profile, result.status).reason,
      );
    }
  });

  test('the failure string reaches the classifier as written', () => {
    for (const fixture of tokenFixtures) {
      const result = results.find((r) => r.id === `${fixture.name}.ext.none`);
      if (result === undefined) continue;
      expect(result.failureString, fixture.name).toBe(
        fixture.failurePort.text.slice(0, 50_000),
      );
    }
  });

  test('trimmed matching changes the newline scenario and nothing else', () => {
    const changed = results
      .filter(
        (result) =>
          reasonUnder(result, 'avf-2022-10-17') !==
          reasonUnder(result, trimmedVariant.name),
      )
      .map((result) => result.id);
    expect(changed).toEqual(['token-newline.ext.none']);
  });
});

describe('AVF hangup emulation', () => {
  /** A marker no fixture prints, so every VM that keeps running hangs up after 0.5 s. */
  const hangup: HangupEmulation = { marker: 'payload started', timeoutMs: 500 };

  test('hang with an empty pipe gives HANGUP, a token first gives the token', async () => {
    const profiles = [
      findProfile('avf-2022-07-14'),
      findProfile('avf-2022-06-23'),
    ];
    const results = await runMatrix(
      profiles,
      ['hang.ext.timeout', 'token-hang.ext.timeout'],
      hangup,
    );
    const byId = new Map(results.map((result) => [result.id, result]));
    const hang = byId.get('hang.ext.timeout');
    const tokenHang = byId.get('token-hang.ext.timeout');
    if (hang === undefined || tokenHang === undefined)
      throw new Error('the hang scenarios did not run');
    expect(hang.status).toEqual({
      kind: 'signaled',
      signal: 'SIGKILL',
      number: 9,
    });
    expect(reasonUnder(hang, 'avf-2022-07-14')).toBe('HANGUP');
    expect(reasonUnder(tokenHang, 'avf-2022-07-14')).toBe(
      'MICRODROID_FAILED_TO_CONNECT_TO_VIRTUALIZATION_SERVICE',
    );
    // On 2022-06-23 AVF used HANGUP whatever the pipe held.
    expect(reasonUnder(tokenHang, 'avf-2022-06-23')).toBe('HANGUP');
  }, 60_000);

  test('a VM that ends before the timeout is not a hangup', async () => {
    const results = await runMatrix(
      [findProfile('avf-2022-07-14')],
      ['shutdown-acpi.ext.none'],
      { marker: 'payload started', timeoutMs: 30_000 },
    );
    const [result] = results;
    if (result === undefined) throw new Error('the scenario did not run');
    expect(reasonUnder(result, 'avf-2022-07-14')).toBe('SHUTDOWN');
  }, 60_000);
});

describe('failure pipe order', () => {
  test('token precedes the next console line', async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const dir = await mkdtemp(join(evidence, 'order-'));
      const channel = await openFailureChannel(dir);
      const argv = buildArgv({
        executable: target.executable,
        variant: 'ext',
        era: NEWEST_ERA,
        kernelPath: fixtureImagePath('token-hang'),
        missingKernelPath: join(dir, 'missing.elf'),
        failurePortPath: channel.path,
      });
      const launched = await launch({
        argv,
        outputDir: dir,
        timeoutMs: 10_000,
        env: target.env,
        during: async (running) => {
          // token-hang writes its token to COM2, then prints this line on COM1.
          if (await running.waitForConsole('halting', 5_000))
            process.kill(running.pid, 'SIGKILL');
        },
      });
      const capture = await channel.finish();
      expect(launched.status.kind).toBe('signaled');
      expect(decodeFailureString(capture)).toBe(
        'MICRODROID_FAILED_TO_CONNECT_TO_VIRTUALIZATION_SERVICE',
      );
    }
  }, 60_000);
});
