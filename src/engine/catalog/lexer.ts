/**
 * A small Snowflake tokenizer and cursor for account statements (CREATE WAREHOUSE, GRANT, SHOW …).
 * Data statements never come here; the catalog only needs names, literals, keywords and the raw
 * text of embedded bodies (task `AS <sql>`, policy `-> <expr>`), so tokens keep their offsets.
 */
import { catalogError } from "./errors.js";

export type TokenKind = "word" | "quoted" | "string" | "number" | "symbol" | "variable";

export interface Token {
  kind: TokenKind;
  /** Words: as written; quoted identifiers: unescaped content; strings: unescaped content. */
  text: string;
  start: number;
  end: number;
}

const SYMBOLS = ["->", "=>", "<=", ">=", "<>", "!=", "::", "||"];

/** Splits one statement into tokens; comments are dropped. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === "-" && sql[i + 1] === "-") {
      while (i < sql.length && sql[i] !== "\n") i++;
      continue;
    }
    if (ch === "/" && sql[i + 1] === "/") {
      while (i < sql.length && sql[i] !== "\n") i++;
      continue;
    }
    if (ch === "/" && sql[i + 1] === "*") {
      const close = sql.indexOf("*/", i + 2);
      i = close < 0 ? sql.length : close + 2;
      continue;
    }
    const start = i;
    if (ch === "'") {
      let text = "";
      i++;
      while (i < sql.length) {
        const c = sql[i]!;
        if (c === "\\" && i + 1 < sql.length) {
          const n = sql[i + 1]!;
          text += n === "n" ? "\n" : n === "t" ? "\t" : n;
          i += 2;
        } else if (c === "'" && sql[i + 1] === "'") {
          text += "'";
          i += 2;
        } else if (c === "'") {
          i++;
          break;
        } else {
          text += c;
          i++;
        }
      }
      tokens.push({ kind: "string", text, start, end: i });
      continue;
    }
    if (ch === "$" && sql[i + 1] === "$") {
      const close = sql.indexOf("$$", i + 2);
      const stop = close < 0 ? sql.length : close;
      tokens.push({ kind: "string", text: sql.slice(i + 2, stop), start, end: close < 0 ? stop : stop + 2 });
      i = close < 0 ? stop : stop + 2;
      continue;
    }
    if (ch === '"') {
      let text = "";
      i++;
      while (i < sql.length) {
        if (sql[i] === '"' && sql[i + 1] === '"') {
          text += '"';
          i += 2;
        } else if (sql[i] === '"') {
          i++;
          break;
        } else {
          text += sql[i];
          i++;
        }
      }
      tokens.push({ kind: "quoted", text, start, end: i });
      continue;
    }
    if (/[0-9]/.test(ch) || (ch === "." && /[0-9]/.test(sql[i + 1] ?? ""))) {
      while (i < sql.length && /[0-9.eE]/.test(sql[i]!)) i++;
      tokens.push({ kind: "number", text: sql.slice(start, i), start, end: i });
      continue;
    }
    if (/[A-Za-z_]/.test(ch)) {
      while (i < sql.length && /[A-Za-z0-9_$]/.test(sql[i]!)) i++;
      tokens.push({ kind: "word", text: sql.slice(start, i), start, end: i });
      continue;
    }
    if (ch === "$" && /[A-Za-z_]/.test(sql[i + 1] ?? "")) {
      i++;
      while (i < sql.length && /[A-Za-z0-9_]/.test(sql[i]!)) i++;
      tokens.push({ kind: "variable", text: sql.slice(start + 1, i), start, end: i });
      continue;
    }
    const two = sql.slice(i, i + 2);
    if (SYMBOLS.includes(two)) {
      tokens.push({ kind: "symbol", text: two, start, end: i + 2 });
      i += 2;
      continue;
    }
    tokens.push({ kind: "symbol", text: ch, start, end: i + 1 });
    i++;
  }
  return tokens;
}

/** Reads tokens one at a time; keyword tests are case-insensitive and never match quoted words. */
export class Cursor {
  readonly tokens: Token[];
  pos = 0;

  constructor(readonly sql: string) {
    this.tokens = tokenize(sql).filter(
      (t, i, all) => !(t.kind === "symbol" && t.text === ";" && i === all.length - 1),
    );
  }

  peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }

  atEnd(): boolean {
    return this.pos >= this.tokens.length;
  }

  /** True when the next tokens are these keywords (does not consume). */
  isKw(...words: string[]): boolean {
    return words.every((w, k) => {
      const t = this.tokens[this.pos + k];
      return t?.kind === "word" && t.text.toUpperCase() === w;
    });
  }

  /** Consumes the keywords when they are next. */
  acceptKw(...words: string[]): boolean {
    if (!this.isKw(...words)) return false;
    this.pos += words.length;
    return true;
  }

  expectKw(...words: string[]): void {
    if (!this.acceptKw(...words)) this.fail(`'${words.join(" ")}'`);
  }

  isSymbol(s: string): boolean {
    const t = this.peek();
    return t?.kind === "symbol" && t.text === s;
  }

  acceptSymbol(s: string): boolean {
    if (!this.isSymbol(s)) return false;
    this.pos++;
    return true;
  }

  expectSymbol(s: string): void {
    if (!this.acceptSymbol(s)) this.fail(`'${s}'`);
  }

  next(): Token {
    const t = this.peek();
    if (!t) this.fail("more input");
    this.pos++;
    return t;
  }

  /** An identifier: unquoted words fold to upper case, quoted ones keep their case. */
  ident(what = "identifier"): string {
    const t = this.peek();
    if (t?.kind === "word") {
      this.pos++;
      return t.text.toUpperCase();
    }
    if (t?.kind === "quoted") {
      this.pos++;
      return t.text;
    }
    return this.fail(what);
  }

  /** A dotted name; `IDENTIFIER('a.b')` is accepted too. */
  name(): string[] {
    if (this.isKw("IDENTIFIER") && this.peek(1)?.text === "(") {
      this.pos += 2;
      const s = this.next();
      this.expectSymbol(")");
      return splitName(s.text);
    }
    const parts = [this.ident()];
    while (this.isSymbol(".")) {
      this.pos++;
      parts.push(this.ident());
    }
    return parts;
  }

  string(what = "string literal"): string {
    const t = this.peek();
    if (t?.kind !== "string") return this.fail(what);
    this.pos++;
    return t.text;
  }

  number(what = "number"): number {
    const t = this.peek();
    if (t?.kind !== "number") return this.fail(what);
    this.pos++;
    return Number(t.text);
  }

  /** The source text from the current token to the end of the statement. */
  rest(): string {
    const t = this.peek();
    if (!t) return "";
    const text = this.sql.slice(t.start).trim();
    this.pos = this.tokens.length;
    return text.replace(/;\s*$/, "").trim();
  }

  /** Any value after `=`: string, number, word, `(list)` or NULL. */
  value(): PropertyValue {
    const t = this.peek();
    if (!t) return this.fail("a value");
    if (t.kind === "symbol" && t.text === "(") {
      this.pos++;
      const items: string[] = [];
      while (!this.acceptSymbol(")")) {
        const item = this.next();
        items.push(item.kind === "word" ? item.text.toUpperCase() : item.text);
        this.acceptSymbol(",");
      }
      return { kind: "list", items };
    }
    if (t.kind === "symbol" && t.text === "-" && this.peek(1)?.kind === "number") {
      this.pos += 2;
      return { kind: "number", text: `-${this.tokens[this.pos - 1]!.text}` };
    }
    this.pos++;
    if (t.kind === "string") return { kind: "string", text: t.text };
    if (t.kind === "number") return { kind: "number", text: t.text };
    if (t.kind === "quoted") return { kind: "word", text: t.text, quoted: true };
    if (t.kind === "word") return { kind: "word", text: t.text.toUpperCase() };
    return this.fail("a value", t);
  }

  /** Throws Snowflake's syntax error pointing at the unexpected token. */
  fail(expected: string, at: Token | undefined = this.peek()): never {
    const line = at ? this.sql.slice(0, at.start).split("\n").length : this.sql.split("\n").length;
    const col = at ? at.start - this.sql.lastIndexOf("\n", at.start - 1) - 1 : 0;
    const found = at ? `'${this.sql.slice(at.start, at.end)}'` : "end of input";
    throw catalogError(
      "001003",
      "42000",
      `SQL compilation error:\nsyntax error line ${line} at position ${col} unexpected ${found}. (expected ${expected})`,
    );
  }
}

export type PropertyValue =
  | { kind: "string"; text: string }
  | { kind: "number"; text: string }
  | { kind: "word"; text: string; quoted?: boolean }
  | { kind: "list"; items: string[] };

/** Splits `a."b c".d` the way Snowflake resolves a name given as a string. */
export function splitName(text: string): string[] {
  const parts: string[] = [];
  let i = 0;
  while (i <= text.length) {
    if (text[i] === '"') {
      let part = "";
      i++;
      while (i < text.length) {
        if (text[i] === '"' && text[i + 1] === '"') {
          part += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else part += text[i++];
      }
      parts.push(part);
    } else {
      let end = text.indexOf(".", i);
      if (end < 0) end = text.length;
      parts.push(text.slice(i, end).trim().toUpperCase());
      i = end;
    }
    if (text[i] === ".") i++;
    else break;
  }
  return parts;
}
