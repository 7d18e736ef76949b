import type { GoldenProfile } from './golden.js';

/** Characters with the Unicode White_Space property (U+FEFF is not one). */
const WHITE_SPACE = new Set([
  '\t',
  '\n',
  '\v',
  '\f',
  '\r',
  ' ',
  '\u0085',
  '\u00a0',
  '\u1680',
  '\u2000',
  '\u2001',
  '\u2002',
  '\u2003',
  '\u2004',
  '\u2005',
  '\u2006',
  '\u2007',
  '\u2008',
  '\u2009',
  '\u200a',
  '\u2028',
  '\u2029',
  '\u202f',
  '\u205f',
  '\u3000',
]);

function trimWhiteSpace(text: string): string {
  const chars = Array.from(text); // code points: every White_Space character is one
  let start = 0;
  let end = chars.length;
  while (start < end && WHITE_SPACE.has(chars[start] ?? '')) start += 1;
  while (end > start && WHITE_SPACE.has(chars[end - 1] ?? '')) end -= 1;
  return chars.slice(start, end).join('');
}

function cutAtBytes(text: string, cap: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= cap) return text;
  const cut = bytes.subarray(0, cap);
  const decoded = cut.toString('utf8');
  return Buffer.from(decoded, 'utf8').equals(cut) ? decoded : '';
}

/**
 * Computes the expected failure-token match from the golden facts alone. The steps: cut at the
 * byte cap (a cut inside a UTF-8 sequence leaves an empty string), trim Unicode White_Space as
 * Rust's `str::trim` does, substitute HANGUP, keep the text before the first `|`, and compare
 * exactly.
 */
export function expectedToken(
  golden: GoldenProfile,
  failure: string | undefined,
  hangupDetected: boolean,
): string | undefined {
  if (!golden.readsFailure) return undefined;
  let text = failure ?? '';
  if (golden.capBytes !== null) text = cutAtBytes(text, golden.capBytes);
  if (golden.trims) text = trimWhiteSpace(text);
  if (hangupDetected && golden.hangup === 'always') text = 'HANGUP';
  if (hangupDetected && golden.hangup === 'when-empty' && text === '')
    text = 'HANGUP';
  if (golden.splitsAtPipe) text = text.split('|')[0] ?? '';
  return golden.tokens.includes(text) ? text : undefined;
}
