import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { main } from '../../harness/cli/program.js';
import {
  BUNDLED_STUB_PATH,
  stubTarget,
} from '../../harness/crosvm/discover.js';
import { ERAS, NEWEST_ERA, eraForDate } from '../../harness/crosvm/eras.js';
import type { ProbeKernel } from '../../harness/fingerprint/candidates.js';
import {
  fingerprint,
  type FingerprintResult,
} from '../../harness/fingerprint/fingerprint.js';
import { loadProbeKernels } from '../../harness/fingerprint/kernels.js';
import { outcomeKey } from '../../harness/fingerprint/outcome.js';
import { buildFingerprintPlan } from '../../harness/fingerprint/plan.js';
import type { FingerprintJson } from '../../harness/fingerprint/report.js';
import { FIXTURES } from '../../harness/fixtures/catalog.js';

/**
 * Eras run on the real stub by default: the plain-mode reset of 2021-12-08, the stderr-only
 * change of 2022-11-15 (one range with 2022-10-19), the ELF32 era whose probe ends by the timeout,
 * and the newest. The CLI tests add 2022-06-13 (parse errors exit 0). Set FINGERPRINT_SWEEP=all
 * to run every era (about 45 s on 2 cores).
 */
const SAMPLE_DATES = [
  '2021-12-08',
  '2022-11-15',
  '2025-04-08',
  NEWEST_ERA.since,
];
const SWEEP_DATES =
  process.env.FINGERPRINT_SWEEP === 'all'
    ? ERAS.map((era) => era.since)
    : SAMPLE_DATES;

let kernels: ProbeKernel[] = [];
const results = new Map<string, FingerprintResult>();

beforeAll(async () => {
  kernels = await loadProbeKernels(FIXTURES);
  // Three fingerprints at a time, each running two probes at a time.
  const queue = [...SWEEP_DATES];
  const worker = async (): Promise<void> => {
    for (let date = queue.shift(); date !== undefined; date = queue.shift()) {
      results.set(
        date,
        await fingerprint(stubTarget(date, 'test'), { kernels, jobs: 2 }),
      );
    }
  };
  await Promise.all([worker(), worker(), worker()]);
}, 120_000);

/** Lists the eras whose predictions on the plan's probes equal those of the era of `date`. */
function erasAlike(date: string): string[] {
  const { plan, eras } = buildFingerprintPlan(kernels, { injection: true });
  const index = eras.indexOf(eraForDate(date));
  const key = (eraIndex: number): string =>
    plan.probes
      .map((p) => {
        const prediction = p.predictions[eraIndex];
        if (prediction === undefined)
          throw new Error(`no prediction for era ${eraIndex}`);
        return outcomeKey(prediction);
      })
      .join('|');
  return eras.filter((_, i) => key(i) === key(index)).map((era) => era.since);
}

describe.each(SWEEP_DATES)('fingerprint of stub:%s', (date) => {
  test('matches a known era', () => {
    expect(results.get(date)?.match.kind).toBe('matched');
  });

  test('names a range containing the date', () => {
    const match = results.get(date)?.match;
    if (match?.kind !== 'matched')
      throw new Error(`stub:${date} matched no era`);
    expect(
      match.ranges.some((range) => range.from <= date && date <= range.to),
    ).toBe(true);
  });

  test('names only eras that behave alike', () => {
    const match = results.get(date)?.match;
    if (match?.kind !== 'matched')
      throw new Error(`stub:${date} matched no era`);
    const named = ERAS.filter((era) =>
      match.ranges.some(
        (range) => range.from <= era.since && era.since <= range.to,
      ),
    ).map((era) => era.since);
    expect(named).toEqual(erasAlike(date));
  });
});

/** Writes an era file: the newest era, except that an invalid argument exits 7, as no era does. */
async function writeInventedEra(directory: string): Promise<string> {
  const era = {
    ...NEWEST_ERA,
    since: '2026-09-01',
    exit: { ...NEWEST_ERA.exit, invalidArgs: 7 },
  };
  const path = join(directory, 'invalid-args-7.json');
  await writeFile(path, JSON.stringify(era));
  return path;
}

describe('fingerprint CLI', () => {
  let workDir = '';
  const written: string[] = [];

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'fingerprint-cli-'));
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    delete process.env.CROSVM_STUB_ERA_FILE;
    await rm(workDir, { recursive: true, force: true });
  });

  test('prints JSON ranges with from and to', async () => {
    written.length = 0;
    const status = await main([
      'fingerprint',
      '--crosvm',
      'stub:2022-06-13',
      '--json',
    ]);
    expect(status).toBe(0);
    const json = JSON.parse(written.join('')) as FingerprintJson;
    expect(json.result).toBe('matched');
    expect(json.ranges).toEqual([{ from: '2022-06-13', to: '2022-06-14' }]);
  });

  test('reports a custom era as matching none', async () => {
    process.env.CROSVM_STUB_ERA_FILE = await writeInventedEra(workDir);
    written.length = 0;
    // `stub` names an era date, which the stub refuses together with an era file, so the bundled
    // stub is named by its path.
    const status = await main([
      'fingerprint',
      '--crosvm',
      BUNDLED_STUB_PATH,
      '--json',
    ]);
    expect(status).toBe(1);
    const json = JSON.parse(written.join('')) as FingerprintJson;
    expect(json.result).toBe('none');
    expect(json.ranges).toEqual([]);
    expect(json.unexplained.length).toBeGreaterThan(0);
    const unexplained = json.evidence.filter((item) =>
      json.unexplained.includes(item.probeId),
    );
    for (const item of unexplained) expect(item.observed.ending).toBe('exit 7');
  });

  test('text output names the unexplained probes', async () => {
    process.env.CROSVM_STUB_ERA_FILE = await writeInventedEra(workDir);
    written.length = 0;
    const status = await main(['fingerprint', '--crosvm', BUNDLED_STUB_PATH]);
    expect(status).toBe(1);
    const text = written.join('');
    expect(text).toContain('no known crosvm era matches');
    expect(text).toContain('Probes whose outcome no era predicts:');
  });
});
