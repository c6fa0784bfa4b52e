/**
 * CALL of a stored procedure with LANGUAGE SQL whose body is a simple statement list, optionally in
 * `BEGIN … END` and ending in `RETURN <expression>`. Arguments are bound as literals wherever the
 * body names them (`:arg` in statements, `arg` in the RETURN expression). Richer Snowflake Scripting
 * (DECLARE, IF, loops, cursors) is not emulated and fails with a clear error.
 */
import { Cursor } from "../cursor.js";
import { SnowflakeError, sfErrors } from "../errors.js";
import { displayQualified } from "../identifiers.js";
import { qualify } from "../resolve.js";
import type { HandlerOutput } from "../result.js";
import type { StatementContext } from "../session.js";
import { splitStatements, tokenize } from "../split/index.js";
import { parseSnowflakeType } from "../types-map.js";
import { callJavaScript } from "./call-javascript.js";
import { callResult } from "./call-result.js";
import { handleQuery } from "./query.js";

const UNSUPPORTED = /^(DECLARE|IF|FOR|WHILE|LOOP|REPEAT|CASE|LET|OPEN|FETCH|CLOSE|RAISE|EXCEPTION)\b/i;

/** Replaces `:name` (and, when `bare`, plain `name`) with the argument's literal. */
function bindArguments(sql: string, args: Map<string, string>, bare: boolean): string {
  let out = "";
  let at = 0;
  const tokens = tokenize(sql).filter((t) => t.kind !== "line-comment" && t.kind !== "block-comment");
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as (typeof tokens)[number];
    const prev = tokens[i - 1];
    const colon = prev?.kind === "punct" && sql[prev.start] === ":" && prev.end === t.start;
    if (t.kind !== "word") continue;
    const literal = args.get(t.upper ?? "");
    if (literal === undefined) continue;
    if (colon) {
      out += `${sql.slice(at, (prev as (typeof tokens)[number]).start)}${literal}`;
      at = t.end;
    } else if (bare && !(prev?.kind === "punct" && sql[prev.start] === ".")) {
      out += `${sql.slice(at, t.start)}${literal}`;
      at = t.end;
    }
  }
  return out + sql.slice(at);
}

/**
 * Runs a statement list (optionally wrapped in BEGIN … END) in the session, binding `args`;
 * returns the RETURN expression's one-row result, or null when there is none.
 */
export async function runStatementList(
  ctx: StatementContext,
  text: string,
  args: Map<string, string>,
): Promise<HandlerOutput | null> {
  let body = text.trim();
  const block = /^BEGIN\b([\s\S]*)\bEND\s*;?\s*$/i.exec(body);
  if (block) body = block[1] as string;
  for (const statement of splitStatements(body)) {
    const sql = statement.text.trim();
    if (UNSUPPORTED.test(sql)) throw sfErrors.unsupported(`Snowflake Scripting '${sql.split(/\s+/)[0]}'`);
    const ret = /^RETURN\b([\s\S]*)$/i.exec(sql);
    if (ret) {
      const expression = bindArguments((ret[1] as string).trim(), args, true);
      return handleQuery({
        ...ctx,
        sql: `SELECT ${expression === "" ? "NULL" : expression}`,
        words: ["SELECT"],
        deferRows: false,
        internal: true,
      });
    }
    await ctx.session.execute(bindArguments(sql, args, false));
  }
  return null;
}

/**
 * An anonymous block (`BEGIN … END`) or EXECUTE IMMEDIATE of a string, `$$` body or variable:
 * the statements run in this session; the result is the RETURN value in column "anonymous block",
 * or, for EXECUTE IMMEDIATE of plain statements, the last statement's result.
 */
export async function handleScripting(ctx: StatementContext): Promise<HandlerOutput> {
  let text = ctx.sql;
  if (/^EXECUTE\s+IMMEDIATE\b/i.test(text)) {
    const c = new Cursor(text);
    c.expect("EXECUTE", "IMMEDIATE");
    text = c.string();
    if (!/^\s*(BEGIN|DECLARE)\b/i.test(text)) {
      let last: Awaited<ReturnType<typeof ctx.session.execute>> | null = null;
      for (const statement of splitStatements(text)) last = await ctx.session.execute(statement.text);
      if (last === null)
        throw new SnowflakeError("000900", "42000", "SQL compilation error:\nEmpty SQL statement.");
      return { kind: last.kind, columns: last.columns, rows: last.rows, rowCount: last.rowCount };
    }
  }
  if (/^\s*DECLARE\b/i.test(text)) throw sfErrors.unsupported("Snowflake Scripting 'DECLARE'");
  const returned = await runStatementList(ctx, text, new Map());
  const returnedColumn = returned?.columns[0];
  // A block returns its value, not a typed expression: a string is a full-length VARCHAR.
  const column =
    returnedColumn?.type === "text"
      ? { ...returnedColumn, sqlType: "VARCHAR(16777216)", length: 16_777_216 }
      : returnedColumn;
  return {
    kind: "CALL",
    columns: [
      {
        name: "anonymous block",
        type: column?.type ?? "text",
        sqlType: column?.sqlType ?? "VARCHAR(16777216)",
        nullable: true,
        precision: column?.precision ?? null,
        scale: column?.scale ?? null,
        length: column?.length ?? null,
      },
    ],
    rows: [[returned?.rows[0]?.[0] ?? null]],
    rowCount: 1,
  };
}

