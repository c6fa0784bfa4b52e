/**
 * CALL of a LANGUAGE JAVASCRIPT stored procedure: the body runs in a fresh QuickJS sandbox
 * (javascript/sandbox.ts) with Snowflake's stored procedure API; the statements it runs go through
 * this session's pipeline, with its role and privilege checks, exactly as a SQL procedure's do.
 * Arguments arrive as upper-case variables (quoted names keep their case); the return value is
 * converted to the declared RETURNS type by a SELECT of it cast to that type.
 */
import { Cursor } from "../cursor.js";
import { SnowflakeError, sfErrors } from "../errors.js";
import { valueText } from "../format.js";
import { DEFAULT_SANDBOX_LIMITS, runInSandbox, type SandboxLimits } from "../javascript/sandbox.js";
import type { HandlerOutput } from "../result.js";
import type { StatementContext } from "../session.js";
import type { BindValue, CellValue, ResultColumn, StatementResult } from "../types.js";
import { parseSnowflakeType } from "../types-map.js";
import { stringLiteral, substitute } from "../variables.js";
import { callResult } from "./call-result.js";
import { handleQuery } from "./query.js";

/** The stored properties of a procedure that a JavaScript CALL reads. */
export interface JavaScriptProcedure {
  name: string;
  arguments: string;
  body: string;
  returns: string | undefined;
  /**
   * EXECUTE AS OWNER (Snowflake's default) or CALLER. An owner's rights procedure cannot read the
   * caller's session variables nor set or unset any (ownersRightsCheck); the engine applies those
   * two rules. Privileges are still checked as the caller's role, not the owner's.
   */
  executeAs?: "OWNER" | "CALLER";
}

const JS_IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `a NUMBER, b VARCHAR` at top-level commas. */
function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (ch === "," && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map((a) => a.trim()).filter((a) => a !== "");
}

/** A cell as the sandbox's prelude decodes it (see prelude.ts `decode`), and its text. */
function jsCell(value: CellValue, column: ResultColumn): [unknown, string | null] {
  const text = value === null ? null : valueText(value, column);
  if (value === null) return [null, null];
  switch (column.type) {
    case "fixed":
    case "real":
      return [Number(value), text];
    case "boolean":
      return [value === true || value === "true", text];
    case "text":
      return [String(value), text];
    case "date":
      return [{ date: Number(value) * 86_400_000 }, text];
    case "timestamp_ntz":
    case "timestamp_ltz":
    case "timestamp_tz": {
      const tz = typeof value === "object" && value !== null && "epochNanos" in value ? value : null;
      const nanos = tz ? tz.epochNanos : BigInt(value as bigint);
      const second = nanos >= 0n ? nanos / 1_000_000_000n : -((-nanos + 999_999_999n) / 1_000_000_000n);
      const fraction = nanos - second * 1_000_000_000n;
      return [
        {
          ts: Number(second) * 1000 + Math.floor(Number(fraction) / 1_000_000),
          nanos: Number(fraction),
          tz: tz ? tz.offsetMinutes : 0,
          scale: column.scale ?? 9,
        },
        text,
      ];
    }
    case "variant":
    case "object":
    case "array":
      return [{ json: String(value) }, text];
    case "binary":
      return [{ bytes: Array.from(value as Uint8Array) }, text];
    default:
      return [text, text];
  }
}

function rowsChanged(result: StatementResult, what: string): number {
  const index = result.columns.findIndex((c) => c.name.toLowerCase() === `number of rows ${what}`);
  return index < 0 ? 0 : Number(result.rows[0]?.[index] ?? 0);
}

/** A statement's result in the shape prelude.ts's ResultSet reads. */
function resultForJs(result: StatementResult): unknown {
  return {
    queryId: result.queryId,
    columns: result.columns.map((c) => ({
      name: c.name,
      type: c.type,
      sqlType: c.sqlType,
      scale: c.scale,
      nullable: c.nullable,
    })),
    rows: result.rows.map((row) => row.map((cell, i) => jsCell(cell, result.columns[i] as ResultColumn))),
    inserted: rowsChanged(result, "inserted"),
    updated: rowsChanged(result, "updated"),
    deleted: rowsChanged(result, "deleted"),
  };
}

