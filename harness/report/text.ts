/**
 * Text helpers shared by every report format. Guest consoles and crosvm stderr are arbitrary
 * bytes decoded as UTF-8, so they may hold NUL, terminal escape sequences, lone surrogates and
 * `]]>`. Each format first makes such text visible and legal here, then applies its own escaping.
 */

/** Unicode "control pictures" block: U+2400 + n shows the C0 control character n. */
const CONTROL_PICTURES = 0x2400;
/** U+2421 SYMBOL FOR DELETE, the picture for 0x7F. */
const DELETE_PICTURE = 0x2421;

/**
 * Replaces characters that XML 1.0 forbids or that a reader cannot see with visible stand-ins,
 * keeping tab, line feed and carriage return. C0 controls and DEL become their control pictures
 * (ESC shows as U+241B), C1 controls become `\xHH`, and lone surrogates, U+FFFE and U+FFFF become
 * U+FFFD. The result is legal in XML 1.0 and HTML text.
 */
export function visibleText(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code === 0x09 || code === 0x0a || code === 0x0d) {
      out += char;
    } else if (code < 0x20) {
      out += String.fromCodePoint(CONTROL_PICTURES + code);
    } else if (code === 0x7f) {
      out += String.fromCodePoint(DELETE_PICTURE);
    } else if (code >= 0x80 && code <= 0x9f) {
      out += `\\x${code.toString(16)}`;
    } else if (
      (code >= 0xd800 && code <= 0xdfff) ||
      code === 0xfffe ||
      code === 0xffff
    ) {
      out += '\uFFFD';
    } else {
      out += char;
    }
  }
  return out;
}

/** Folds a value onto one line: runs of whitespace, including line breaks, become one space. */
export function oneLine(text: string): string {
  return visibleText(text.replace(/\s+/g, ' ').trim());
}

/** Escapes the five characters that HTML and XML give meaning to in text and attributes. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/**
 * Keeps the last `maxLines` lines and at most `maxChars` characters of `text`, marking a cut
 * with a first line that states how many characters were dropped. The tail is kept because a guest's last
 * lines usually tell why it ended.
 */
export function tailExcerpt(
  text: string,
  maxLines: number,
  maxChars: number,
): string {
  const lines = text.split('\n');
  let excerpt =
    lines.length > maxLines ? lines.slice(-maxLines).join('\n') : text;
  if (excerpt.length > maxChars) excerpt = excerpt.slice(-maxChars);
  const dropped = text.length - excerpt.length;
  return dropped > 0
    ? `[${dropped} earlier characters omitted]\n${excerpt}`
    : excerpt;
}

/**
 * Quotes one argument for display the way a POSIX shell would need it, so a reader can paste the
 * command line. Reports only show it: the launcher never passes argv through a shell.
 */
function quoteArgument(argument: string): string {
  if (argument !== '' && /^[\w@%+=:,./-]+$/.test(argument)) return argument;
  return `'${argument.replaceAll("'", `'\\''`)}'`;
}

/** Formats an argv as one pasteable shell line, for display only. */
export function formatCommandLine(argv: readonly string[]): string {
  return visibleText(argv.map(quoteArgument).join(' '));
}

/** Compares by UTF-16 code units, so report order does not depend on the locale. */
export function compareCodeUnits(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
