import { docCommentText } from './doc-comment.js';
import type { AidlEnum, AidlEnumerator } from './tree-model.js';

/**
 * A small parser for the part of AIDL that `DeathReason.aidl` uses: comments, `package`,
 * `import`, annotations with arguments and one `enum` whose enumerators have integer values
 * (decimal or hex, optionally negative) or none (previous value + 1, as AIDL defines).
 */

export class AidlSyntaxError extends Error {
  override name = 'AidlSyntaxError';
  constructor(
    readonly line: number,
    detail: string,
  ) {
    super(`AIDL syntax error at line ${line}: ${detail}`);
  }
}

interface Token {
  readonly kind: 'word' | 'number' | 'string' | 'punct' | 'doc';
  readonly text: string;
  readonly line: number;
}

const WORD = /[A-Za-z_][A-Za-z0-9_.]*/y;
const NUMBER = /(?:0[xX][0-9a-fA-F]+|[0-9]+)[lL]?/y;
const STRING = /"(?:[^"\\\n]|\\.)*"/y;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let at = 0;
  const match = (pattern: RegExp): string | undefined => {
    pattern.lastIndex = at;
    return pattern.exec(text)?.[0];
  };
  while (at < text.length) {
    const char = text.charAt(at);
    if (char === '\n') {
      line += 1;
      at += 1;
    } else if (/\s/.test(char)) {
      at += 1;
    } else if (text.startsWith('//', at)) {
      const end = text.indexOf('\n', at);
      at = end === -1 ? text.length : end;
    } else if (text.startsWith('/*', at)) {
      const end = text.indexOf('*/', at + 2);
      if (end === -1) {
        throw new AidlSyntaxError(line, 'comment is not closed');
      }
      const body = text.slice(at, end + 2);
      if (body.startsWith('/**') && body !== '/**/') {
        tokens.push({ kind: 'doc', text: docCommentText(body), line });
      }
      line += body.split('\n').length - 1;
      at = end + 2;
    } else {
      const word = match(WORD);
      const number = word === undefined ? match(NUMBER) : undefined;
      const string =
        word === undefined && number === undefined ? match(STRING) : undefined;
      const found = word ?? number ?? string;
      if (found !== undefined) {
        const kind =
          word !== undefined
            ? 'word'
            : number !== undefined
              ? 'number'
              : 'string';
        tokens.push({ kind, text: found, line });
        at += found.length;
      } else if ('{}()=,;@<>[]-'.includes(char)) {
        tokens.push({ kind: 'punct', text: char, line });
        at += 1;
      } else {
        throw new AidlSyntaxError(
          line,
          `unexpected character ${JSON.stringify(char)}`,
        );
      }
    }
  }
  return tokens;
}

/**
 * Parses the enum named `enumName` out of an AIDL file. `path` is only used in the result.
 * Throws `AidlSyntaxError` with the line number when the file does not parse.
 */
export function parseAidlEnum(
  text: string,
  path: string,
  enumName = 'DeathReason',
): AidlEnum {
  const tokens = tokenize(text);
  let index = 0;
  const peek = (): Token | undefined => tokens[index];
  const lastLine = (): number => tokens[tokens.length - 1]?.line ?? 1;
  const next = (): Token => {
    const token = tokens[index];
    if (token === undefined) {
      throw new AidlSyntaxError(lastLine(), 'unexpected end of file');
    }
    index += 1;
    return token;
  };
  const expect = (text: string): Token => {
    const token = next();
    if (token.text !== text) {
      throw new AidlSyntaxError(
        token.line,
        `expected "${text}" but found "${token.text}"`,
      );
    }
    return token;
  };

  let packageName = '';
  while (peek() !== undefined) {
    const token = next();
    if (token.kind === 'word' && token.text === 'package') {
      packageName = next().text;
      expect(';');
    } else if (token.kind === 'word' && token.text === 'enum') {
      const name = next();
      if (name.text !== enumName) {
        continue;
      }
      expect('{');
      return {
        path,
        packageName,
        enumerators: parseEnumBody(next, peek, path),
      };
    }
  }
  throw new AidlSyntaxError(lastLine(), `no "enum ${enumName}" declaration`);
}

function parseEnumBody(
  next: () => Token,
  peek: () => Token | undefined,
  path: string,
): AidlEnumerator[] {
  const enumerators: AidlEnumerator[] = [];
  let doc: string | undefined;
  for (;;) {
    const token = next();
    if (token.kind === 'doc') {
      doc = token.text;
      continue;
    }
    if (token.text === '}') {
      return enumerators;
    }
    if (token.kind !== 'word') {
      throw new AidlSyntaxError(
        token.line,
        `expected an enumerator name but found "${token.text}"`,
      );
    }
    let value = (enumerators[enumerators.length - 1]?.value ?? -1) + 1;
    if (peek()?.text === '=') {
      next();
      value = parseIntegerValue(next);
    }
    enumerators.push({
      name: token.text,
      value,
      path,
      line: token.line,
      ...(doc === undefined ? {} : { doc }),
    });
    doc = undefined;
    const separator = next();
    if (separator.text === '}') {
      return enumerators;
    }
    if (separator.text !== ',') {
      throw new AidlSyntaxError(
        separator.line,
        `expected "," or "}" after ${token.text} but found "${separator.text}"`,
      );
    }
  }
}

function parseIntegerValue(next: () => Token): number {
  let token = next();
  let sign = 1;
  if (token.text === '-') {
    sign = -1;
    token = next();
  }
  if (token.kind !== 'number') {
    throw new AidlSyntaxError(
      token.line,
      `expected an integer value but found "${token.text}"`,
    );
  }
  return sign * Number(token.text.replace(/[lL]$/, ''));
}
