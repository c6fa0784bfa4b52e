/** USE, SET / UNSET variables, ALTER SESSION, and transaction control. */
import { commitStreamOffsets, discardStreamOffsets } from "../streams/offsets.js";
import { randomUUID } from "node:crypto";
import { Cursor } from "../cursor.js";
import { SnowflakeError, sfErrors } from "../errors.js";
import { DATETIME_PARAMETERS, validateParameter } from "../datetime/parameters.js";
import { valueText } from "../format.js";
import { type HandlerOutput, STATEMENT_OK, statusResult } from "../result.js";
import type { StatementContext } from "../session.js";
import { authorise } from "./ddl.js";
import type { CellValue, ResultColumn } from "../types.js";
import { stringLiteral, type VariableValue } from "../variables.js";
import { handleQuery } from "./query.js";

function objectMissing(): SnowflakeError {
  return new SnowflakeError(
    "002043",
    "02000",
    "SQL compilation error:\nObject does not exist, or operation cannot be performed.",
  );
}

export async function handleUse(ctx: StatementContext): Promise<HandlerOutput> {
  const c = new Cursor(ctx.sql);
  c.expect("USE");
  const state = ctx.session.stateValue;
  const directory = ctx.engine.directory;
  let kind: "DATABASE" | "SCHEMA" | null = null;
  if (c.accept("DATABASE")) kind = "DATABASE";
  else if (c.accept("SCHEMA")) kind = "SCHEMA";
  const parts = c.qualifiedName().map((p) => p.name);
  if (!c.done || parts.length > 2) c.fail();
  if (kind === "DATABASE" && parts.length !== 1) c.fail();
  if (kind === "DATABASE" || (kind === null && parts.length === 1)) {
    const db = parts[0] as string;
    if (!directory.database(db)) throw objectMissing();
    await authorise(ctx, "DATABASE", { database: db, schema: db, name: db }, "USAGE");
    state.database = db;
    state.schema = directory.schema(db, "PUBLIC") ? "PUBLIC" : null;
    return statusResult(STATEMENT_OK, "USE");
  }
  const database = parts.length === 2 ? (parts[0] as string) : state.database;
  const schema = parts[parts.length - 1] as string;
  if (database === null) throw sfErrors.noCurrentDatabase();
  if (!directory.schema(database, schema)) throw objectMissing();
  await authorise(ctx, "SCHEMA", { database, schema, name: schema }, "USAGE");
  state.database = database;
  state.schema = schema;
  return statusResult(STATEMENT_OK, "USE");
}

/** A Snowflake literal reproducing a value of a result column (for `$x` substitution). */
function literalOf(value: CellValue, column: ResultColumn): VariableValue {
  return { ...literalText(value, column), type: column.type };
}

function literalText(value: CellValue, column: ResultColumn): VariableValue {
  const text = valueText(value, column);
  if (text === null) return { text: null, literal: "NULL" };
  switch (column.type) {
    case "fixed":
    case "real":
      return { text, literal: text };
    case "boolean":
      return { text, literal: text.toUpperCase() };
    case "date":
      return { text, literal: `${stringLiteral(text)}::DATE` };
    case "time":
      return { text, literal: `${stringLiteral(text)}::TIME` };
    case "timestamp_ntz":
    case "timestamp_ltz":
    case "timestamp_tz":
      return { text, literal: `${stringLiteral(text)}::${column.type.toUpperCase()}` };
    case "variant":
    case "object":
    case "array":
      return { text, literal: `PARSE_JSON(${stringLiteral(text)})` };
    default:
      return { text, literal: stringLiteral(text) };
  }
}

/** Evaluates expressions with one SELECT in this session. */
async function evaluate(ctx: StatementContext, expressions: string[]): Promise<VariableValue[]> {
  const sql = `SELECT ${expressions.join(", ")}`;
  const out = await handleQuery({ ...ctx, sql, words: ["SELECT"], deferRows: false, internal: true });
  const row = out.rows[0] ?? [];
  return out.columns.map((column, i) => literalOf(row[i] ?? null, column));
}

/** Splits `a, b, c` at top-level commas. */
function splitTopLevel(text: string): string[] {
  const c = new Cursor(text);
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (const t of c.tokens) {
    const ch = t.kind === "punct" ? text.slice(t.start, t.end) : "";
    if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (ch === "," && depth === 0) {
      items.push(text.slice(start, t.start).trim());
      start = t.end;
    }
  }
  items.push(text.slice(start).trim());
  return items.filter((s) => s !== "");
}

