import { describe, expect, test } from 'vitest';
import { AidlSyntaxError, parseAidlEnum } from '../../harness/avf/aidl.js';

const parse = (text: string) => parseAidlEnum(text, 'x/DeathReason.aidl');

describe('parseAidlEnum', () => {
  test('reads package, names, values and docs', () => {
    const parsed = parse(`
      // header comment
      package android.system.virtualizationcommon;
      import android.something.Else;
      /**
       * The reason why a VM died.
       */
      @VintfStability
      @Backing(type="int")
      enum DeathReason {
          /** There was an error
           *  waiting for the VM. */
          INFRASTRUCTURE_ERROR = 0,
          KILLED = 1,
          // 9 and 10 are no longer used.
          /* not a doc comment */
          HANGUP = 16,
      }`);
    expect(parsed.packageName).toBe('android.system.virtualizationcommon');
    expect(parsed.path).toBe('x/DeathReason.aidl');
    expect(parsed.enumerators).toEqual([
      {
        name: 'INFRASTRUCTURE_ERROR',
        value: 0,
        doc: 'There was an error waiting for the VM.',
        path: 'x/DeathReason.aidl',
        line: 13,
      },
      { name: 'KILLED', value: 1, path: 'x/DeathReason.aidl', line: 14 },
      { name: 'HANGUP', value: 16, path: 'x/DeathReason.aidl', line: 17 },
    ]);
  });

  test('implicit, hex and negative values', () => {
    const parsed = parse(
      'package p; enum DeathReason { A, B, C = 0x10, D, E = -1, F }',
    );
    expect(parsed.enumerators.map((e) => [e.name, e.value])).toEqual([
      ['A', 0],
      ['B', 1],
      ['C', 16],
      ['D', 17],
      ['E', -1],
      ['F', 0],
    ]);
  });

  test('skips other enums', () => {
    const parsed = parse(
      'package p; enum Other { X = 5 } enum DeathReason { Y = 7 }',
    );
    expect(parsed.enumerators.map((e) => e.name)).toEqual(['Y']);
  });

  test('no trailing comma', () => {
    expect(
      parse('package p; enum DeathReason { A = 1 }').enumerators,
    ).toHaveLength(1);
  });

  test.each([
    [
      'package p;\nenum DeathReason {\n  A = ,\n}',
      3,
      'expected an integer value but found ","',
    ],
    [
      'package p;\nenum DeathReason {\n  A = 1\n  B = 2\n}',
      4,
      'expected "," or "}" after A but found "B"',
    ],
    ['package p;\n/** open\n', 2, 'comment is not closed'],
    ['package p;\nenum Other { A }\n', 2, 'no "enum DeathReason" declaration'],
    ['package p;\nenum DeathReason { A = 1, #', 2, 'unexpected character "#"'],
    ['package p;\nenum DeathReason { A = 1,', 2, 'unexpected end of file'],
    [
      'package p;\nenum DeathReason { 7 }',
      2,
      'expected an enumerator name but found "7"',
    ],
  ])('rejects %j', (text, line, detail) => {
    let error: unknown;
    try {
      parse(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AidlSyntaxError);
    expect((error as AidlSyntaxError).line).toBe(line);
    expect((error as AidlSyntaxError).message).toBe(
      `AIDL syntax error at line ${line}: ${detail}`,
    );
  });
});
