/**
 * Other schema objects: sequences (also DuckDB sequences), file formats and stages (recorded),
 * procedures and functions (stored; SQL UDFs also become DuckDB macros).
 */
import { stripStatement } from "../classify.js";
import { Cursor } from "../cursor.js";
import { SnowflakeError, sfErrors } from "../errors.js";
import { displayName, duckSchemaName, encodeName, quoteDuck } from "../identifiers.js";
import { META_SCHEMA, type ObjectKind } from "../metadata.js";
import { type HandlerOutput, STATEMENT_OK, statusResult } from "../result.js";
import type { StatementContext } from "../session.js";
import {
  javascriptFunctionMacro,
  javascriptTableFunctionMacro,
  type UdfArgument,
} from "../javascript/udf-macro.js";
import { translateStatement } from "../translate.js";
import { parseSnowflakeType } from "../types-map.js";
import { udfLookup } from "../udf-lookup.js";
import {
  authorise,
  deleteObjectRows,
  duckString,
  insertObjectRow,
  notifyCreated,
  notifyDropped,
  runDdl,
} from "./ddl.js";
import { alterSequence } from "./alter-sequence.js";
import { display, target } from "./relations.js";

/** The kinds this module handles. */
type SchemaObjectKind = Extract<ObjectKind, "SEQUENCE" | "FILE FORMAT" | "STAGE" | "PROCEDURE" | "FUNCTION">;

const OBJECT_KINDS: [string[], SchemaObjectKind][] = [
  [["SEQUENCE"], "SEQUENCE"],
  [["FILE", "FORMAT"], "FILE FORMAT"],
  [["STAGE"], "STAGE"],
  [["PROCEDURE"], "PROCEDURE"],
  [["FUNCTION"], "FUNCTION"],
];

const KIND_LABEL: Record<string, string> = {
  SEQUENCE: "Sequence",
  "FILE FORMAT": "File format",
  STAGE: "Stage area",
  PROCEDURE: "Function",
  FUNCTION: "Function",
};