export async function handleSet(ctx: StatementContext): Promise<HandlerOutput> {
  const c = new Cursor(ctx.sql);
  c.expect("SET");
  let names: string[];
  let expressions: string[];
  if (c.peek()?.kind === "punct" && c.text() === "(") {
    names = splitTopLevel(c.group()).map((n) => new Cursor(n).namePart().name);
    if (!c.acceptPunct("=")) c.fail();
    const rest = c.rest();
    if (!rest.startsWith("(") || !rest.endsWith(")")) throw sfErrors.syntax(1, 0, rest.slice(0, 20));
    expressions = splitTopLevel(rest.slice(1, -1));
    if (expressions.length !== names.length) {
      throw new SnowflakeError(
        "000904",
        "42000",
        "SQL compilation error:\nThe number of variables and values does not match.",
      );
    }
  } else {
    names = [c.namePart().name];
    if (!c.acceptPunct("=")) c.fail();
    expressions = [c.rest()];
    if (expressions[0] === "") c.fail();
  }
  const values = await evaluate(ctx, expressions);
  const now = Date.now();
  for (const [i, name] of names.entries()) {
    const createdOn = ctx.session.variables.get(name)?.createdOn ?? now;
    ctx.session.variables.set(name, { ...(values[i] as VariableValue), createdOn, updatedOn: now });
  }
  return statusResult(STATEMENT_OK, "SET");
}

export async function handleUnset(ctx: StatementContext): Promise<HandlerOutput> {
  const c = new Cursor(ctx.sql);
  c.expect("UNSET");
  const names =
    c.peek()?.kind === "punct" && c.text() === "("
      ? splitTopLevel(c.group()).map((n) => new Cursor(n).namePart().name)
      : [c.namePart().name];
  for (const name of names) {
    if (!ctx.session.variables.delete(name)) throw sfErrors.variableNotSet(name);
  }
  return statusResult(STATEMENT_OK, "SET");
}

export async function handleAlterSession(ctx: StatementContext): Promise<HandlerOutput> {
  const c = new Cursor(ctx.sql);
  c.expect("ALTER", "SESSION");
  const parameters = ctx.session.stateValue.parameters;
  const changed: string[] = [];
  if (c.accept("SET")) {
    const assignments: [string, string][] = [];
    while (!c.done) {
      const key = c.namePart().name.toUpperCase();
      if (!c.acceptPunct("=")) c.fail();
      const t = c.peek();
      const value = t?.kind === "string" ? c.string() : c.take();
      const stored = t?.kind === "word" ? value.toUpperCase() : value;
      validateParameter(key, stored);
      assignments.push([key, stored]);
      c.acceptPunct(",");
    }
    for (const [key, value] of assignments) {
      parameters[key] = value;
      changed.push(key);
    }
  } else if (c.accept("UNSET")) {
    while (!c.done) {
      const key = c.namePart().name.toUpperCase();
      delete parameters[key];
      changed.push(key);
      c.acceptPunct(",");
    }
  } else return c.fail();
  if (changed.some((key) => DATETIME_PARAMETERS.has(key))) await ctx.session.applyDateTimeSettings();
  return statusResult(STATEMENT_OK, "SET");
}

export async function handleTcl(ctx: StatementContext): Promise<HandlerOutput> {
  const first = ctx.words[0];
  const session = ctx.session;
  if (first === "BEGIN" || first === "START") {
    if (!session.inTransaction) {
      await ctx.connection.run("BEGIN TRANSACTION");
      session.inTransaction = true;
      session.transactionInfo = { name: randomUUID(), startedOn: Date.now() };
      session.transactionLocks = [];
    }
    return statusResult(STATEMENT_OK, "TCL");
  }
  if (first === "COMMIT") {
    if (session.inTransaction) {
      session.inTransaction = false;
      await ctx.connection.run("COMMIT");
      // The streams its DML statements read move to where those reads ended.
      await commitStreamOffsets(ctx);
    }
    return statusResult(STATEMENT_OK, "TCL");
  }
  discardStreamOffsets(session);
  if (session.inTransaction) {
    session.inTransaction = false;
    await ctx.connection.run("ROLLBACK");
  }
  return statusResult(STATEMENT_OK, "TCL");
}
