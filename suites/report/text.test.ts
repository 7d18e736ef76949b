import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  compareCodeUnits,
  escapeHtml,
  formatCommandLine,
  oneLine,
  tailExcerpt,
  visibleText,
} from '../../harness/report/text.js';

/** Characters XML 1.0 allows (production Char of the XML 1.0 specification). */
const XML_CHAR = /^[\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u;

describe('visibleText', () => {
  test.for([
    ['\u0000', '\u2400'],
    ['\u001b[31m', '\u241b[31m'],
    ['\u007f', '\u2421'],
    ['\u0085', '\\x85'],
    ['\ud800', '\ufffd'],
    ['\ufffe\uffff', '\ufffd\ufffd'],
    ['tab\tlf\ncr\r', 'tab\tlf\ncr\r'],
    ['\u{1f600} é', '\u{1f600} é'],
  ] as const)('maps %j to %j', ([input, output]) => {
    expect(visibleText(input)).toBe(output);
  });

  test('output is always XML 1.0 text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(visibleText(text)).toMatch(XML_CHAR);
      }),
    );
  });
});

describe('tailExcerpt', () => {
  test('keeps short text whole', () => {
    expect(tailExcerpt('a\nb', 10, 100)).toBe('a\nb');
  });

  test('keeps the last lines and says what it dropped', () => {
    const excerpt = tailExcerpt('one\ntwo\nthree\nfour', 2, 100);
    expect(excerpt).toBe('[8 earlier characters omitted]\nthree\nfour');
  });

  test('caps characters after lines', () => {
    const excerpt = tailExcerpt('x'.repeat(50), 10, 20);
    expect(excerpt).toBe(`[30 earlier characters omitted]\n${'x'.repeat(20)}`);
  });
});

describe('formatCommandLine', () => {
  test('leaves plain arguments bare', () => {
    expect(formatCommandLine(['crosvm', 'run', '--mem=512', 'a/b.elf'])).toBe(
      'crosvm run --mem=512 a/b.elf',
    );
  });

  test('quotes spaces, quotes and empty arguments', () => {
    expect(formatCommandLine(['/opt/my vm/crosvm', "it's", ''])).toBe(
      `'/opt/my vm/crosvm' 'it'\\''s' ''`,
    );
  });
});

test('escapeHtml escapes markup characters', () => {
  expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
    '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
  );
});

test('oneLine folds whitespace', () => {
  expect(oneLine('  a\n\n b\tc \u0000 ')).toBe('a b c \u2400');
});

test('compareCodeUnits orders by code unit', () => {
  expect(['b', 'B', 'a', 'a'].sort(compareCodeUnits)).toEqual([
    'B',
    'a',
    'a',
    'b',
  ]);
});
