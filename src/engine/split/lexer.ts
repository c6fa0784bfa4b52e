/**
 * A small Snowflake SQL lexer: just enough structure to find statement boundaries.
 * It never fails: an unterminated string, identifier, comment or `$$` body runs to the end of the
 * script and is marked `unterminated`; the splitter turns that mark into a syntax error.
 */

/** What a token is, as far as statement splitting cares. */
export type TokenKind =
  | "word"
  | "string"
  | "quoted-identifier"
  | "dollar-body"
  | "line-comment"
  | "block-comment"
  | "semicolon"
  | "punct";

/** One token: its kind and its half-open character range `[start, end)` in the script. */
export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /** Upper-cased text, for `word` tokens only (keywords are compared case-insensitively). */
  upper?: string;
  /** A string, quoted identifier, block comment or `$$` body that the script never closes. */
  unterminated?: true;
}

/** Letters, `_` and any non-ASCII character start a word (char-code tests: this loop is the hot path). */
function isWordStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code >= 128;
}

/** Word characters also include digits and `$`. */
function isWordPart(code: number): boolean {
  return isWordStart(code) || (code >= 48 && code <= 57) || code === 36;
}

/** Lexer options. */
export interface TokenizeOptions {
  /**
   * Whether `\` escapes a character inside single-quoted strings. True for Snowflake (the default);
   * false for DuckDB SQL, where a backslash is an ordinary character.
   */
  backslashEscapes?: boolean;
}

/** Splits `script` into tokens, whitespace omitted. */
export function tokenize(script: string, options: TokenizeOptions = {}): Token[] {
  const backslashEscapes = options.backslashEscapes ?? true;
  const tokens: Token[] = [];
  const n = script.length;
  let i = 0;
  while (i < n) {
    const c = script[i]!;
    const next = script[i + 1];
    if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f" || c === "\v") {
      i++;
      continue;
    }
    const start = i;
    if ((c === "-" && next === "-") || (c === "/" && next === "/")) {
      i = lineEnd(script, i);
      tokens.push({ kind: "line-comment", start, end: i });
    } else if (c === "/" && next === "*") {
      const close = script.indexOf("*/", i + 2);
      i = close === -1 ? n : close + 2;
      tokens.push(closed({ kind: "block-comment", start, end: i }, close !== -1));
    } else if (c === "'") {
      const end = singleQuotedEnd(script, i, backslashEscapes);
      i = end === -1 ? n : end;
      tokens.push(closed({ kind: "string", start, end: i }, end !== -1));
    } else if (c === '"') {
      const end = doubleQuotedEnd(script, i);
      i = end === -1 ? n : end;
      tokens.push(closed({ kind: "quoted-identifier", start, end: i }, end !== -1));
    } else if (c === "$" && next === "$") {
      const close = script.indexOf("$$", i + 2);
      i = close === -1 ? n : close + 2;
      tokens.push(closed({ kind: "dollar-body", start, end: i }, close !== -1));
    } else if (c === ";") {
      i++;
      tokens.push({ kind: "semicolon", start, end: i });
    } else if (isWordStart(script.charCodeAt(i))) {
      i++;
      // `$` may continue a word (A$B) but `$$` opens a body even straight after a word (AS$$…$$).
      while (i < n && isWordPart(script.charCodeAt(i)) && !(script[i] === "$" && script[i + 1] === "$")) i++;
      tokens.push({ kind: "word", start, end: i, upper: script.slice(start, i).toUpperCase() });
    } else {
      i++;
      tokens.push({ kind: "punct", start, end: i });
    }
  }
  return tokens;
}

/** Marks a token the script never closes. */
function closed(token: Token, isClosed: boolean): Token {
  if (!isClosed) token.unterminated = true;
  return token;
}

function lineEnd(script: string, from: number): number {
  const nl = script.indexOf("\n", from);
  return nl === -1 ? script.length : nl;
}

/**
 * End of a single-quoted string (-1 when it is never closed): `''` and backslash escapes (`\'`,
 * `\\`) stay inside it.
 */
function singleQuotedEnd(script: string, open: number, backslashEscapes: boolean): number {
  let i = open + 1;
  while (i < script.length) {
    const c = script[i];
    if (c === "\\" && backslashEscapes) {
      i += 2;
    } else if (c === "'") {
      if (script[i + 1] === "'") i += 2;
      else return i + 1;
    } else {
      i++;
    }
  }
  return -1;
}

/** End of a double-quoted identifier (-1 when it is never closed): `""` is an escaped quote. */
function doubleQuotedEnd(script: string, open: number): number {
  let i = open + 1;
  while (i < script.length) {
    if (script[i] === '"') {
      if (script[i + 1] === '"') i += 2;
      else return i + 1;
    } else {
      i++;
    }
  }
  return -1;
}

/** True for tokens that carry no meaning (comments). */
export function isComment(token: Token): boolean {
  return token.kind === "line-comment" || token.kind === "block-comment";
}
