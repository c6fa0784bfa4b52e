/**
 * Bind values (`?`, `:1`, `:name`) become Snowflake literals in the statement text before parsing,
 * so every later step sees one plain statement. Placeholders inside strings, quoted names and
 * comments are left alone; `a:b` paths are not binds (a bind follows an operator, `(` or `,`).
 */
import { SnowflakeError } from "./errors.js";
import { tokenize } from "./split/index.js";
import type { BindValue } from "./types.js";
import { stringLiteral } from "./variables.js";

function literal(bind: BindValue, index: string): string {
  const value = bind.value;
  if (Array.isArray(value)) {
    throw new SnowflakeError(
      "002049",
      "22000",
      `SQL compilation error:\nArray bind ${index} is not supported here.`,
    );
  }
  if (value === null) return "NULL";
  switch (bind.type) {
    case "FIXED":
    case "REAL":
      if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value.trim()))
        return `${stringLiteral(value)}::NUMBER`;
      return value.trim();
    case "BOOLEAN":
      return /^(true|1|yes|on|t|y)$/i.test(value.trim()) ? "TRUE" : "FALSE";
    case "DATE":
      return /^-?\d+$/.test(value)
        ? `TO_DATE(${stringLiteral(new Date(Number(value)).toISOString().slice(0, 10))})`
        : `TO_DATE(${stringLiteral(value)})`;
    case "TIMESTAMP_NTZ":
    case "TIMESTAMP_LTZ":
    case "TIMESTAMP_TZ":
      return `${stringLiteral(value)}::${bind.type}`;
    case "TIME":
      return `${stringLiteral(value)}::TIME`;
    case "VARIANT":
      return `PARSE_JSON(${stringLiteral(value)})`;
    case "BINARY":
      return `TO_BINARY(${stringLiteral(value)}, 'HEX')`;
    default:
      return stringLiteral(value);
  }
}

/** Replaces placeholders with literals of the bound values. */
export function applyBinds(sql: string, binds: BindValue[] | Record<string, BindValue>): string {
  const tokens = tokenize(sql).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
  const positional = Array.isArray(binds);
  let next = 0;
  let out = "";
  let at = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as (typeof tokens)[number];
    if (t.kind !== "punct") continue;
    const ch = sql[t.start];
    let bind: BindValue | undefined;
    let end = t.end;
    let label = "";
    if (ch === "?") {
      label = String(next + 1);
      bind = positional ? (binds as BindValue[])[next] : (binds as Record<string, BindValue>)[label];
      next++;
    } else if (ch === ":") {
      const prev = tokens[i - 1];
      const prevText = prev === undefined ? "" : sql.slice(prev.start, prev.end);
      const afterOperator =
        prev === undefined ||
        (prev.kind === "punct" && prevText !== ")" && prevText !== "]") ||
        [
          "AND",
          "OR",
          "NOT",
          "IN",
          "VALUES",
          "SELECT",
          "WHERE",
          "THEN",
          "ELSE",
          "WHEN",
          "LIKE",
          "IS",
          "BY",
          "LIMIT",
          "SET",
        ].includes(prev.upper ?? "");
      if (!afterOperator || sql[t.start + 1] === ":") continue;
      const m = /^:([0-9]+|[A-Za-z_][A-Za-z0-9_]*)/.exec(sql.slice(t.start));
      if (!m) continue;
      label = m[1] as string;
      end = t.start + m[0].length;
      if (/^\d+$/.test(label)) {
        bind = positional
          ? (binds as BindValue[])[Number(label) - 1]
          : (binds as Record<string, BindValue>)[label];
      } else if (!positional) {
        bind =
          (binds as Record<string, BindValue>)[label] ??
          (binds as Record<string, BindValue>)[label.toUpperCase()];
      } else continue;
      // Skip the tokens that made up the placeholder.
      while (i + 1 < tokens.length && (tokens[i + 1] as (typeof tokens)[number]).end <= end) i++;
    } else continue;
    if (bind === undefined) {
      throw new SnowflakeError(
        "002049",
        "22000",
        `SQL compilation error: Bind variable ${ch === "?" ? "?" : `:${label}`} not set.`,
      );
    }
    out += sql.slice(at, t.start) + literal(bind, label);
    at = end;
  }
  return out + sql.slice(at);
}