/** The CALL's arguments cast to the declared types, as sandbox cells. */
async function argumentCells(
  ctx: StatementContext,
  declared: { name: string; type: string }[],
  argsText: string,
): Promise<unknown[]> {
  if (declared.length === 0) return [];
  const raw = await handleQuery({
    ...ctx,
    sql: `SELECT ${argsText}`,
    words: ["SELECT"],
    deferRows: false,
    internal: true,
  });
  const row = raw.rows[0] ?? [];
  const casts = declared.map((arg, i) => {
    const column = raw.columns[i];
    const value = column === undefined ? null : valueText(row[i] ?? null, column);
    const literal =
      value === null
        ? "NULL"
        : column?.type === "fixed" || column?.type === "real" || column?.type === "boolean"
          ? value
          : column?.type === "variant" || column?.type === "object" || column?.type === "array"
            ? `PARSE_JSON(${stringLiteral(value)})`
            : stringLiteral(value);
    // Semi-structured values reach JavaScript as parsed JSON: no cast needed (nor wanted: the
    // engine's parser does not take `::ARRAY` / `::OBJECT`).
    const family = parseSnowflakeType(arg.type)?.type;
    if (family === "variant" || family === "object" || family === "array") {
      return column?.type === "variant" ||
        column?.type === "object" ||
        column?.type === "array" ||
        value === null
        ? literal
        : `TO_VARIANT(${literal})`;
    }
    return `${literal}::${arg.type}`;
  });
  const typed = await handleQuery({
    ...ctx,
    sql: `SELECT ${casts.join(", ")}`,
    words: ["SELECT"],
    deferRows: false,
    internal: true,
  });
  const values = typed.rows[0] ?? [];
  return typed.columns.map((column, i) => jsCell(values[i] ?? null, column)[0]);
}

type Encoded =
  | { t: "null" }
  | { t: "number"; v: string }
  | { t: "string"; v: string }
  | { t: "boolean"; v: boolean }
  | { t: "date"; v: string | null; s: string }
  | { t: "json"; v: string | null; s: string };

/** The returned JavaScript value as a Snowflake expression of the declared type. */
function returnExpression(value: Encoded, returns: string): string {
  const family = parseSnowflakeType(returns)?.type ?? "text";
  if (value.t === "null")
    return family === "variant" || family === "object" || family === "array" ? "NULL" : `NULL::${returns}`;
  if (family === "variant" || family === "object" || family === "array") {
    const json =
      value.t === "json"
        ? value.v
        : value.t === "number"
          ? value.v
          : value.t === "boolean"
            ? String(value.v)
            : JSON.stringify(value.v);
    // The declared type names the column; the value needs no cast (the parser refuses `::ARRAY`).
    return json === null ? "NULL" : `PARSE_JSON(${stringLiteral(json)})`;
  }
  if (family === "text") {
    const text = value.t === "date" || value.t === "json" ? value.s : String(value.v);
    return `${stringLiteral(text)}::${returns}`;
  }
  if (value.t === "number")
    return /^-?\d/.test(value.v) ? `${value.v}::${returns}` : `${stringLiteral(value.v)}::${returns}`;
  if (value.t === "boolean") return `${value.v ? "TRUE" : "FALSE"}::${returns}`;
  if (value.t === "date") {
    if (value.v === null) return `NULL::${returns}`;
    // A wall-clock type takes the UTC wall clock; the others keep the instant.
    const text = family === "date" || family === "timestamp_ntz" ? value.v.replace(/ \+00:00$/, "") : value.v;
    return `${stringLiteral(text)}::${returns}`;
  }
  if (value.t === "json")
    return value.v === null ? `NULL::${returns}` : `${stringLiteral(value.s)}::${returns}`;
  return `${stringLiteral(value.v)}::${returns}`;
}

/**
 * The line of the body a stack trace's innermost frame in `filename` names, and where its statement
 * starts (V8, which Snowflake runs, points at the failing construct; QuickJS's frames carry no such
 * column, so the statement's start stands in).
 */
function failingLine(
  stack: string,
  filename: string,
  body: string,
): { line: number; text: string; position: number } {
  const escaped = filename.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const frame = new RegExp(`${escaped}:(\\d+)(?::(\\d+))?`).exec(stack);
  const line = frame ? Number(frame[1]) : 1;
  const text = body.split("\n")[line - 1] ?? "";
  return { line, text, position: text.length - text.trimStart().length };
}

interface SandboxError {
  name: string | null;
  message: string;
  stack: string;
  sql: { code: number | string; state: string; message: string; at?: string } | null;
}

function raised(procedure: string, error: SandboxError, body: string, filename: string): SnowflakeError {
  const where = failingLine(error.stack, filename, body);
  if (error.sql !== null) {
    return new SnowflakeError(
      "100183",
      "P0000",
      `Execution error in store procedure ${procedure}:\n${error.sql.message}\nAt ${error.sql.at ?? `Statement.execute, line ${where.line} position ${where.position}`}`,
    );
  }
  const thrown = error.name === null ? error.message : `${error.name}: ${error.message}`;
  return new SnowflakeError(
    "100132",
    "P0000",
    `JavaScript execution error: Uncaught ${thrown} in ${procedure} at '${where.text.trim()}' position ${where.position}\nstackstrace: \n${procedure} line: ${where.line}`,
  );
}

