/**
 * Qualified UDF calls, spelled as DuckDB calls them. A SQL UDF is a DuckDB macro in the DuckDB
 * schema of its Snowflake database and schema (handlers/schema-objects.ts). The transpiler cannot
 * parse `db.sch.f(x)`, and `sch.f(x)` would reach DuckDB as a method call on a column named `sch`.
 * So before parsing, each call whose 2- or 3-part name the catalog resolves to a UDF gets a one-part
 * placeholder name that carries both the UDF and the name as written (hex, so it is a plain
 * identifier); the result column is named from the written text, and the DuckDB text gets the
 * macro's own two-part name. Unqualified calls are left alone: the session's search path finds them.
 */
import { SnowflakeError } from "./errors.js";
import { findFunctionCalls, type UdfLookup } from "./functions/check.js";
import { duckSchemaName, encodeName, quoteDuck } from "./identifiers.js";
import { tokenize } from "./split/index.js";

const PREFIX = "MERC_QUDF_";
const PLACEHOLDER = /"?MERC_QUDF_((?:[0-9A-F]{2})+)"?/gi;

interface Carried {
  database: string;
  schema: string;
  name: string;
  table?: boolean;
  written: string;
}

const encode = (carried: Carried) =>
  PREFIX + Buffer.from(JSON.stringify(carried)).toString("hex").toUpperCase();
const decode = (hex: string) => JSON.parse(Buffer.from(hex, "hex").toString("utf8")) as Carried;

/** Whether a statement may hold a qualified call at all (a cheap test before tokenizing). */
const MAY_QUALIFY = /[\w"]\s*\.\s*"?[\w$]+"?\s*\(/;

/**
 * A name of the placeholders' form written by a user would be rewritten into whatever macro it
 * carries (another database's UDF, past its USAGE check), so the statement is refused.
 */
function refuseWrittenPlaceholders(sql: string): void {
  if (!/merc_qudf_/i.test(sql)) return;
  const written = tokenize(sql).find(
    (t) =>
      (t.kind === "word" || t.kind === "quoted-identifier") && /merc_qudf_/i.test(sql.slice(t.start, t.end)),
  );
  if (written)
    throw new SnowflakeError(
      "002043",
      "02000",
      `SQL compilation error:\nNames starting with ${PREFIX} are reserved by the local engine; rename ${sql.slice(written.start, written.end)}.`,
    );
}

/** The statement with each qualified UDF call's name replaced by a placeholder. */
export function placeholdUdfCalls(sql: string, isUdf: UdfLookup = () => undefined): string {
  refuseWrittenPlaceholders(sql);
  if (!MAY_QUALIFY.test(sql)) return sql;
  let out = sql;
  // From the end, so that earlier offsets stay valid.
  for (const call of [...findFunctionCalls(sql)].reverse()) {
    if (call.parts.length < 2 || call.parts.length > 3) continue;
    const udf = isUdf(call.parts);
    if (udf === undefined) continue;
    const written = sql.slice(call.offset, call.end);
    out = out.slice(0, call.offset) + encode({ ...udf, written }) + out.slice(call.end);
  }
  return out;
}

/** A text with its placeholders back as written (for result column names). */
export function revealUdfCalls(text: string): string {
  return /merc_qudf_/i.test(text) ? text.replace(PLACEHOLDER, (_, hex: string) => decode(hex).written) : text;
}

/** DuckDB text with each placeholder replaced by its macro's DuckDB name. */
export function udfMacroNames(duckSql: string): string {
  if (!/merc_qudf_/i.test(duckSql)) return duckSql;
  return duckSql.replace(PLACEHOLDER, (_, hex: string) => {
    const udf = decode(hex);
    return `${quoteDuck(duckSchemaName(udf.database, udf.schema))}.${quoteDuck(encodeName(udf.name))}`;
  });
}
