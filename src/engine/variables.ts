/**
 * Session variables (`SET x = …`, `$x`) and `IDENTIFIER(…)`: substituted into the statement text
 * before parsing, skipping string literals, quoted identifiers, comments and `$$` bodies.
 */
import { SnowflakeError, sfErrors } from "./errors.js";
import { selectItems } from "./select-items.js";

/** A session variable's value with the SQL literal that reproduces it. */
export interface VariableValue {
  /** Display text of the value (null for SQL NULL). */
  text: string | null;
  /** A Snowflake SQL literal for the value, e.g. `'abc'`, `42`, `NULL`. */
  literal: string;
  /** The value's type as SHOW VARIABLES prints it (`fixed`, `text`, …), when SET knew it. */
  type?: string;
  /** When SET first made the variable and last changed it, epoch milliseconds (SHOW VARIABLES). */
  createdOn?: number;
  updatedOn?: number;
}

/** Returns the end index (exclusive) of the quoted run that starts at `start`. */
function skipQuoted(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    const ch = sql[i];
    if (quote === "'" && ch === "\\") {
      i += 2;
      continue;
    }
    if (ch === quote) {
      if (sql[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return sql.length;
}

/** Index just after a comment or `$$` body starting at i, or -1 when none starts there. */
function skipNonCode(sql: string, i: number): number {
  const two = sql.slice(i, i + 2);
  if (two === "--" || two === "//") {
    const end = sql.indexOf("\n", i);
    return end < 0 ? sql.length : end;
  }
  if (two === "/*") {
    const end = sql.indexOf("*/", i + 2);
    return end < 0 ? sql.length : end + 2;
  }
  if (two === "$$") {
    const end = sql.indexOf("$$", i + 2);
    return end < 0 ? sql.length : end + 2;
  }
  return -1;
}

/** Renders a string as a Snowflake string literal. */
export function stringLiteral(value: string): string {
  return `'${value.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
}

/** Whether the text has anything `substitute` would change (a fast path for the common case). */
export function needsSubstitution(sql: string): boolean {
  return sql.includes("$") || /identifier\s*\(|getvariable|session_context/i.test(sql);
}

/** A VARCHAR literal (GETVARIABLE returns VARCHAR whatever the variable holds). */
function quoteText(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A variable reference in a select item: `$name`, `GETVARIABLE('n')`, `SESSION_CONTEXT('n')`. */
const VARIABLE_REFERENCE = /(^|[^A-Za-z0-9_$])\$[A-Za-z_]|\b(getvariable|session_context)\s*\(/i;
/** The end of an aliased item: `… AS name` or `expr name` (but not `CASE … END`). */
const ALIAS_AT_END = /(\S)\s+(AS\s+)?("(?:[^"]|"")*"|[A-Za-z_][A-Za-z0-9_$]*)\s*$/i;

/** Whether a select item already names its column. */
/** Whether a select item's text ends in an alias (`x AS y`, `x y`). */
export function hasAlias(item: string): boolean {
  const m = ALIAS_AT_END.exec(item);
  if (!m) return false;
  if (m[2]) return true;
  if ((m[3] as string).toUpperCase() === "END") return false;
  return /[A-Za-z0-9_)"'\]]/.test(m[1] as string);
}

/**
 * Snowflake names an unaliased column after the text the user wrote (`$X`, `GETVARIABLE('X')`),
 * not the value substituted for it: such items of the outermost SELECT get that name as an
 * alias before substitution.
 */
export function nameVariableColumns(sql: string): string {
  if (!needsSubstitution(sql) || sql.includes("$$") || !/^\s*(SELECT|WITH)\b/i.test(sql)) return sql;
  const items = selectItems(sql);
  if (!items) return sql;
  let out = sql;
  for (const item of [...items].reverse()) {
    if (!VARIABLE_REFERENCE.test(item.text) || hasAlias(item.text) || item.text.includes("'\"")) continue;
    const name = item.text.replace(/\s+/g, " ").toUpperCase().replaceAll('"', '""');
    out = `${out.slice(0, item.end)} AS "${name}"${out.slice(item.end)}`;
  }
  return out;
}

/**
 * Replaces `$name` with the variable's literal and `IDENTIFIER('x')` / `IDENTIFIER($v)` with the
 * identifier text. Throws Snowflake's error for an unset variable.
 */
export function substitute(sql: string, variables: ReadonlyMap<string, VariableValue>): string {
  if (!needsSubstitution(sql)) return sql;
  let out = "";
  let i = 0;
  const lookup = (name: string): VariableValue => {
    const value = variables.get(name.toUpperCase());
    if (value === undefined) throw sfErrors.variableNotSet(name.toUpperCase());
    return value;
  };
  while (i < sql.length) {
    const ch = sql[i] as string;
    const skipped = skipNonCode(sql, i);
    if (skipped >= 0) {
      out += sql.slice(i, skipped);
      i = skipped;
      continue;
    }
    if (ch === "'" || ch === '"') {
      const end = skipQuoted(sql, i, ch);
      out += sql.slice(i, end);
      i = end;
      continue;
    }
    const prev = i > 0 ? (sql[i - 1] as string) : " ";
    if (!/[A-Za-z0-9_$]/.test(prev) && /^identifier\s*\(/i.test(sql.slice(i, i + 40))) {
      const open = sql.indexOf("(", i);
      const close = sql.indexOf(")", open);
      if (close < 0) {
        out += ch;
        i++;
        continue;
      }
      const arg = sql.slice(open + 1, close).trim();
      let name: string;
      if (arg.startsWith("$")) {
        const value = lookup(arg.slice(1));
        if (value.text === null) throw sfErrors.compilation("invalid value [NULL] for IDENTIFIER");
        name = value.text;
      } else if (arg.startsWith("'") && arg.endsWith("'") && arg.length >= 2) {
        name = arg.slice(1, -1).replaceAll("''", "'");
      } else if (arg.startsWith(":") || arg === "?") {
        out += sql.slice(i, close + 1);
        i = close + 1;
        continue;
      } else {
        throw new SnowflakeError(
          "002029",
          "42601",
          `SQL compilation error:\ninvalid argument for IDENTIFIER: ${arg}`,
        );
      }
      out += name;
      i = close + 1;
      continue;
    }
    // GETVARIABLE('NAME') / SESSION_CONTEXT('NAME'): the value, or NULL; names are matched exactly.
    const call = /^(getvariable|session_context)\s*\(\s*'((?:[^']|'')*)'\s*\)/i.exec(sql.slice(i));
    if (call && !/[A-Za-z0-9_$.]/.test(prev)) {
      const value = variables.get((call[2] as string).replaceAll("''", "'"));
      out += value === undefined || value.text === null ? "CAST(NULL AS VARCHAR)" : quoteText(value.text);
      i += call[0].length;
      continue;
    }
    if (ch === "$" && /[A-Za-z_]/.test(sql[i + 1] ?? "") && !/[A-Za-z0-9_]/.test(prev)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i + 1));
      const name = (m as RegExpExecArray)[0];
      // An interval constant takes a string literal only: Snowflake's parser refuses `INTERVAL $v`.
      if (/(^|[^A-Za-z0-9_$])INTERVAL\s*$/i.test(out)) {
        const before = sql.slice(0, i).split("\n");
        throw sfErrors.syntax(before.length, (before[before.length - 1] as string).length, `$${name}`);
      }
      out += lookup(name).literal;
      i += 1 + name.length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}
