import { Writable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { exited } from '../../harness/model/exit-status.js';
import { formatSummary, ProgressPrinter } from '../../harness/run/progress.js';
import type { ScenarioResult, VerdictKind } from '../../harness/run/types.js';
import { expectationsFromRun } from '../../harness/scenarios/update.js';
import type { Scenario } from '../../harness/scenarios/scenario.js';

function result(
  id: string,
  verdict: VerdictKind,
  code = 0,
  reason = 'SHUTDOWN',
): ScenarioResult {
  const stream = {
    path: `/r/${id}/console.log`,
    bytes: 0,
    truncated: false,
    tail: '',
  };
  return {
    id,
    fixture: id.split('.')[0] ?? '',
    variant: 'ext',
    hostAction: 'none',
    vmm: 'crosvm',
    argv: ['crosvm', 'run', `${id}.elf`],
    status: exited(code),
    durationMs: 250,
    console: stream,
    stderr: stream,
    classifications: [
      { profile: 'avf-2022-02-03', reason, value: 3, message: '' },
    ],
    verdict,
    detail: `${verdict} detail`,
  };
}

class Capture extends Writable {
  text = '';
  constructor(readonly isTTY: boolean) {
    super();
  }
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

describe('ProgressPrinter', () => {
  test('plain lines without a TTY', () => {
    const out = new Capture(false);
    const printer = new ProgressPrinter(out, 2);
    printer.print(result('a.ext.none', 'pass'));
    printer.print(result('b.ext.none', 'unexpected'));
    printer.finish();
    const lines = out.text.split('\n');
    expect(lines[0]).toBe(
      '[1/2] pass                a.ext.none  exit 0 / SHUTDOWN  (0.3 s)',
    );
    expect(lines[1]).toContain('[2/2] unexpected');
    expect(out.text).not.toContain('\r');
  });

  test('TTY overwrites passing lines', () => {
    const out = new Capture(true);
    const printer = new ProgressPrinter(out, 3);
    printer.print(result('a.ext.none', 'pass'));
    printer.print(result('b.ext.none', 'unexpected'));
    printer.print(result('c.ext.none', 'pass'));
    printer.finish();
    const [first = '', second = ''] = out.text.split('\r\x1b[K');
    expect(first.startsWith('[1/3] pass')).toBe(true);
    expect(second.startsWith('[2/3] unexpected')).toBe(true);
    expect(out.text.endsWith('c.ext.none  exit 0 / SHUTDOWN  (0.3 s)\n')).toBe(
      true,
    );
  });
});

describe('formatSummary', () => {
  test('counts and lists problems', () => {
    const text = formatSummary([
      result('a.ext.none', 'pass'),
      result('b.ext.none', 'unexpected'),
      result('c.ext.none', 'flaky'),
    ]);
    expect(text).toContain('pass                 1');
    expect(text).toContain('unexpected           1');
    expect(text).toContain('total                3');
    expect(text).toContain('  b.ext.none: unexpected detail');
    expect(text).toContain('    command: crosvm run b.ext.none.elf');
    expect(text).not.toContain('  a.ext.none:');
  });
});

describe('expectationsFromRun', () => {
  const scenario = (
    id: string,
    intent: string,
    divergenceNote?: string,
  ): Scenario => ({
    id,
    fixture: id.split('.')[0] ?? '',
    variant: 'ext',
    hostAction: 'none',
    timeoutMs: 1000,
    intent,
    ...(divergenceNote !== undefined ? { divergenceNote } : {}),
  });
  const target = { era: '2025-08-14', profile: 'avf-2022-02-03' };

  test('divergence only where reason differs', () => {
    const file = expectationsFromRun(
      [
        result('a.ext.none', 'pass', 0, 'SHUTDOWN'),
        result('b.ext.none', 'pass', 0, 'SHUTDOWN'),
      ],
      [
        scenario('a.ext.none', 'SHUTDOWN', 'unused'),
        scenario('b.ext.none', 'CRASH', 'b note'),
      ],
      target,
      undefined,
    );
    expect(file.scenarios['a.ext.none']).toEqual({
      exit: 'exit 0',
      reason: 'SHUTDOWN',
    });
    expect(file.scenarios['b.ext.none']?.divergence).toBe('b note');
  });

  test('reviewed text kept, TODO otherwise', () => {
    const previous = {
      target,
      scenarios: {
        'a.ext.none': {
          exit: 'exit 0',
          reason: 'SHUTDOWN',
          divergence: 'reviewed',
        },
      },
    };
    const file = expectationsFromRun(
      [result('a.ext.none', 'pass'), result('b.ext.none', 'pass')],
      [
        scenario('a.ext.none', 'REBOOT', 'matrix note'),
        scenario('b.ext.none', 'REBOOT'),
      ],
      target,
      previous,
    );
    expect(file.scenarios['a.ext.none']?.divergence).toBe('reviewed');
    expect(file.scenarios['b.ext.none']?.divergence).toMatch(/^TODO: /);
  });

  test('partial run keeps the other entries', () => {
    const previous = {
      target,
      scenarios: {
        'a.ext.none': { exit: 'exit 0', reason: 'SHUTDOWN' },
        'b.ext.none': { exit: 'exit 32', reason: 'REBOOT' },
      },
    };
    const file = expectationsFromRun(
      [result('a.ext.none', 'pass', 33, 'CRASH')],
      [scenario('a.ext.none', 'CRASH')],
      target,
      previous,
      true,
    );
    expect(file.scenarios['a.ext.none']?.reason).toBe('CRASH');
    expect(file.scenarios['b.ext.none']).toEqual({
      exit: 'exit 32',
      reason: 'REBOOT',
    });
  });

  test('full run drops scenarios that no longer exist', () => {
    const previous = {
      target,
      scenarios: { 'gone.ext.none': { exit: 'exit 0', reason: 'SHUTDOWN' } },
    };
    const file = expectationsFromRun(
      [result('a.ext.none', 'pass')],
      [scenario('a.ext.none', 'SHUTDOWN')],
      target,
      previous,
    );
    expect(file.scenarios['gone.ext.none']).toBeUndefined();
  });
});