/** A procedure's EXECUTE AS, read from its CREATE text before the body (OWNER unless it says CALLER). */
function executeAsOf(text: string, body: string): "OWNER" | "CALLER" {
  const at = text.indexOf(body);
  const header = at >= 0 ? text.slice(0, at) : text;
  return /\bEXECUTE\s+AS\s+CALLER\b/i.test(header) ? "CALLER" : "OWNER";
}

export async function handleCall(ctx: StatementContext): Promise<HandlerOutput> {
  const c = new Cursor(ctx.sql);
  c.expect("CALL");
  const parts = c.qualifiedName().map((p) => p.name);
  const argsText = c.peek()?.kind === "punct" && c.text() === "(" ? c.group() : "";
  const name = qualify(
    {
      name: parts[parts.length - 1] as string,
      schema: parts.length >= 2 ? (parts[parts.length - 2] as string) : null,
      database: parts.length === 3 ? (parts[0] as string) : null,
    },
    ctx.session.stateValue,
  );
  const procedure = ctx.engine.directory.object(name, "PROCEDURE");
  if (!procedure) {
    throw new SnowflakeError(
      "002141",
      "42601",
      `SQL compilation error:\nUnknown user-defined procedure ${displayQualified(name.database, name.schema, name.name)}.`,
    );
  }
  // The caller needs USAGE on the procedure (or to own it), as in Snowflake.
  await ctx.engine.catalog.authorise(ctx.session.hookContext(), [
    {
      objectType: "PROCEDURE",
      object: { database: name.database, schema: name.schema, name: name.name },
      action: "READ",
    },
  ]);
  const properties = procedure.properties as {
    arguments?: string;
    body?: string;
    language?: string;
    returns?: string;
  };
  if (properties.language === "JAVASCRIPT" && typeof properties.body === "string") {
    return callJavaScript(
      ctx,
      {
        name: procedure.name,
        arguments: properties.arguments ?? "",
        body: properties.body,
        returns: properties.returns,
        executeAs: executeAsOf(procedure.text ?? "", properties.body),
      },
      argsText,
      ctx.engine.javascriptLimits,
    );
  }
  if ((properties.language ?? "SQL") !== "SQL" || typeof properties.body !== "string") {
    throw sfErrors.unsupported(`CALL of a ${properties.language ?? "non-SQL"} procedure`);
  }
  // Argument values: evaluated once, in this session, as literals.
  const names = (properties.arguments ?? "")
    .split(",")
    .map((a) => a.trim())
    .filter((a) => a !== "")
    .map((a) => new Cursor(a).namePart().name);
  const args = new Map<string, string>();
  if (names.length > 0) {
    const evaluated = await handleQuery({
      ...ctx,
      sql: `SELECT ${argsText}`,
      words: ["SELECT"],
      deferRows: false,
      internal: true,
    });
    const row = evaluated.rows[0] ?? [];
    const { valueText } = await import("../format.js");
    names.forEach((n, i) => {
      const column = evaluated.columns[i];
      const value = column === undefined ? null : valueText(row[i] ?? null, column);
      const literal =
        value === null
          ? "NULL"
          : column?.type === "fixed" || column?.type === "real" || column?.type === "boolean"
            ? value
            : `'${value.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
      args.set(n, literal);
    });
  }
  const returned = await runStatementList(ctx, properties.body, args);
  const declared = properties.returns
    ? parseSnowflakeType(properties.returns.replace(/\s+NOT\s+NULL$/i, ""))
    : null;
  const returnedColumn = returned?.columns[0];
  // A block returns its value, not a typed expression: a string is a full-length VARCHAR.
  const column =
    returnedColumn?.type === "text"
      ? { ...returnedColumn, sqlType: "VARCHAR(16777216)", length: 16_777_216 }
      : returnedColumn;
  return callResult(procedure.name, declared, column, returned?.rows[0]?.[0] ?? null);
}