/** Snowflake's wording for a body that ran out of memory (stored-procedures-javascript, Troubleshooting). */
function outOfMemory(limits: SandboxLimits): SnowflakeError {
  return new SnowflakeError(
    "100132",
    "P0000",
    `JavaScript out of memory error: UDF thread memory limit exceeded (the local engine's limit is ${Math.round(limits.memoryBytes / 1024 / 1024)} MB)`,
  );
}

/** A run the sandbox stopped at its time limit. */
function exceeded(procedure: string, limit: string): SnowflakeError {
  return new SnowflakeError(
    "100132",
    "P0000",
    `JavaScript execution error: ${procedure} exceeded the local engine's JavaScript ${limit} and was stopped.`,
  );
}

/**
 * What an owner's rights procedure may not do with the caller's session: SET / UNSET a session
 * variable, or read one (`$name` fails as if no variable were set: the caller's are not visible).
 */
function ownersRightsCheck(sqlText: string): void {
  const first = /^\s*(\w+)/
    .exec(sqlText.replace(/^(\s*(--[^\n]*\n|\/\*[\s\S]*?\*\/))*/, ""))?.[1]
    ?.toUpperCase();
  if (first === "SET" || first === "UNSET")
    throw sfErrors.unsupported(
      `${first} of a session variable in an owner's rights procedure (EXECUTE AS OWNER)`,
    );
  substitute(sqlText, new Map());
}

/** Runs the procedure's body and returns its one-row, one-column result. */
export async function callJavaScript(
  ctx: StatementContext,
  procedure: JavaScriptProcedure,
  argsText: string,
  limits: SandboxLimits = DEFAULT_SANDBOX_LIMITS,
): Promise<HandlerOutput> {
  const declared = splitTopLevel(procedure.arguments).map((arg) => {
    const c = new Cursor(arg);
    const name = c.namePart().name;
    return { name, type: c.rest().trim() };
  });
  const args = await argumentCells(ctx, declared, argsText);
  const params = declared.map((a, i) => (JS_IDENTIFIER.test(a.name) ? a.name : `__merc_arg${i}`));
  const filename = procedure.name;
  // The wrapper shares the body's first line, so a stack trace's line numbers are the body's own.
  const code = `__merc_run(function (${params.join(", ")}) {${procedure.body}\n}, ${JSON.stringify(JSON.stringify(args))});`;
  let hostFailure: unknown;
  const outcome = await runInSandbox(
    code,
    filename,
    {
      async execute(requestJson) {
        const request = JSON.parse(requestJson) as { sqlText: string; binds: BindValue[] };
        try {
          if ((procedure.executeAs ?? "OWNER") === "OWNER") ownersRightsCheck(request.sqlText);
          const result = await ctx.session.execute(
            request.sqlText,
            request.binds.length > 0 ? { binds: request.binds } : {},
          );
          return JSON.stringify({ result: resultForJs(result) });
        } catch (error) {
          if (error instanceof SnowflakeError) {
            return JSON.stringify({
              error: { code: Number(error.code), state: error.sqlState, message: error.message },
            });
          }
          hostFailure = error;
          return JSON.stringify({ error: { code: 0, state: "XX000", message: "internal error" } });
        }
      },
      // Snowflake sends snowflake.log() to an event table; the local engine has none, so a valid call is accepted and dropped.
      log() {},
    },
    limits,
  );
  if (hostFailure !== undefined) throw hostFailure;
  if (outcome.kind === "interrupted" && outcome.reason === "memory") throw outOfMemory(limits);
  if (outcome.kind === "interrupted") {
    const limit =
      outcome.reason === "timeout"
        ? `time limit (${limits.timeoutMs} ms of JavaScript)`
        : `memory limit (${Math.round(limits.memoryBytes / 1024 / 1024)} MB)`;
    throw exceeded(procedure.name, limit);
  }
  if (outcome.kind === "failed") {
    throw raised(
      procedure.name,
      { name: outcome.name, message: outcome.message, stack: outcome.stack, sql: null },
      procedure.body,
      filename,
    );
  }
  const answer = JSON.parse(outcome.json) as { ok?: Encoded; error?: SandboxError };
  if (answer.error?.name === "InternalError" && /out of memory/i.test(answer.error.message)) {
    throw outOfMemory(limits);
  }
  if (answer.error) throw raised(procedure.name, answer.error, procedure.body, filename);
  const returns = (procedure.returns ?? "VARCHAR").replace(/\s+NOT\s+NULL$/i, "");
  const value = await handleQuery({
    ...ctx,
    sql: `SELECT ${returnExpression(answer.ok as Encoded, returns)}`,
    words: ["SELECT"],
    deferRows: false,
    internal: true,
  });
  const declaredType = parseSnowflakeType(returns);
  const column = value.columns[0];
  return callResult(procedure.name, declaredType, column, value.rows[0]?.[0] ?? null);
}