export async function handleObject(ctx: StatementContext): Promise<HandlerOutput> {
  const c = new Cursor(ctx.sql);
  const verb = ctx.words[0];
  c.pos++;
  const orReplace = verb === "CREATE" && c.accept("OR", "REPLACE");
  while (["TEMPORARY", "TEMP", "SECURE", "EXTERNAL"].includes(c.peek()?.upper ?? "")) c.pos++;
  let kind: SchemaObjectKind | null = null;
  for (const [words, k] of OBJECT_KINDS) {
    if (c.accept(...words)) {
      kind = k;
      break;
    }
  }
  if (kind === null) return c.fail();
  const ifClause = verb === "CREATE" ? c.accept("IF", "NOT", "EXISTS") : c.accept("IF", "EXISTS");
  const name = target(
    ctx,
    c.qualifiedName().map((p) => p.name),
  );
  // Routines are identified by name and argument types; the engine keys them by name only.
  let signature = "";
  if ((kind === "PROCEDURE" || kind === "FUNCTION") && c.peek()?.kind === "punct" && c.text() === "(") {
    signature = c.group();
  }
  const directory = ctx.engine.directory;
  const existing = directory.object(name, kind);
  const seqName = `${quoteDuck(duckSchemaName(name.database, name.schema))}.${quoteDuck(encodeName(name.name))}`;
  if (verb === "DROP") {
    if (!existing) {
      if (ifClause)
        return statusResult(`Drop statement executed successfully (${name.name} already dropped).`);
      throw sfErrors.objectDoesNotExist(display(name));
    }
    await authorise(ctx, kind, name, "DROP");
    await runDdl(ctx, async (conn) => {
      if (kind === "SEQUENCE") await conn.run(`DROP SEQUENCE IF EXISTS ${seqName}`);
      if (kind === "FUNCTION") await conn.run(`DROP MACRO IF EXISTS ${seqName}`);
      await deleteObjectRows(conn, name, kind);
    });
    await notifyDropped(ctx, kind, name);
    return statusResult(`${name.name} successfully dropped.`);
  }
  if (verb === "ALTER") {
    if (!existing) {
      if (ifClause) return statusResult(STATEMENT_OK);
      throw sfErrors.objectDoesNotExist(display(name));
    }
    await authorise(ctx, kind, name, "ALTER");
    if (kind === "SEQUENCE") return alterSequence(ctx, c, name);
    const rest = c.rest();
    const comment = /COMMENT\s*=\s*'((?:[^']|'')*)'/i.exec(rest);
    if (comment) {
      await runDdl(ctx, (conn) =>
        conn.run(
          `UPDATE ${META_SCHEMA}.objects SET comment = ${duckString((comment[1] as string).replaceAll("''", "'"))} WHERE database_name = ${duckString(name.database)} AND schema_name = ${duckString(name.schema)} AND name = ${duckString(name.name)} AND kind = ${duckString(kind)}`,
        ),
      );
    }
    return statusResult(STATEMENT_OK);
  }
  // CREATE: CREATE <kind> on the schema, and OWNERSHIP of an object it replaces.
  await authorise(ctx, kind, name, "CREATE");
  if (existing && orReplace) await authorise(ctx, kind, name, "DROP");
  if (existing && ifClause) return statusResult(`${name.name} already exists, statement succeeded.`);
  if (existing && !orReplace) throw sfErrors.alreadyExists(displayName(name.name));
  const rest = c.rest();
  const properties: Record<string, unknown> = {};
  if (signature !== "") properties.arguments = signature.trim();
  const returns =
    /\bRETURNS\s+(.+?)\s+(?:LANGUAGE|AS|NOT|NULL|STRICT|IMMUTABLE|VOLATILE|CALLED|RETURNS|COMMENT|EXECUTE|MEMOIZABLE|SECURE|COPY)\b/is.exec(
      rest,
    );
  if (returns) properties.returns = (returns[1] as string).trim();
  const language = /\bLANGUAGE\s+(\w+)/i.exec(rest);
  properties.language = language ? (language[1] as string).toUpperCase() : "SQL";
  // Comments may stand between AS and the body (`AS -- "$$" starts the body` on the documentation's pages).
  const body = /\bAS(?:\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)+(\$\$[\s\S]*\$\$|'(?:[^'\\]|\\.|'')*')\s*$/i.exec(
    rest,
  );
  if (body) {
    const raw = body[1] as string;
    properties.body = raw.startsWith("$$") ? raw.slice(2, -2) : raw.slice(1, -1).replaceAll("''", "'");
  }
  const comment = /COMMENT\s*=\s*'((?:[^']|'')*)'/i.exec(
    rest.replace(/\bAS(?:\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)+(\$\$[\s\S]*\$\$)\s*$/i, ""),
  );
  await runDdl(ctx, async (conn) => {
    if (existing) {
      if (kind === "SEQUENCE") await conn.run(`DROP SEQUENCE IF EXISTS ${seqName}`);
      if (kind === "FUNCTION") await conn.run(`DROP MACRO IF EXISTS ${seqName}`);
      await deleteObjectRows(conn, name, kind);
    }
    if (kind === "FUNCTION" && properties.language === "SQL" && typeof properties.body === "string") {
      // Where the body's names were resolved: udf-policies.ts reads the same relations at call time.
      const state = ctx.session.stateValue;
      properties.bodyScope = { database: state.database, schema: state.schema };
      const tableColumns =
        typeof properties.returns === "string" ? returnedColumns(properties.returns) : null;
      if (tableColumns) {
        await conn.run(sqlTableFunctionMacro(ctx, seqName, signature, properties.body, tableColumns));
      } else {
        const returns =
          typeof properties.returns === "string" ? parseSnowflakeType(properties.returns) : null;
        await conn.run(sqlFunctionMacro(ctx, seqName, signature, properties.body, returns?.duckType ?? null));
      }
    }
    if (kind === "FUNCTION" && properties.language === "JAVASCRIPT" && typeof properties.body === "string") {
      const args = declaredItems(signature);
      const returnsText = typeof properties.returns === "string" ? properties.returns : "VARCHAR";
      const table = /^TABLE\s*\(([\s\S]*)\)\s*$/i.exec(returnsText.trim());
      const macro = table
        ? javascriptTableFunctionMacro(
            seqName,
            name.name,
            args,
            properties.body,
            declaredItems(table[1] as string),
            encodeName,
          )
        : javascriptFunctionMacro(seqName, name.name, args, properties.body, returnsText, encodeName);
      if (macro !== null) {
        await conn.run(macro);
        properties.javascriptMacro = true;
      }
    }
    if (kind === "SEQUENCE") {
      const start = /\bSTART\s+(?:WITH\s+)?=?\s*(-?\d+)/i.exec(rest)?.[1] ?? "1";
      const increment = /\bINCREMENT\s+(?:BY\s+)?=?\s*(-?\d+)/i.exec(rest)?.[1] ?? "1";
      properties.start = Number(start);
      properties.increment = Number(increment);
      await conn.run(`CREATE SEQUENCE ${seqName} START ${start} INCREMENT ${increment}`);
    }
    await insertObjectRow(conn, {
      name,
      kind,
      duckName: kind === "SEQUENCE" ? encodeName(name.name) : null,
      text: stripStatement(ctx.original),
      comment: comment ? (comment[1] as string).replaceAll("''", "'") : null,
      owner: ctx.session.stateValue.role,
      properties,
    });
  });
  if (existing) await notifyDropped(ctx, kind, name);
  await notifyCreated(ctx, kind, name);
  return statusResult(`${KIND_LABEL[kind] ?? kind} ${name.name} successfully created.`);
}

