/**
 * A token cursor for the engine's own DDL parsing (databases, schemas, options the transpiler does
 * not know). Built on the splitter's lexer, so strings, quoted names and comments are never misread.
 */
import { sfErrors } from "./errors.js";
import type { NamePart } from "./identifiers.js";
import { type Token, tokenize } from "./split/index.js";

export class Cursor {
  readonly tokens: Token[];
  pos = 0;

  constructor(readonly sql: string) {
    this.tokens = tokenize(sql).filter(
      (t) => t.kind !== "line-comment" && t.kind !== "block-comment" && t.kind !== "semicolon",
    );
  }

  get done(): boolean {
    return this.pos >= this.tokens.length;
  }

  peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }

  text(t: Token | undefined = this.peek()): string {
    return t === undefined ? "" : this.sql.slice(t.start, t.end);
  }

  /** True (and consumes) when the next tokens are these keywords. */
  accept(...words: string[]): boolean {
    for (let i = 0; i < words.length; i++) {
      const t = this.peek(i);
      if (t === undefined || t.kind !== "word" || t.upper !== words[i]) return false;
    }
    this.pos += words.length;
    return true;
  }

  /** True (and consumes) when the next token is this punctuation. */
  acceptPunct(ch: string): boolean {
    const t = this.peek();
    if (t !== undefined && t.kind === "punct" && this.text(t) === ch) {
      this.pos++;
      return true;
    }
    return false;
  }

  expect(...words: string[]): void {
    if (!this.accept(...words)) this.fail();
  }

  /** Throws Snowflake's syntax error at the current token. */
  fail(): never {
    const t = this.peek();
    const at = t?.start ?? this.sql.length;
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < at; i++) {
      if (this.sql[i] === "\n") {
        line++;
        lineStart = i + 1;
      }
    }
    throw sfErrors.syntax(line, at - lineStart, this.text(t));
  }

  /** One identifier part: a word (upper-cased) or a quoted identifier (verbatim). */
  namePart(): NamePart {
    const t = this.peek();
    if (t?.kind === "word") {
      this.pos++;
      return { name: this.text(t).toUpperCase(), quoted: false };
    }
    if (t?.kind === "quoted-identifier") {
      this.pos++;
      return { name: this.text(t).slice(1, -1).replaceAll('""', '"'), quoted: true };
    }
    this.fail();
  }

  /** A dotted name: `a`, `a.b`, `"x".b.c`. */
  qualifiedName(): NamePart[] {
    const parts = [this.namePart()];
    while (this.acceptPunct(".")) parts.push(this.namePart());
    return parts;
  }

  /** A string literal's value. */
  string(): string {
    const t = this.peek();
    if (t?.kind !== "string" && t?.kind !== "dollar-body") this.fail();
    this.pos++;
    const raw = this.text(t);
    if (t.kind === "dollar-body") return raw.slice(2, -2);
    return unquoteString(raw);
  }

  /**
   * The raw text of the next token, consumed; a number whole (`10`, `1.5`, `-3`), which the lexer
   * gives one character at a time.
   */
  take(): string {
    const t = this.peek();
    if (t === undefined) this.fail();
    this.pos++;
    if (t.kind !== "punct" || !/^[-+.\d]$/.test(this.text(t))) return this.text(t);
    let end = t.end;
    for (let next = this.peek(); next?.kind === "punct" && next.start === end; next = this.peek()) {
      if (!/^[.\d]$/.test(this.text(next))) break;
      end = next.end;
      this.pos++;
    }
    return this.sql.slice(t.start, end);
  }

  /** The source text from token index `from` to the current position. */
  sliceFrom(from: number): string {
    const a = this.tokens[from];
    const b = this.tokens[this.pos - 1];
    if (a === undefined || b === undefined || this.pos <= from) return "";
    return this.sql.slice(a.start, b.end);
  }

  /** Skips a balanced parenthesised group starting at the current `(`; returns its inner text. */
  group(): string {
    const open = this.peek();
    if (!this.acceptPunct("(")) this.fail();
    let depth = 1;
    while (!this.done) {
      const t = this.peek() as Token;
      const ch = t.kind === "punct" ? this.text(t) : "";
      this.pos++;
      if (ch === "(") depth++;
      else if (ch === ")" && --depth === 0) return this.sql.slice((open as Token).end, t.start);
    }
    this.fail();
  }

  /** The rest of the statement as text. */
  rest(): string {
    const t = this.peek();
    if (t === undefined) return "";
    this.pos = this.tokens.length;
    return this.sql.slice(t.start).trim();
  }
}

/** The value of a Snowflake single-quoted string literal (with `''` and backslash escapes). */
export function unquoteString(raw: string): string {
  const inner = raw.slice(1, -1);
  let out = "";
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i] as string;
    if (ch === "'" && inner[i + 1] === "'") {
      out += "'";
      i++;
    } else if (ch === "\\" && i + 1 < inner.length) {
      const next = inner[++i] as string;
      out += next === "n" ? "\n" : next === "t" ? "\t" : next === "r" ? "\r" : next === "0" ? "\0" : next;
    } else out += ch;
  }
  return out;
}
