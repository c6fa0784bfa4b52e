/**
 * DESC[RIBE] FUNCTION / PROCEDURE name([arg_type, …]): property / value rows as the DESCRIBE FUNCTION
 * and DESCRIBE PROCEDURE pages print them (szeno/snowflake-docs b5c216b). A function: signature,
 * returns, language, body. A procedure adds null handling, volatility and execute as (before body).
 */
import type { CatalogContext, CatalogEnv } from "../context.js";
import type { RoutineEntry } from "../directory.js";
import { notFound } from "../errors.js";
import type { Cursor } from "../lexer.js";
import { displayName } from "../names.js";
import { resolveName } from "../objects.js";
import { ownerOf, seesObject, sessionRoles } from "../privileges.js";
import { type CatalogResult, columns } from "../results.js";
import { parseSnowflakeType } from "../../types-map.js";
import { splitTopLevel } from "./routines.js";

/**
 * The type family Snowflake matches overloads by (NUMBER and INT are one signature): the canonical
 * type without its size, from the engine's one type map.
 */
function family(type: string): string {
  const canonical = parseSnowflakeType(type)?.sqlType ?? type;
  return canonical.replace(/\(.*$/s, "").trim().replace(/\s+/g, " ").toUpperCase();
}

/** `a NUMBER` -> name `a`, type `NUMBER`. */
function declaration(text: string): { name: string; type: string } {
  const m = /^("(?:[^"]|"")*"|\S+)\s+(.*?)(?:\s+DEFAULT\s+.*)?$/is.exec(text.trim());
  return { name: m?.[1] ?? "", type: (m?.[2] ?? "").trim() };
}

/** A type as DESCRIBE prints it: NUMBER(38,0), FLOAT, VARCHAR (no default length). */
function printed(type: string): string {
  const sqlType = parseSnowflakeType(type)?.sqlType ?? type.toUpperCase();
  return sqlType.replace(/^VARCHAR\(16777216\)$/, "VARCHAR").replace(/^BINARY\(8388608\)$/, "BINARY");
}

function readArgumentTypes(c: Cursor): string[] {
  c.expectSymbol("(");
  const types: string[] = [];
  let current = "";
  let depth = 0;
  while (!c.atEnd()) {
    const text = c.next().text;
    if (text === "(") depth++;
    if (text === ")") {
      if (depth === 0) break;
      depth--;
    }
    if (text === "," && depth === 0) {
      types.push(current.trim());
      current = "";
      continue;
    }
    current += ` ${text}`;
  }
  if (current.trim() !== "") types.push(current.trim());
  return types;
}

function rowsOf(r: RoutineEntry): [string, string][] {
  const javascript = r.language.toUpperCase() === "JAVASCRIPT";
  const args = splitTopLevel(r.signature).map(declaration);
  const signature = `(${args
    .map((a) => `${javascript ? a.name.toUpperCase() : a.name} ${printed(a.type)}`)
    .join(", ")})`;
  const text = r.text ?? "";
  const rows: [string, string][] = [
    ["signature", signature],
    ["returns", printed((r.returns ?? "").trim())],
    ["language", r.language.toUpperCase()],
  ];
  if (r.kind === "PROCEDURE") {
    const strict = /\b(STRICT|RETURNS\s+NULL\s+ON\s+NULL\s+INPUT)\b/i.test(text);
    rows.push(
      ["null handling", strict ? "RETURNS NULL ON NULL INPUT" : "CALLED ON NULL INPUT"],
      ["volatility", /\bIMMUTABLE\b/i.test(text) ? "IMMUTABLE" : "VOLATILE"],
      ["execute as", /\bEXECUTE\s+AS\s+CALLER\b/i.test(text) ? "CALLER" : "OWNER"],
    );
  }
  rows.push(["body", r.body ?? ""]);
  return rows;
}

export async function describeRoutine(
  env: CatalogEnv,
  ctx: CatalogContext,
  c: Cursor,
  kind: "FUNCTION" | "PROCEDURE",
): Promise<CatalogResult> {
  const name = resolveName(ctx, kind, c.name());
  const wanted = readArgumentTypes(c).map(family);
  if (!c.atEnd()) c.fail("end of statement");
  const [database, schema, routine] = name as [string, string, string];
  const found = env.directory.routines ? await env.directory.routines(database, schema) : [];
  const roles = sessionRoles(env, ctx);
  const r = found.find(
    (x) =>
      x.kind === kind &&
      x.name === routine &&
      (ownerOf(env, kind, name) === null || seesObject(env, roles, kind, name)) &&
      splitTopLevel(x.signature)
        .map((a) => family(declaration(a).type))
        .join(",") === wanted.join(","),
  );
  if (!r) {
    const label = kind === "FUNCTION" ? "Function" : "Procedure";
    throw notFound(label, `${displayName(name)}(${wanted.join(", ")})`);
  }
  return { kind: "DESCRIBE", columns: columns(["property:t", "value:t"]), rows: rowsOf(r) };
}