/**
 * A SQL UDF as a DuckDB macro in the function's schema (sessions put their current schema on
 * DuckDB's search path, so unqualified calls find it). Arguments are referenced by name in the body.
 */
function sqlFunctionMacro(
  ctx: StatementContext,
  macroName: string,
  signature: string,
  body: string,
  returnsDuckType: string | null,
): string {
  const args = splitArguments(signature).map((arg) => new Cursor(arg).namePart().name);
  const state = ctx.session.stateValue;
  const scope = { database: state.database, schema: state.schema };
  const expression = /^\s*(select|with)\b/i.test(body) ? `(${body.trim()})` : body.trim();
  const duck = translateStatement(
    `SELECT ${expression} AS MERC_UDF_BODY`,
    scope,
    ctx.engine.functions,
    undefined,
    undefined,
    udfLookup(ctx.engine.directory, ctx.session.stateValue),
  ).duckSql;
  const inner = duck.replace(/^SELECT\s+/i, "").replace(/\s+AS\s+"MERC_UDF_BODY"\s*$/i, "");
  const value = returnsDuckType === null ? inner : `CAST((${inner}) AS ${returnsDuckType})`;
  return `CREATE OR REPLACE MACRO ${macroName}(${args.map((a) => quoteDuck(encodeName(a))).join(", ")}) AS (${value})`;
}

/** The columns of `RETURNS TABLE (a NUMBER, b VARCHAR)`, or null for a scalar UDF. */
function returnedColumns(returns: string): { name: string; duckType: string }[] | null {
  const table = /^TABLE\s*\(([\s\S]*)\)\s*$/i.exec(returns.trim());
  if (!table) return null;
  return splitArguments(table[1] as string).map((column) => {
    const c = new Cursor(column);
    const name = c.namePart().name;
    const type = parseSnowflakeType(c.rest().trim());
    if (!type)
      throw new SnowflakeError(
        "002040",
        "0A000",
        `SQL compilation error:\nUnsupported data type '${c.rest().trim()}' for column ${name} of RETURNS TABLE.`,
      );
    return { name, duckType: type.duckType };
  });
}

/**
 * A SQL UDTF as a DuckDB table macro in the function's schema. The body's columns are taken by
 * position and given the declared names and types, as Snowflake does.
 */
function sqlTableFunctionMacro(
  ctx: StatementContext,
  macroName: string,
  signature: string,
  body: string,
  columns: { name: string; duckType: string }[],
): string {
  const args = splitArguments(signature).map((arg) => new Cursor(arg).namePart().name);
  const state = ctx.session.stateValue;
  const scope = { database: state.database, schema: state.schema };
  const duck = translateStatement(
    body.trim().replace(/;\s*$/, ""),
    scope,
    ctx.engine.functions,
    undefined,
    undefined,
    udfLookup(ctx.engine.directory, ctx.session.stateValue),
  ).duckSql;
  const positions = columns.map((_, i) => quoteDuck(`MERC_UDTF_${i + 1}`));
  const select = columns
    .map((c, i) => `CAST(${positions[i]} AS ${c.duckType}) AS ${quoteDuck(encodeName(c.name))}`)
    .join(", ");
  return `CREATE OR REPLACE MACRO ${macroName}(${args.map((a) => quoteDuck(encodeName(a))).join(", ")}) AS TABLE SELECT ${select} FROM (${duck}) AS MERC_UDTF_BODY(${positions.join(", ")})`;
}

/** `name TYPE` items (arguments, RETURNS TABLE columns) as names, resolved as SQL resolves them, and types as written. */
function declaredItems(list: string): UdfArgument[] {
  return splitArguments(list).map((item) => {
    const c = new Cursor(item);
    return { name: c.namePart().name, type: c.rest().trim() };
  });
}

/**
 * A stored LANGUAGE JAVASCRIPT table function's arguments, RETURNS TABLE columns and body (for the
 * partition runner, javascript/udtf-partitions.ts), or null for any other function.
 */
export function javascriptTableFunctionOf(
  properties: Record<string, unknown>,
): { args: UdfArgument[]; columns: UdfArgument[]; body: string } | null {
  if (properties.language !== "JAVASCRIPT" || typeof properties.body !== "string") return null;
  const table = /^TABLE\s*\(([\s\S]*)\)\s*$/i.exec(String(properties.returns ?? "").trim());
  if (!table) return null;
  const signature = typeof properties.arguments === "string" ? properties.arguments : "";
  return {
    args: declaredItems(signature),
    columns: declaredItems(table[1] as string),
    body: properties.body,
  };
}

/** `a NUMBER, b VARCHAR` at top-level commas. */
function splitArguments(signature: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < signature.length; i++) {
    const ch = signature[i];
    if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (ch === "," && depth === 0) {
      out.push(signature.slice(start, i));
      start = i + 1;
    }
  }
  out.push(signature.slice(start));
  return out.map((a) => a.trim()).filter((a) => a !== "");
}
