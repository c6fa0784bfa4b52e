/**
 * BINARY_INPUT_FORMAT for INSERT: Snowflake reads a string going into a BINARY column as hex (the
 * default format), so `INSERT … SELECT HEX_ENCODE('Hi')` stores the bytes 48 69. DuckDB's own cast
 * would store the characters. An INSERT whose target has BINARY columns is rewritten so that its
 * rows pass through a projection decoding strings for those columns (MERC_BINARY_INPUT); BINARY
 * values pass unchanged.
 */
import { type Token, tokenize } from "./split/index.js";

const BINARY = /^(BINARY|VARBINARY)\b/i;

/**
 * DuckDB `INSERT INTO <target> [(<columns>)] <query>` with each BINARY column of the target decoded,
 * or the statement unchanged. `columns` lists the target's columns (Snowflake names, in order) and
 * `typeOf` gives a column's declared type.
 */
export function decodeBinaryInserts(
  duckSql: string,
  columns: readonly string[],
  typeOf: (column: string) => string | undefined,
): string {
  if (!columns.some((c) => BINARY.test(typeOf(c) ?? ""))) return duckSql;
  const tokens = tokenize(duckSql, { backslashEscapes: false }).filter(
    (t) => t.kind !== "line-comment" && t.kind !== "block-comment" && t.kind !== "semicolon",
  );
  const ch = (t: Token | undefined): string => (t && t.kind === "punct" ? (duckSql[t.start] as string) : "");
  if (tokens[0]?.upper !== "INSERT" || tokens[1]?.upper !== "INTO") return duckSql;
  // The target: a (qualified) name up to the column list or the query.
  let k = 2;
  while (k < tokens.length && (tokens[k]!.kind !== "punct" || ch(tokens[k]) === ".")) {
    if (["SELECT", "VALUES", "WITH", "BY", "DEFAULT"].includes(tokens[k]!.upper ?? "")) break;
    k++;
  }
  const target = duckSql.slice(tokens[2]!.start, tokens[k - 1]!.end);
  let listed: string[] = [...columns];
  if (ch(tokens[k]) === "(" && !["SELECT", "WITH", "VALUES"].includes(tokens[k + 1]?.upper ?? "")) {
    let close = k + 1;
    while (close < tokens.length && ch(tokens[close]) !== ")") close++;
    listed = duckSql
      .slice(tokens[k + 1]!.start, tokens[close - 1]!.end)
      .split(",")
      .map((c) => c.trim().replace(/^"|"$/g, "").replaceAll('""', '"'));
    k = close + 1;
  }
  const rest = tokens[k];
  if (!rest || (!["SELECT", "VALUES", "WITH"].includes(rest.upper ?? "") && ch(rest) !== "(")) return duckSql;
  if (tokens.some((t) => t.upper === "RETURNING")) return duckSql;
  const source = duckSql.slice(rest.start);
  const quoted = listed.map((c) => `"${c.replaceAll('"', '""')}"`);
  const projection = listed.map((c, i) =>
    BINARY.test(typeOf(c) ?? "") ? `MERC_BINARY_INPUT(${quoted[i]})` : quoted[i]!,
  );
  return `INSERT INTO ${target} (${quoted.join(", ")}) SELECT ${projection.join(", ")} FROM (${source}) AS merc_insert(${quoted.join(", ")})`;
}
